package io.github.openaiboot.batch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.DeferredScheduler;
import io.github.openaiboot.core.ErrorResponseDecoder;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.file.FilePurpose;
import io.github.openaiboot.file.FileUpload;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.ratelimit.TokenEstimator;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import io.github.openaiboot.retry.RetryAfterParser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.StringDecoder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * {@link BatchClient} over the {@link OpenAiTransport} and a {@link FilesClient} of the
 * same account.
 *
 * @author openai-spring-boot
 */
public final class DefaultBatchClient implements BatchClient {

	private static final String PATH = "/batches";

	private static final String CUSTOM_ID_PREFIX = "request-";

	private static final int PAGE_SIZE = 100;

	private static final int MAX_LINE_LENGTH = 64 * 1024 * 1024;

	private static final int MAX_POLL_FAILURES = 10;

	private static final int MAX_RECREATIONS = 3;

	private static final String TOKEN_LIMIT_EXCEEDED = "token_limit_exceeded";

	private final OpenAiTransport pipeline;

	private final FilesClient files;

	private final UnaryOperator<ChatRequest> chatBodies;

	private final UnaryOperator<EmbeddingRequest> embeddingBodies;

	private final TokenEstimator tokenEstimator;

	private final BatchSettings settings;

	private final Scheduler scheduler;

	private final EnqueuedTokens enqueued;

	private final JsonMapper mapper = OpenAiJson.mapper();

	private final ErrorResponseDecoder errorDecoder = new ErrorResponseDecoder(OpenAiJson.mapper(),
			new RetryAfterParser());

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param files the files client of the same account, for input and output files
	 * @param chatBodies what makes a chat request into the body the chat client sends
	 * (its defaults filled)
	 * @param embeddingBodies what makes an embedding request into the body the
	 * embedding client sends
	 * @param tokenEstimator what estimates each request's tokens, against the
	 * enqueued-token bound
	 * @param settings how requests are made into batches and batches polled
	 */
	public DefaultBatchClient(OpenAiTransport pipeline, FilesClient files, UnaryOperator<ChatRequest> chatBodies,
			UnaryOperator<EmbeddingRequest> embeddingBodies, TokenEstimator tokenEstimator, BatchSettings settings) {
		this(pipeline, files, chatBodies, embeddingBodies, tokenEstimator, settings, DeferredScheduler.parallel());
	}

	/**
	 * Create a client whose pauses between polls are timed by a scheduler.
	 * @param pipeline the pipeline every call goes through
	 * @param files the files client of the same account, for input and output files
	 * @param chatBodies what makes a chat request into the body the chat client sends
	 * @param embeddingBodies what makes an embedding request into the body the
	 * embedding client sends
	 * @param tokenEstimator what estimates each request's tokens
	 * @param settings how requests are made into batches and batches polled
	 * @param scheduler the scheduler of the pauses between polls
	 */
	public DefaultBatchClient(OpenAiTransport pipeline, FilesClient files, UnaryOperator<ChatRequest> chatBodies,
			UnaryOperator<EmbeddingRequest> embeddingBodies, TokenEstimator tokenEstimator, BatchSettings settings,
			Scheduler scheduler) {
		this.pipeline = pipeline;
		this.files = files;
		this.chatBodies = chatBodies;
		this.embeddingBodies = embeddingBodies;
		this.tokenEstimator = tokenEstimator;
		this.settings = settings;
		this.scheduler = scheduler;
		this.enqueued = new EnqueuedTokens(settings.maxEnqueuedTokens());
	}

	@Override
	public Mono<Batch> create(BatchRequest request) {
		return this.pipeline.exchange(OpenAiRequest.post(OpenAiOperation.BATCH, PATH, request, Batch.class, null));
	}

