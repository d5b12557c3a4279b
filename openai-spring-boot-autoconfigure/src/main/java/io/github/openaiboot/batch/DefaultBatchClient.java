package io.github.openaiboot.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
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

	private final OpenAiTransport pipeline;

	private final FilesClient files;

	private final UnaryOperator<ChatRequest> chatBodies;

	private final UnaryOperator<EmbeddingRequest> embeddingBodies;

	private final TokenEstimator tokenEstimator;

	private final BatchSettings settings;

	private final Scheduler scheduler;

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
		this(pipeline, files, chatBodies, embeddingBodies, tokenEstimator, settings, Schedulers.parallel());
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
						long tokens = this.tokenEstimator
							.estimate(OpenAiRequest.post(operation, path, body, type, model.apply(body)));
						byte[] line = this.mapper
							.writeValueAsBytes(new InputLine(customId(indexed.getT1()), "POST", endpoint, body));
						input.add(indexed.getT1(), line, tokens);
					})
					.then(Mono.fromCallable(input::finish))
					.flatMapMany(Flux::fromIterable)
					// one after the other, so that a failure leaves no batch behind it
					.concatMap((part) -> this.files.upload(FileUpload.of(part.file(), FilePurpose.BATCH))
						.flatMap((file) -> create(BatchRequest.of(file.id(), endpoint)))
						.map((batch) -> new Submitted(batch, part.firstIndex(), part.lines())))
					.collectList()
					.map((submitted) -> new Submission<>(submitted, type)),
				(input) -> Mono.fromRunnable(input::close).subscribeOn(Schedulers.boundedElastic()).then());
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
	 * A batch created for submitted requests, and which of them it holds.
	 */
	record Submitted(Batch batch, long firstIndex, int lines) {

	}

	/**
	 * The batches of one submission.
	 */
	private final class Submission<T> implements BatchSubmission<T> {

		private final List<Submitted> submitted;

		private final Class<T> type;

		// the batches whose answers have been recorded in the meters
		private final Set<String> recorded = ConcurrentHashMap.newKeySet();

		Submission(List<Submitted> submitted, Class<T> type) {
			this.submitted = List.copyOf(submitted);
			this.type = type;
		}

		@Override
		public List<Batch> batches() {
			return this.submitted.stream().map(Submitted::batch).toList();
		}

		@Override
		public Flux<BatchResult<T>> results() {
			return Flux.fromIterable(this.submitted)
				.concatMap((part) -> ended(part.batch().id()).flatMapMany((batch) -> read(batch, part)));
		}

		@Override
		public Mono<List<Batch>> cancel() {
			return Flux.fromIterable(this.submitted)
				.concatMap((part) -> DefaultBatchClient.this.cancel(part.batch().id()))
				.collectList();
		}

		private Flux<BatchResult<T>> read(Batch batch, Submitted part) {
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
