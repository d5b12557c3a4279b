package io.github.openaiboot.finetuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the timing of {@link DefaultFineTuningClient#follow(String)} on a virtual
 * clock, over a transport that answers at once from a script.
 */
class FineTuningFollowTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final FollowSettings SETTINGS = new FollowSettings(Duration.ofSeconds(10), Duration.ofSeconds(40),
			5);

	@Test
	void pausesDoubleWhileNoEventsArriveAndShrinkBackWhenOneDoes() {
		ScriptedTransport transport = new ScriptedTransport();
		transport.jobs("running", "running", "running", "running", "succeeded");
		transport.events(List.of(1), List.of(1), List.of(1), List.of(2, 1), List.of(2, 1));
		StepVerifier
			.withVirtualTime(() -> new DefaultFineTuningClient(transport, SETTINGS, Schedulers.parallel())
				.follow("ftjob-1")
				.map(DefaultFineTuningClientTests::describe))
			.expectSubscription()
			.expectNext("ft-event-1")
			// 10 s, then 20 s, then 40 s: polls without news
			.expectNoEvent(Duration.ofSeconds(10))
			.then(() -> assertThat(transport.jobPolls()).isEqualTo(2))
			.expectNoEvent(Duration.ofSeconds(20))
			.then(() -> assertThat(transport.jobPolls()).isEqualTo(3))
			.expectNoEvent(Duration.ofSeconds(39))
			.then(() -> assertThat(transport.jobPolls()).isEqualTo(3))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("ft-event-2")
			// a new event brings the pause back to 10 s
			.thenAwait(Duration.ofSeconds(10))
			.expectNext("finished succeeded 900")
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(transport.jobPolls()).isEqualTo(5);
	}

	@Test
	void aFailedPollWaitsAtLeastAsLongAsTheServerAsks() {
		ScriptedTransport transport = new ScriptedTransport();
		transport.jobs("running", "rate_limited", "succeeded");
		transport.events(List.of(1), List.of(1));
		StepVerifier
			.withVirtualTime(() -> new DefaultFineTuningClient(transport, SETTINGS, Schedulers.parallel())
				.follow("ftjob-1")
				.map(DefaultFineTuningClientTests::describe))
			.expectSubscription()
			.expectNext("ft-event-1")
			.thenAwait(Duration.ofSeconds(10))
			.then(() -> assertThat(transport.jobPolls()).isEqualTo(2))
			// the 429 asked for 35 s, longer than the 20 s of back-off
			.expectNoEvent(Duration.ofSeconds(34))
			.then(() -> assertThat(transport.jobPolls()).isEqualTo(2))
			.thenAwait(Duration.ofSeconds(1))
			.expectNext("finished succeeded 900")
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void cancellingTheSubscriptionStopsThePolling() {
		ScriptedTransport transport = new ScriptedTransport();
		transport.jobs("running", "running", "running", "running");
		transport.events(List.of(1), List.of(1), List.of(1), List.of(1));
		VirtualTimeScheduler clock = VirtualTimeScheduler.create();
		StepVerifier.create(new DefaultFineTuningClient(transport, SETTINGS, clock).follow("ftjob-1"))
			.expectNextCount(1)
			.then(() -> clock.advanceTimeBy(Duration.ofSeconds(10)))
			.then(() -> assertThat(transport.jobPolls()).isEqualTo(2))
			.thenCancel()
			.verify(TIMEOUT);
		clock.advanceTimeBy(Duration.ofMinutes(10));
		assertThat(transport.jobPolls()).isEqualTo(2);
	}

	@Test
	void aJobWatchedToItsEndHasItsTrainingObservedOnceAndOneAlreadyEndedNever() {
		ScriptedTransport watched = new ScriptedTransport();
		watched.jobs("queued", "succeeded");
		watched.events(List.of(1), List.of(1));
		StepVerifier
			.withVirtualTime(() -> new DefaultFineTuningClient(watched, SETTINGS, Schedulers.parallel())
				.follow("ftjob-1"))
			.expectSubscription()
			.expectNextCount(1)
			.thenAwait(Duration.ofSeconds(10))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(watched.observed).singleElement().satisfies((request) -> {
			assertThat(request.operation()).isEqualTo(OpenAiOperation.FINE_TUNING_TRAINING);
			assertThat(request.model()).isEqualTo("gpt-4o-mini-2024-07-18");
		});
		ScriptedTransport ended = new ScriptedTransport();
		ended.jobs("succeeded");
		ended.events(List.of(1));
		StepVerifier.create(new DefaultFineTuningClient(ended, SETTINGS).follow("ftjob-1"))
			.expectNextCount(2)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(ended.observed).isEmpty();
	}

	/**
	 * Answers the job and its events from a script, at once.
	 */
	static final class ScriptedTransport implements OpenAiTransport {

		private final Deque<String> jobs = new ConcurrentLinkedDeque<>();

		private final Deque<List<Integer>> events = new ConcurrentLinkedDeque<>();

		private final List<String> paths = new CopyOnWriteArrayList<>();

		final List<OpenAiRequest<?>> observed = new CopyOnWriteArrayList<>();

		void jobs(String... statuses) {
			this.jobs.addAll(List.of(statuses));
		}

		@SafeVarargs
		final void events(List<Integer>... pages) {
			this.events.addAll(List.of(pages));
		}

		int jobPolls() {
			return (int) this.paths.stream().filter((path) -> !path.contains("/events")).count();
		}

		@Override
		public <T> Mono<T> exchange(OpenAiRequest<T> request) {
			return Mono.defer(() -> {
				this.paths.add(request.path());
				String json;
				if (request.path().contains("/events")) {
					List<String> page = new ArrayList<>();
					for (int id : this.events.remove()) {
						page.add(DefaultFineTuningClientTests.event(id, "event " + id));
					}
					json = DefaultFineTuningClientTests.events(false, page.toArray(String[]::new));
				}
				else {
					String status = this.jobs.remove();
					if (status.equals("rate_limited")) {
						return Mono.error(new io.github.openaiboot.error.RateLimitException(
								OpenAiErrorKind.RATE_LIMITED, 429,
								new OpenAiError("Rate limit reached", "requests", null, "rate_limit_exceeded"), null,
								Duration.ofSeconds(35)));
					}
					json = DefaultFineTuningClientTests.job(status,
							status.equals("succeeded") ? ",\"trained_tokens\":900" : "");
				}
				return Mono.just(OpenAiJson.mapper().readValue(json, request.responseType()));
			});
		}

		@Override
		public <T> Flux<T> stream(OpenAiRequest<T> request) {
			return Flux.error(new UnsupportedOperationException("no streams"));
		}

		@Override
		public <T> Mono<T> observe(OpenAiRequest<T> request, T response) {
			this.observed.add(request);
			return Mono.just(response);
		}

	}

}