	@Override
	public Mono<Batch> retrieve(String batchId) {
		return Mono.defer(() -> this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.BATCH, path(batchId),
				Batch.class)));
	}

	@Override
	public Flux<Batch> list() {
		return Flux.defer(() -> page(PATH + "?limit=" + PAGE_SIZE, null));
	}

	@Override
	public Mono<Batch> cancel(String batchId) {
		return Mono.defer(() -> this.pipeline.exchange(new OpenAiRequest<>(OpenAiOperation.BATCH, HttpMethod.POST,
				path(batchId) + "/cancel", null, Batch.class, null)));
	}

	@Override
	public Mono<BatchSubmission<ChatCompletion>> submit(Flux<ChatRequest> requests) {
		return submit(requests, BatchEndpoint.CHAT_COMPLETIONS, this.chatBodies, ChatRequest::model,
				OpenAiOperation.CHAT, ChatCompletion.class);
	}

	@Override
	public Mono<BatchSubmission<EmbeddingResponse>> submitEmbeddings(Flux<EmbeddingRequest> requests) {
		return submit(requests, BatchEndpoint.EMBEDDINGS, this.embeddingBodies, EmbeddingRequest::model,
				OpenAiOperation.EMBEDDINGS, EmbeddingResponse.class);
	}

	private <R, T> Mono<BatchSubmission<T>> submit(Flux<R> requests, String endpoint, UnaryOperator<R> bodies,
			Function<R, @Nullable String> model, OpenAiOperation operation, Class<T> type) {
		String path = endpoint.substring("/v1".length());
		return Mono.usingWhen(Mono.fromCallable(() -> new BatchInputFiles(this.settings)),
				(input) -> requests.publishOn(Schedulers.boundedElastic())
					.index()
					.doOnNext((indexed) -> {
						R body = bodies.apply(indexed.getT2());
						String bodyModel = model.apply(body);
						long tokens = this.tokenEstimator
							.estimate(OpenAiRequest.post(operation, path, body, type, bodyModel));
						byte[] line = this.mapper
							.writeValueAsBytes(new InputLine(customId(indexed.getT1()), "POST", endpoint, body));
						input.add(indexed.getT1(), line, tokens, bodyModel);
					})
					.then(Mono.fromCallable(input::finish))
					.flatMapMany(Flux::fromIterable)
					// every file first, so that a failed upload leaves no batch behind it
					.concatMap((part) -> this.files.upload(FileUpload.of(part.file(), FilePurpose.BATCH))
						.map((file) -> new PartState(part, file.id(), endpoint)))
					.collectList()
					.flatMap((parts) -> createWhileRoom(parts, 0).thenReturn(new Submission<>(parts, type))),
				(input) -> Mono.fromRunnable(input::close).subscribeOn(Schedulers.boundedElastic()).then());
	}

	/**
	 * Create the batches of the parts, in order, for as long as each has room under the
	 * enqueued-token limit; the others are created by {@link BatchSubmission#results()}
	 * as the batches before them end.
	 */
	private Mono<Void> createWhileRoom(List<PartState> parts, int next) {
		if (next >= parts.size()) {
			return Mono.empty();
		}
		PartState part = parts.get(next);
		if (!this.enqueued.tryReserve(part.model(), part.tokens())) {
			return Mono.empty();
		}
		return createBatch(part).then(Mono.defer(() -> createWhileRoom(parts, next + 1)));
	}

	/**
	 * Create a part's batch in the room already taken for it, giving the room back if
	 * the batch cannot be created.
	 */
	private Mono<Batch> createBatch(PartState part) {
		return create(BatchRequest.of(part.fileId(), part.endpoint())).doOnNext(part::created)
			.doOnError((failure) -> this.enqueued.release(part.model(), part.tokens()));
	}

	/**
	 * Poll a part's batch until it ends, giving its room back. A batch that failed
	 * because the organization's enqueued tokens were over its limit (batches created
	 * elsewhere count too) is created again, from the same file, up to
	 * {@value #MAX_RECREATIONS} times: once another of this client's batches of the model
	 * has ended (when none is in flight, after one poll interval, then two, then four)
	 * and there is room under the limit.
	 */
	private Mono<Batch> lifecycle(PartState part, Batch batch, int recreations) {
		return ended(batch.id()).flatMap((ended) -> {
			Batch.BatchError tokenLimit = tokenLimitExceeded(ended);
			if (part.release(recreations)) {
				this.enqueued.release(part.model(), part.tokens(), tokenLimit == null);
			}
			if (tokenLimit == null || recreations >= MAX_RECREATIONS || part.isCancelled()) {
				return Mono.just(ended);
			}
			this.enqueued.learn(part.model(), tokenLimit.message());
			Duration poll = this.settings.pollInterval();
			return part.replacement(recreations + 1, () -> this.enqueued
				.awaitRoomFreed(part.model(), poll.multipliedBy(1L << recreations), this.scheduler)
				.then(this.enqueued.reserve(part.model(), part.tokens(), Duration.ZERO, poll, this.scheduler))
				.then(Mono.defer(() -> part.isCancelled() ? releaseUnused(part) : createBatch(part))))
				.flatMap((next) -> lifecycle(part, next, recreations + 1))
				.defaultIfEmpty(ended);
		});
	}

	private Mono<Batch> releaseUnused(PartState part) {
		return Mono.fromRunnable(() -> this.enqueued.release(part.model(), part.tokens()));
	}

	private static Batch.@Nullable BatchError tokenLimitExceeded(Batch batch) {
		if (!BatchStatus.FAILED.equals(batch.status()) || batch.errors() == null) {
			return null;
		}
		for (Batch.BatchError error : batch.errors().data()) {
			if (TOKEN_LIMIT_EXCEEDED.equals(error.code())) {
				return error;
			}
		}
		return null;
	}

	private Flux<Batch> page(String path, @Nullable String after) {
		String uri = (after != null) ? path + "&after=" + UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8)
				: path;
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.BATCH, uri, BatchPage.class))
			.flatMapMany((page) -> {
				String last = page.data().isEmpty() ? null : page.data().get(page.data().size() - 1).id();
				// the next page is asked for only once this one's batches are consumed
				return (page.hasMore() && last != null)
						? Flux.fromIterable(page.data()).concatWith(Flux.defer(() -> page(path, last)))
						: Flux.fromIterable(page.data());
			});
	}

	private Mono<Batch> ended(String batchId) {
		return retrieve(batchId)
			.retryWhen(Retry.backoff(MAX_POLL_FAILURES, this.settings.pollInterval())
				.maxBackoff(this.settings.pollInterval().multipliedBy(8))
				.filter(DefaultBatchClient::worthPollingAgain)
				.scheduler(this.scheduler)
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			.filter(Batch::isTerminal)
			.repeatWhenEmpty((polls) -> polls.concatMap((poll) -> Mono.delay(this.settings.pollInterval(),
					this.scheduler)));
	}

	private static boolean worthPollingAgain(Throwable failure) {
		return failure instanceof OpenAiException exception
				&& OpenAiRetryPolicy.DEFAULT_RETRYABLE_KINDS.contains(exception.kind());
	}

	/**
	 * The lines of an output or error file, as they are downloaded.
	 */
	private Flux<String> lines(@Nullable String fileId) {
		if (fileId == null || fileId.isBlank()) {
			return Flux.empty();
		}
		StringDecoder decoder = StringDecoder.allMimeTypes(List.of("\n"), true);
		decoder.setMaxInMemorySize(MAX_LINE_LENGTH);
		return decoder.decode(this.files.content(fileId), ResolvableType.forClass(String.class), null, null)
			.filter((line) -> !line.isBlank());
	}

	/**
	 * Decode one line of an output or error file into the outcome of its request.
	 * @return the outcome, or {@code null} for a line of a request not submitted here
	 */
	<T> @Nullable BatchResult<T> decode(String line, Class<T> type) {
		JsonNode node;
		try {
			node = this.mapper.readTree(line);
		}
		catch (JacksonException ex) {
			return null;
		}
		String customId = text(node, "custom_id");
		Long index = index(customId);
		if (customId == null || index == null) {
			return null;
		}
		JsonNode response = node.get("response");
		if (response != null && response.isObject()) {
			int status = response.path("status_code").asInt(0);
			JsonNode body = response.path("body");
			String requestId = text(response, "request_id");
			if (status >= 200 && status < 300) {
				try {
					return new BatchResult<>(index, customId, this.mapper.treeToValue(body, type), null);
				}
				catch (JacksonException ex) {
					return new BatchResult<>(index, customId, null,
							failure(OpenAiErrorKind.INVALID_RESPONSE, status,
									new OpenAiError("Could not read the answer of " + customId + " ("
											+ ex.getOriginalMessage() + ")", null, null, null),
									requestId));
				}
			}
			HttpHeaders headers = new HttpHeaders();
			if (requestId != null) {
				headers.set("x-request-id", requestId);
			}
			return new BatchResult<>(index, customId, null,
					this.errorDecoder.decode(status, headers, this.mapper.writeValueAsBytes(body)));
		}
		JsonNode error = node.path("error");
		OpenAiError openAiError = new OpenAiError(text(error, "message"), null, text(error, "param"),
				text(error, "code"));
		return new BatchResult<>(index, customId, null,
				failure(OpenAiErrorClassifier.classify(0, openAiError), 0, openAiError, null));
	}

	private static OpenAiException failure(OpenAiErrorKind kind, int status, OpenAiError error,
			@Nullable String requestId) {
		return OpenAiErrorClassifier.toException(kind, status, error, requestId, null);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static String customId(long index) {
		return CUSTOM_ID_PREFIX + index;
	}

	private static @Nullable Long index(@Nullable String customId) {
		if (customId == null || !customId.startsWith(CUSTOM_ID_PREFIX)) {
			return null;
		}
		try {
			return Long.parseLong(customId.substring(CUSTOM_ID_PREFIX.length()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String path(String batchId) {
		if (batchId == null || batchId.isBlank()) {
			throw new IllegalArgumentException("'batchId' must not be blank");
		}
		return PATH + "/" + UriUtils.encodePathSegment(batchId, StandardCharsets.UTF_8);
	}

	/**
	 * One line of a batch's input file.
	 */
	record InputLine(String customId, String method, String url, Object body) {

	}

	/**
	 * One page of the list of batches.
	 */
	record BatchPage(List<Batch> data, boolean hasMore) {

		BatchPage {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

	/**
	 * One batch's worth of submitted requests: its uploaded file, and its batch once
	 * created (again, after a {@code token_limit_exceeded} failure).
	 */
	private final class PartState {

		private final BatchInputFiles.Part part;

		private final String fileId;

		private final String endpoint;

		private volatile @Nullable Batch batch;

		private volatile boolean cancelled;

		// the creations (the first, then each after a token_limit_exceeded failure) whose room has been
		// given back, so that two readings give it back once
		private final Set<Integer> released = ConcurrentHashMap.newKeySet();

		// the batches created again after token_limit_exceeded failures, by creation, shared by the readings
		private final Map<Integer, Mono<Batch>> replacements = new ConcurrentHashMap<>();

		private final Mono<Batch> creation;

		PartState(BatchInputFiles.Part part, String fileId, String endpoint) {
			this.part = part;
			this.fileId = fileId;
			this.endpoint = endpoint;
			this.creation = Mono.defer(() -> {
				Batch created = this.batch;
				if (created != null) {
					return Mono.just(created);
				}
				if (this.cancelled) {
					return Mono.<Batch>empty();
				}
				return DefaultBatchClient.this.enqueued
					.reserve(model(), tokens(), Duration.ZERO, DefaultBatchClient.this.settings.pollInterval(),
							DefaultBatchClient.this.scheduler)
					.then(Mono.defer(() -> this.cancelled ? releaseUnused(this) : createBatch(this)));
			}).cache();
		}

		@Nullable String model() {
			return this.part.model();
		}

		long tokens() {
			return this.part.tokens();
		}

		long firstIndex() {
			return this.part.firstIndex();
		}

		int lines() {
			return this.part.lines();
		}

		String fileId() {
			return this.fileId;
		}

		String endpoint() {
			return this.endpoint;
		}

		@Nullable Batch batch() {
			return this.batch;
		}

		void created(Batch batch) {
			this.batch = batch;
		}

		boolean release(int creation) {
			return this.released.add(creation);
		}

		Mono<Batch> replacement(int creation, Supplier<Mono<Batch>> create) {
			return this.replacements.computeIfAbsent(creation, (key) -> create.get().cache());
		}

		boolean isCancelled() {
			return this.cancelled;
		}

		void cancel() {
			this.cancelled = true;
		}

		/**
		 * Return the part's batch, created once there is room for it; empty when the
		 * submission was cancelled before.
		 */
		Mono<Batch> creation() {
			return this.creation;
		}

	}

	/**
	 * A part and its batch, or {@code null} when it was never created.
	 */
	private record Created(PartState part, @Nullable Batch batch) {

	}

	/**
	 * The batches of one submission.
	 */
	private final class Submission<T> implements BatchSubmission<T> {

		private final List<PartState> parts;

		private final Class<T> type;

		// the batches whose answers have been recorded in the meters
		private final Set<String> recorded = ConcurrentHashMap.newKeySet();

		Submission(List<PartState> parts, Class<T> type) {
			this.parts = List.copyOf(parts);
			this.type = type;
		}

		@Override
		public List<Batch> batches() {
			List<Batch> batches = new ArrayList<>(this.parts.size());
			for (PartState part : this.parts) {
				Batch batch = part.batch();
				if (batch != null) {
					batches.add(batch);
				}
			}
			return batches;
		}

		@Override
		public Flux<BatchResult<T>> results() {
			// created one after the other as room frees up; polled and read side by side, emitted in order
			return Flux.fromIterable(this.parts)
				.concatMap((part) -> part.creation()
					.map((batch) -> new Created(part, batch))
					.defaultIfEmpty(new Created(part, null)), 1)
				.flatMapSequential((created) -> (created.batch() != null)
						? lifecycle(created.part(), created.batch(), 0)
							.flatMapMany((batch) -> read(batch, created.part()))
						: notSubmitted(created.part()), Math.max(1, this.parts.size()));
		}

		@Override
		public Mono<List<Batch>> cancel() {
			return Flux.fromIterable(this.parts).concatMap((part) -> {
				part.cancel();
				Batch batch = part.batch();
				return (batch != null) ? DefaultBatchClient.this.cancel(batch.id()) : Mono.<Batch>empty();
			}).collectList();
		}

		private Flux<BatchResult<T>> read(Batch batch, PartState part) {
			boolean record = this.recorded.add(batch.id());
			Map<Long, BatchResult<T>> found = new HashMap<>();
			return Flux.concat(lines(batch.outputFileId()), lines(batch.errorFileId()))
				.concatMap((line) -> {
					BatchResult<T> result = decode(line, this.type);
					if (result == null || result.index() < part.firstIndex()
							|| result.index() >= part.firstIndex() + part.lines()) {
						return Mono.empty();
					}
					found.put(result.index(), result);
					return (record && result.response() != null) ? observe(result.response()) : Mono.empty();
				})
				.thenMany(Flux.defer(() -> {
					List<BatchResult<T>> ordered = new ArrayList<>(part.lines());
					for (long index = part.firstIndex(); index < part.firstIndex() + part.lines(); index++) {
						BatchResult<T> result = found.get(index);
						ordered.add((result != null) ? result : missing(batch, index));
					}
					return Flux.fromIterable(ordered);
				}));
		}

		private Flux<BatchResult<T>> notSubmitted(PartState part) {
			return Flux.range(0, part.lines()).map((offset) -> {
				long index = part.firstIndex() + offset;
				OpenAiError error = new OpenAiError("Request " + customId(index) + " was not submitted: the"
						+ " submission was cancelled while its batch waited for room under the enqueued-token limit",
						null, null, "batch_cancelled");
				return new BatchResult<T>(index, customId(index), null,
						failure(OpenAiErrorClassifier.classify(0, error), 0, error, null));
			});
		}

		private Mono<T> observe(T response) {
			String model = (response instanceof ChatCompletion completion) ? completion.model()
					: (response instanceof EmbeddingResponse embeddings) ? embeddings.model() : null;
			return DefaultBatchClient.this.pipeline.observe(
					new OpenAiRequest<>(OpenAiOperation.BATCH_RESULT, HttpMethod.POST, PATH, null, this.type, model),
					response);
		}

		private BatchResult<T> missing(Batch batch, long index) {
			String customId = customId(index);
			Batch.BatchError cause = (batch.errors() != null && !batch.errors().data().isEmpty())
					? batch.errors().data().get(0) : null;
			OpenAiError error = (cause != null)
					? new OpenAiError("Batch " + batch.id() + " " + batch.status() + ": " + cause.message(), null,
							cause.param(), cause.code())
					: new OpenAiError("Batch " + batch.id() + " ended " + batch.status() + " without a result for "
							+ customId, null, null, BatchStatus.EXPIRED.equals(batch.status()) ? "batch_expired"
									: null);
			return new BatchResult<>(index, customId, null,
					failure(OpenAiErrorClassifier.classify(0, error), 0, error, null));
		}

	}

}
