package io.github.openaiboot.finetuning;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.github.openaiboot.core.DeferredScheduler;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * {@link FineTuningClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultFineTuningClient implements FineTuningClient {

	private static final String PATH = "/fine_tuning/jobs";

	private static final int PAGE_SIZE = 100;

	private final OpenAiTransport pipeline;

	private final FollowSettings follow;

	private final Scheduler scheduler;

	/**
	 * Create a client that follows jobs with the default settings.
	 * @param pipeline the pipeline every call goes through
	 */
	public DefaultFineTuningClient(OpenAiTransport pipeline) {
		this(pipeline, FollowSettings.defaults());
	}

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param follow how followed jobs are polled
	 */
	public DefaultFineTuningClient(OpenAiTransport pipeline, FollowSettings follow) {
		this(pipeline, follow, DeferredScheduler.parallel());
	}

	/**
	 * Create a client whose pauses between polls are timed by a scheduler.
	 * @param pipeline the pipeline every call goes through
	 * @param follow how followed jobs are polled
	 * @param scheduler the scheduler of the pauses between polls
	 */
	public DefaultFineTuningClient(OpenAiTransport pipeline, FollowSettings follow, Scheduler scheduler) {
		this.pipeline = pipeline;
		this.follow = follow;
		this.scheduler = scheduler;
	}

	@Override
	public Mono<FineTuningJob> create(FineTuningJobRequest request) {
		return this.pipeline.exchange(
				OpenAiRequest.post(OpenAiOperation.FINE_TUNING, PATH, request, FineTuningJob.class, request.model()));
	}

	@Override
	public Mono<FineTuningJob> retrieve(String jobId) {
		return Mono.defer(() -> get(path(jobId)));
	}

	@Override
	public Flux<FineTuningJob> list() {
		return Flux.defer(() -> pages(PATH + "?limit=" + PAGE_SIZE, JobPage.class, JobPage::data, FineTuningJob::id,
				null));
	}

	@Override
	public Mono<FineTuningJob> cancel(String jobId) {
		return Mono.defer(() -> action(jobId, "cancel"));
	}

	@Override
	public Mono<FineTuningJob> pause(String jobId) {
		return Mono.defer(() -> action(jobId, "pause"));
	}

	@Override
	public Mono<FineTuningJob> resume(String jobId) {
		return Mono.defer(() -> action(jobId, "resume"));
	}

	@Override
	public Flux<FineTuningJobEvent> events(String jobId) {
		return Flux.defer(() -> pages(path(jobId) + "/events?limit=" + PAGE_SIZE, EventPage.class, EventPage::data,
				FineTuningJobEvent::id, null));
	}

	@Override
	public Flux<FineTuningCheckpoint> checkpoints(String jobId) {
		return Flux.defer(() -> pages(path(jobId) + "/checkpoints?limit=" + PAGE_SIZE, CheckpointPage.class,
				CheckpointPage::data, FineTuningCheckpoint::id, null));
	}

	@Override
	public Flux<FineTuningUpdate> follow(String jobId) {
		return Flux.defer(() -> {
			String path = path(jobId);
			Following following = new Following(path);
			// one poll per repetition rather than a recursion, so that a long job does not
			// build an ever deeper chain of operators
			return Mono.defer(following::next)
				.repeat(() -> !following.done)
				.concatMapIterable(Function.identity());
		});
	}

	private Mono<FineTuningJob> get(String path) {
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.FINE_TUNING, path, FineTuningJob.class));
	}

	private Mono<FineTuningJob> action(String jobId, String action) {
		return this.pipeline.exchange(new OpenAiRequest<>(OpenAiOperation.FINE_TUNING, HttpMethod.POST,
				path(jobId) + "/" + action, null, FineTuningJob.class, null));
	}

	private <P extends Page<E>, E> Flux<E> pages(String path, Class<P> type, Function<P, List<E>> data,
			Function<E, @Nullable String> id, @Nullable String after) {
		String uri = (after != null) ? path + "&after=" + UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8)
				: path;
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.FINE_TUNING, uri, type))
			.flatMapMany((page) -> {
				List<E> items = data.apply(page);
				String last = items.isEmpty() ? null : id.apply(items.get(items.size() - 1));
				// the next page is asked for only once this one's items are consumed
				return (page.hasMore() && last != null) ? Flux.fromIterable(items)
					.concatWith(Flux.defer(() -> pages(path, type, data, id, last))) : Flux.fromIterable(items);
			});
	}

	/**
	 * The events of a job not seen before, newest first: pages are read until one holds
	 * an event already seen.
	 */
	private Mono<List<FineTuningJobEvent>> newEvents(String path, Set<String> seen, @Nullable String after,
			List<FineTuningJobEvent> found) {
		String uri = path + "/events?limit=" + PAGE_SIZE
				+ ((after != null) ? "&after=" + UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8) : "");
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.FINE_TUNING, uri, EventPage.class))
			.flatMap((page) -> {
				for (FineTuningJobEvent event : page.data()) {
					if (seen.contains(event.id())) {
						return Mono.just(found);
					}
					found.add(event);
				}
				return (page.hasMore() && !page.data().isEmpty())
						? newEvents(path, seen, page.data().get(page.data().size() - 1).id(), found)
						: Mono.just(found);
			});
	}

	private static boolean worthPollingAgain(Throwable failure) {
		return failure instanceof OpenAiException exception
				&& OpenAiRetryPolicy.DEFAULT_RETRYABLE_KINDS.contains(exception.kind())
				&& !Boolean.FALSE.equals(exception.shouldRetryHeader().orElse(null));
	}

	private static String path(String jobId) {
		if (jobId == null || jobId.isBlank()) {
			throw new IllegalArgumentException("'jobId' must not be blank");
		}
		return PATH + "/" + UriUtils.encodePathSegment(jobId, StandardCharsets.UTF_8);
	}

	/**
	 * The state of one subscription to a followed job.
	 */
	private final class Following {

		private final String path;

		private final Set<String> seen = new HashSet<>();

		private @Nullable Duration pause;

		private int idlePolls;

		private int failures;

		private boolean sawUnfinished;

		private volatile boolean done;

		Following(String path) {
			this.path = path;
		}

		/**
		 * Pause (except before the first poll), then poll the job and its new events.
		 */
		Mono<List<FineTuningUpdate>> next() {
			Mono<List<FineTuningUpdate>> poll = poll();
			return (this.pause != null) ? Mono.delay(this.pause, DefaultFineTuningClient.this.scheduler).then(poll)
					: poll;
		}

		private Mono<List<FineTuningUpdate>> poll() {
			// the job first: events it had when it ended are then all among those read after
			return get(this.path)
				.flatMap((job) -> newEvents(this.path, this.seen, null, new ArrayList<>())
					.flatMap((events) -> settle(job, events)))
				.onErrorResume(DefaultFineTuningClient::worthPollingAgain, this::failed);
		}

		private Mono<List<FineTuningUpdate>> settle(FineTuningJob job, List<FineTuningJobEvent> events) {
			this.failures = 0;
			List<FineTuningUpdate> updates = new ArrayList<>(events.size() + 1);
			Collections.reverse(events);
			for (FineTuningJobEvent event : events) {
				if (this.seen.add(event.id())) {
					updates.add(new FineTuningUpdate.Event(event));
				}
			}
			this.idlePolls = updates.isEmpty() ? this.idlePolls + 1 : 0;
			this.pause = DefaultFineTuningClient.this.follow.pause(this.idlePolls);
			if (!job.isTerminal()) {
				this.sawUnfinished = true;
				return Mono.just(updates);
			}
			this.done = true;
			updates.add(new FineTuningUpdate.Finished(job));
			if (!this.sawUnfinished || job.trainedTokens() == null) {
				return Mono.just(updates);
			}
			// recorded once, by whoever watched the job finish
			return DefaultFineTuningClient.this.pipeline
				.observe(new OpenAiRequest<>(OpenAiOperation.FINE_TUNING_TRAINING, HttpMethod.GET, this.path, null,
						FineTuningJob.class, job.model()), job)
				.thenReturn(updates);
		}

		private Mono<List<FineTuningUpdate>> failed(Throwable failure) {
			this.failures++;
			if (this.failures > DefaultFineTuningClient.this.follow.maxFailures()) {
				return Mono.error(failure);
			}
			this.idlePolls++;
			Duration pause = DefaultFineTuningClient.this.follow.pause(this.idlePolls);
			Duration hinted = ((OpenAiException) failure).retryAfter().orElse(Duration.ZERO);
			this.pause = (hinted.compareTo(pause) > 0) ? hinted : pause;
			return Mono.just(List.of());
		}

	}

	/**
	 * One page of a list.
	 */
	interface Page<E> {

		List<E> data();

		boolean hasMore();

	}

	record JobPage(List<FineTuningJob> data, boolean hasMore) implements Page<FineTuningJob> {

		JobPage {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

	record EventPage(List<FineTuningJobEvent> data, boolean hasMore) implements Page<FineTuningJobEvent> {

		EventPage {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

	record CheckpointPage(List<FineTuningCheckpoint> data, boolean hasMore) implements Page<FineTuningCheckpoint> {

		CheckpointPage {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

}
