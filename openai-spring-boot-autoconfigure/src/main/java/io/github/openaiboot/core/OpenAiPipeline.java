package io.github.openaiboot.core;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.ratelimit.RateLimitStage;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenEstimator;
import io.github.openaiboot.retry.RetryAfterParser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one path every OpenAI call takes. Its stages, in order:
 * <ol>
 * <li>fill defaults from properties (each client, before handing the request over);</li>
 * <li>estimate the request's tokens ({@link TokenEstimator}, in {@link RateLimitStage});</li>
 * <li>acquire requests and tokens per minute permits, waiting if needed
 * ({@link RateLimiter}, in {@link RateLimitStage});</li>
 * <li>send over the {@link WebClient} that carries authentication, organization, project
 * and custom headers ({@link #send});</li>
 * <li>read the {@code x-ratelimit-*} headers of every response, success or error
 * ({@link #readRateLimitHeaders});</li>
 * <li>decode an error body into a typed exception ({@link ErrorResponseDecoder}), or the
 * body, or each server-sent event of a stream ({@link #decode}, {@link #decodeEvent});</li>
 * <li>decide whether and when a failed attempt is made again ({@link OpenAiRetry});</li>
 * <li>observe the whole call, retries included, and record its outcome
 * ({@link #observe}, {@link #observeStream});</li>
 * <li>reconcile the token estimate with the actual usage ({@link RateLimitStage}).</li>
 * </ol>
 * Stages 4 to 6 make one attempt; {@link #exchange} and {@link #stream} wrap it in
 * pacing (2, 3, 9), then retry (7), then observation (8), so that every attempt is
 * paced and all attempts of a call are one observation.
 *
 * @author openai-spring-boot
 */
public final class OpenAiPipeline implements OpenAiTransport {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE_TYPE = new ParameterizedTypeReference<>() {
	};

	private static final String DONE = "[DONE]";

	private final SingletonSupplier<WebClient> webClient;

	private final JsonMapper mapper;

	private final ErrorResponseDecoder errorDecoder;

	private final RateLimitTracker rateLimitTracker;

	private final OpenAiRetry retry;
	private final OpenAiCallObserver callObserver;

	private final OpenAiCallOutcomes callOutcomes;

	private final Consumer<Object> recordSuccess;

	private final Runnable recordStreamSuccess;

	private final Consumer<Throwable> recordFailure;

	private final RateLimitStage rateLimiting;

	private final RequestRouting routing;

	private final @Nullable OpenAiAccounts accounts;

	private final boolean apiKeyHeader;

	private OpenAiPipeline(Builder builder) {
		this.webClient = SingletonSupplier.of(builder.webClient);
		this.mapper = builder.mapper;
		this.errorDecoder = builder.errorDecoder;
		this.rateLimitTracker = builder.rateLimitTracker;
		this.retry = builder.retry;
		this.callObserver = builder.callObserver;
		this.callOutcomes = builder.callOutcomes;
		// built once rather than per call
		this.recordSuccess = (response) -> this.callOutcomes.recordSuccess();
		this.recordStreamSuccess = this.callOutcomes::recordSuccess;
		this.recordFailure = this.callOutcomes::recordFailure;
		this.rateLimiting = new RateLimitStage(builder.tokenEstimator, builder.rateLimiter);
		this.routing = builder.routing;
		this.accounts = builder.accounts;
		this.apiKeyHeader = builder.apiKeyHeader;
	}

	/**
	 * Start building a pipeline.
	 * @param webClient the client, with base URL, authentication and headers applied
	 * @return a new builder
	 */
	public static Builder builder(WebClient webClient) {
		return new Builder(() -> webClient);
	}

	/**
	 * Start building a pipeline whose client is built when it is first needed: by the
	 * first call, or by {@link #warmUp()}. Building a WebClient's connector starts its
	 * HTTP library (for Reactor Netty: its event loops, buffer allocator and resolver),
	 * which an application need not wait for during its start-up.
	 * @param webClient what builds the client, with base URL, authentication and headers
	 * applied; called once
	 * @return a new builder
	 */
	public static Builder builder(Supplier<WebClient> webClient) {
		return new Builder(webClient);
	}

	/**
	 * Build what this pipeline's first call would otherwise build, its WebClient, if
	 * that has not been built yet.
	 */
	public void warmUp() {
		this.webClient.obtain();
	}

	/**
	 * Perform a call whose response is a single JSON document, or a text when the
	 * response type is {@link String}. A call whose multipart body streams a
	 * {@code Flux} (see {@link UploadFile}) makes one attempt: its body cannot be sent
	 * again.
	 * @param <T> the response type
	 * @param request the request
	 * @return the decoded response
	 */
	@Override
	public <T> Mono<T> exchange(OpenAiRequest<T> request) {
		Mono<T> attempt = Mono.defer(() -> attempt(request));
		attempt = this.rateLimiting.apply(request, attempt);
		if (this.accounts != null) {
			attempt = withAccount(request, attempt, this.accounts);
		}
		if (request.isRepeatable()) {
			attempt = this.retry.apply(request, attempt);
		}
		// outermost, so that retries happen inside one observation
		attempt = observe(request, attempt);
		return attempt;
	}

	/**
	 * Perform a streaming call whose response is a stream of server-sent events, ending
	 * with {@code data: [DONE]}, or, for chunks that are a {@link StreamEvent}, with the
	 * event that ends the stream; or, when the chunk type is {@link DataBuffer}, whose
	 * response is a binary body, read as its buffers arrive (the subscriber releases
	 * them). A failure after the first chunk or buffer is not retried, and neither is a
	 * call whose multipart body streams a {@code Flux}.
	 * @param <T> the type of each chunk
	 * @param request the request
	 * @return the decoded chunks
	 */
	@Override
	public <T> Flux<T> stream(OpenAiRequest<T> request) {
		Flux<T> attempt = Flux.defer(() -> streamAttempt(request, new StreamState()));
		attempt = this.rateLimiting.apply(request, attempt);
		if (this.accounts != null) {
			attempt = withAccount(request, attempt, this.accounts);
		}
		if (request.isRepeatable()) {
			attempt = this.retry.apply(request, attempt);
		}
		// outermost, so that retries happen inside one observation
		attempt = observeStream(request, attempt);
		return attempt;
	}

	/**
	 * Account stage of a call, when an {@link OpenAiAccountResolver} decides the account
	 * of each call: an attempt with a resolved account is paced by that account's pacer
	 * and sent with its key, organization and project; without one, the client's own.
	 */
	private <T> Mono<T> withAccount(OpenAiRequest<T> request, Mono<T> own, OpenAiAccounts accounts) {
		return Mono.deferContextual((context) -> accounts.resolver()
			.resolve(context)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((account) -> account.isEmpty()
					? own.doOnSuccess(this.recordSuccess).doOnError(this.recordFailure)
					: accountAttempt(request, account.get(), accounts)));
	}

	private <T> Flux<T> withAccount(OpenAiRequest<T> request, Flux<T> own, OpenAiAccounts accounts) {
		return Flux.deferContextual((context) -> accounts.resolver()
			.resolve(context)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMapMany((account) -> account.isEmpty()
					? own.doOnComplete(this.recordStreamSuccess).doOnError(this.recordFailure)
					: accountStreamAttempt(request, account.get(), accounts)));
	}

	private <T> Mono<T> accountAttempt(OpenAiRequest<T> request, OpenAiAccount account, OpenAiAccounts accounts) {
		OpenAiAccounts.Account state = accounts.get(account);
		Mono<T> attempt = Mono.defer(() -> send(request, account).exchangeToMono((response) -> {
			readRateLimitHeaders(request, response, state);
			return decodeResponse(request, response);
		}).onErrorResume(OpenAiPipeline::transportError));
		return state.stage()
			.apply(request, attempt)
			.doOnSuccess((response) -> accounts.recordSuccess(state))
			.doOnError((failure) -> accounts.recordFailure(state, failure));
	}

	private <T> Flux<T> accountStreamAttempt(OpenAiRequest<T> request, OpenAiAccount account,
			OpenAiAccounts accounts) {
		OpenAiAccounts.Account state = accounts.get(account);
		Flux<T> attempt = Flux.defer(() -> streamAttempt(request, new StreamState(), account, state));
		return state.stage()
			.apply(request, attempt)
			.doOnComplete(() -> accounts.recordSuccess(state))
			.doOnError((failure) -> accounts.recordFailure(state, failure));
	}

	@Override
	public <T> Mono<T> observe(OpenAiRequest<T> request, T response) {
		return this.callObserver.observe(request, Mono.just(response));
	}

	/**
	 * Make one paced attempt of a call, without retry or observation, recording its
	 * outcome: what a pool does on each member it tries.
	 * @param <T> the response type
	 * @param request the request
	 * @return the decoded response
	 */
	public <T> Mono<T> attemptOnce(OpenAiRequest<T> request) {
		Mono<T> attempt = this.rateLimiting.apply(request, Mono.defer(() -> attempt(request)));
		return attempt.doOnSuccess(this.recordSuccess).doOnError(this.recordFailure);
	}

	/**
	 * Make one paced attempt of a streaming call, without retry or observation,
	 * recording its outcome: what a pool does on each member it tries.
	 * @param <T> the type of each chunk
	 * @param request the request
	 * @return the decoded chunks
	 */
	public <T> Flux<T> streamOnce(OpenAiRequest<T> request) {
		Flux<T> attempt = this.rateLimiting.apply(request,
				Flux.defer(() -> streamAttempt(request, new StreamState())));
		return attempt.doOnComplete(this.recordStreamSuccess).doOnError(this.recordFailure);
	}

	/**
	 * Return the accounts an {@link OpenAiAccountResolver} resolved for this pipeline's
	 * calls.
	 * @return the accounts, or {@code null} when every call uses the client's own
	 */
	public @Nullable OpenAiAccounts accounts() {
		return this.accounts;
	}

	/**
	 * Return where the outcomes of this pipeline's calls are recorded.
	 * @return the outcomes
	 */
	public OpenAiCallOutcomes callOutcomes() {
		return this.callOutcomes;
	}

	/**
	 * Observation stage of a call: one observation and one recorded outcome per call.
	 */
	private <T> Mono<T> observe(OpenAiRequest<T> request, Mono<T> call) {
		if (this.accounts != null) {
			// outcomes recorded by the account stage, so that a customer's failure is not the client's
			return this.callObserver.observe(request, call);
		}
		return this.callObserver.observe(request, call.doOnSuccess(this.recordSuccess).doOnError(this.recordFailure));
	}

	/**
	 * Observation stage of a streaming call: one observation and one recorded outcome
	 * per stream.
	 */
	private <T> Flux<T> observeStream(OpenAiRequest<T> request, Flux<T> call) {
		if (this.accounts != null) {
			return this.callObserver.observeStream(request, call);
		}
		return this.callObserver.observeStream(request,
				call.doOnComplete(this.recordStreamSuccess).doOnError(this.recordFailure));
	}

	/**
	 * One attempt of a call: send, read rate-limit headers, decode an error or the body.
	 */
	private <T> Mono<T> attempt(OpenAiRequest<T> request) {
		return send(request).exchangeToMono((response) -> {
			readRateLimitHeaders(request, response);
			return decodeResponse(request, response);
		}).onErrorResume(OpenAiPipeline::transportError);
	}

	private <T> Mono<T> decodeResponse(OpenAiRequest<T> request, ClientResponse response) {
		if (response.statusCode().isError()) {
			return decodeError(response);
		}
		if (request.responseType() == String.class) {
			return decodeText(response);
		}
		String requestId = requestId(response);
		return response.bodyToMono(byte[].class)
			.switchIfEmpty(
					Mono.error(() -> invalidResponse(response.statusCode().value(), "empty body", requestId, null)))
			.map((body) -> decode(body, request.responseType(), response.statusCode().value(), requestId));
	}

	@SuppressWarnings("unchecked")
	private static <T> Mono<T> decodeText(ClientResponse response) {
		// a transcription of silence is an empty text
		return (Mono<T>) response.bodyToMono(String.class).defaultIfEmpty("");
	}

	/**
	 * One attempt of a streaming call: send, read rate-limit headers, decode an error or
	 * each event, and insist on {@code [DONE]} (or on the last {@link StreamEvent}).
	 */
	private <T> Flux<T> streamAttempt(OpenAiRequest<T> request, StreamState state) {
		return streamAttempt(request, state, null, null);
	}

	private <T> Flux<T> streamAttempt(OpenAiRequest<T> request, StreamState state, @Nullable OpenAiAccount account,
			OpenAiAccounts.@Nullable Account accountState) {
		if (request.responseType() == DataBuffer.class) {
			return downloadAttempt(request, state, account, accountState);
		}
		state.events = StreamEvent.class.isAssignableFrom(request.responseType());
		return send(request, account).accept(MediaType.TEXT_EVENT_STREAM)
			.<T>exchangeToFlux((response) -> {
				if (accountState != null) {
					readRateLimitHeaders(request, response, accountState);
				}
				else {
					readRateLimitHeaders(request, response);
				}
				if (response.statusCode().isError()) {
					return this.<T>decodeError(response).flux();
				}
				MediaType contentType = response.headers().contentType().orElse(null);
				if (contentType != null && !MediaType.TEXT_EVENT_STREAM.isCompatibleWith(contentType)) {
					// a captive portal or proxy page: name it rather than wait for a [DONE] that never comes
					return this.<T>notAStream(response, contentType).flux();
				}
				state.requestId = requestId(response);
				state.responded = true;
				return response.bodyToFlux(SSE_TYPE)
					.<T>handle((event, sink) -> decodeEvent(event, request.responseType(), state, sink))
				// read on to [DONE] even when the subscriber asked for exactly the chunks sent
				.onBackpressureBuffer();
			})
			.onErrorResume((failure) -> Mono.<T>error(mapStreamFailure(failure, state)))
			.concatWith(Mono.defer(() -> state.done ? Mono.<T>empty()
					: Mono.<T>error(streamError(OpenAiErrorKind.CONNECTION,
							new OpenAiError(state.events ? "Stream ended before its last event"
									: "Stream ended before [DONE]", null, null, null),
							state, null))));
	}

	/**
	 * One attempt of a call whose response is a binary body: send, read rate-limit
	 * headers, decode an error or pass each buffer on as it arrives. A connection broken
	 * after the first buffer is a {@link StreamErrorException} that is not retried.
	 */
	@SuppressWarnings("unchecked")
	private <T> Flux<T> downloadAttempt(OpenAiRequest<T> request, StreamState state, @Nullable OpenAiAccount account,
			OpenAiAccounts.@Nullable Account accountState) {
		return send(request, account).accept(MediaType.ALL).<T>exchangeToFlux((response) -> {
			if (accountState != null) {
				readRateLimitHeaders(request, response, accountState);
			}
			else {
				readRateLimitHeaders(request, response);
			}
			if (response.statusCode().isError()) {
				return this.<T>decodeError(response).flux();
			}
			state.requestId = requestId(response);
			state.responded = true;
			return (Flux<T>) response.bodyToFlux(DataBuffer.class)
				.doOnNext((buffer) -> state.chunks.incrementAndGet());
		}).onErrorResume((failure) -> Mono.<T>error(mapStreamFailure(failure, state)));
	}

	/**
	 * What {@code onErrorMap(TransportErrors::map)} does, without a lambda per call.
	 */
	private static <T> Mono<T> transportError(Throwable failure) {
		return Mono.error(TransportErrors.map(failure));
	}

	private WebClient.RequestHeadersSpec<?> send(OpenAiRequest<?> request) {
		return send(request, null);
	}

	private WebClient.RequestHeadersSpec<?> send(OpenAiRequest<?> request, @Nullable OpenAiAccount account) {
		WebClient.RequestBodySpec spec = this.webClient.obtain().method(request.method()).uri(this.routing.uri(request));
		if (account != null) {
			// on the request as sent, so that the client's own organization and project are not sent along
			spec.httpRequest((httpRequest) -> applyAccount(httpRequest.getHeaders(), account));
		}
		Object body = this.routing.body(request);
		if (body == null) {
			return spec;
		}
		if (body instanceof OpenAiMultipartBody multipart) {
			// written part by part, each file part read as it is written
			return spec.body(BodyInserters.fromMultipartData(multipart.parts()));
		}
		return spec.contentType(MediaType.APPLICATION_JSON).bodyValue(this.mapper.writeValueAsBytes(body));
	}

	private void applyAccount(HttpHeaders headers, OpenAiAccount account) {
		if (this.apiKeyHeader) {
			headers.remove(HttpHeaders.AUTHORIZATION);
			headers.set("api-key", account.apiKey());
		}
		else {
			headers.remove("api-key");
			headers.setBearerAuth(account.apiKey());
		}
		setOrRemove(headers, "OpenAI-Organization", account.organization());
		setOrRemove(headers, "OpenAI-Project", account.project());
	}

	private static void setOrRemove(HttpHeaders headers, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			headers.set(name, value);
		}
		else {
			headers.remove(name);
		}
	}

	private void readRateLimitHeaders(OpenAiRequest<?> request, ClientResponse response,
			OpenAiAccounts.Account account) {
		RateLimitHeaders headers = RateLimitHeaders.from(response.headers().asHttpHeaders());
		account.rateLimitTracker().update(headers);
		if (headers != null) {
			account.stage().readHeaders(request, headers);
		}
	}

	private void readRateLimitHeaders(OpenAiRequest<?> request, ClientResponse response) {
		RateLimitHeaders headers = RateLimitHeaders.from(response.headers().asHttpHeaders());
		this.rateLimitTracker.update(headers);
		if (headers != null) {
			this.rateLimiting.readHeaders(request, headers);
		}
	}

	private <T> Mono<T> decodeError(ClientResponse response) {
		HttpHeaders headers = response.headers().asHttpHeaders();
		int status = response.statusCode().value();
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			// an endless or huge error page still fails as what its status says
			.onErrorResume(TransportErrors::isTooLarge,
					(ex) -> Mono.error(this.errorDecoder.decodeUnread(status, headers,
							"larger than openai.max-response-size, " + TransportErrors.describe(ex))))
			.flatMap((body) -> Mono.error(this.errorDecoder.decode(status, headers, body)));
	}

	private <T> Mono<T> notAStream(ClientResponse response, MediaType contentType) {
		int status = response.statusCode().value();
		String requestId = requestId(response);
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.onErrorResume(TransportErrors::isTooLarge, (ex) -> Mono.just(new byte[0]))
			.flatMap((body) -> Mono.error(invalidResponse(status, "expected a stream (text/event-stream) but the "
					+ "server sent " + contentType + ": " + ErrorResponseDecoder.snippet(body), requestId, null)));
	}

	private <T> T decode(byte[] body, Class<T> type, int status, @Nullable String requestId) {
		try {
			return this.mapper.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw invalidResponse(status, "malformed JSON (" + ex.getOriginalMessage() + ")", requestId, ex);
		}
	}

	private <T> void decodeEvent(ServerSentEvent<String> event, Class<T> type, StreamState state,
			SynchronousSink<T> sink) {
		String data = event.data();
		if (data == null || data.isBlank() || state.done) {
			return;
		}
		if (DONE.equals(data.strip())) {
			state.done = true;
			return;
		}
		if ("error".equals(event.event()) || isErrorFrame(data)) {
			OpenAiError error = this.errorDecoder.readError(data.getBytes(StandardCharsets.UTF_8));
			sink.error(streamError(OpenAiErrorClassifier.classify(200, error), error, state, null));
			return;
		}
		T chunk;
		try {
			chunk = this.mapper.readValue(data, type);
		}
		catch (JacksonException ex) {
			sink.error(streamError(OpenAiErrorKind.INVALID_RESPONSE,
					new OpenAiError("Malformed stream chunk (" + ex.getOriginalMessage() + ")", null, null, null),
					state, ex));
			return;
		}
		if (chunk instanceof StreamEvent streamEvent) {
			OpenAiError error = streamEvent.streamError();
			if (error != null) {
				sink.error(streamError(OpenAiErrorClassifier.classify(200, error), error, state, null));
				return;
			}
			if (streamEvent.endsStream()) {
				state.done = true;
			}
		}
		state.chunks.incrementAndGet();
		sink.next(chunk);
	}

	private static StreamErrorException streamError(OpenAiErrorKind kind, OpenAiError error, StreamState state,
			@Nullable Throwable cause) {
		return state.events ? StreamErrorException.afterEvents(kind, error, state.requestId, state.chunks.get(), cause)
				: new StreamErrorException(kind, error, state.requestId, state.chunks.get(), cause);
	}

	private static boolean isErrorFrame(String data) {
		int start = 0;
		while (start < data.length() && (Character.isWhitespace(data.charAt(start)) || data.charAt(start) == '{')) {
			start++;
		}
		return data.startsWith("\"error\"", start);
	}

	private static Throwable mapStreamFailure(Throwable failure, StreamState state) {
		if (failure instanceof OpenAiException || !state.responded) {
			return TransportErrors.map(failure);
		}
		if (TransportErrors.isTooLarge(failure)) {
			// an event or a line with no end: reading on would hold ever more of it in memory
			return streamError(OpenAiErrorKind.INVALID_RESPONSE,
					new OpenAiError("Stream event larger than the in-memory limit; raise openai.max-response-size ("
							+ TransportErrors.describe(failure) + ")", null, null, null),
					state, failure);
		}
		OpenAiErrorKind kind = TransportErrors.isTimeout(failure) ? OpenAiErrorKind.TIMEOUT
				: OpenAiErrorKind.CONNECTION;
		return streamError(kind,
				new OpenAiError("Stream broken: " + failure.getClass().getSimpleName(), null, null, null), state,
				failure);
	}

	private static OpenAiException invalidResponse(int status, String what, @Nullable String requestId,
			@Nullable Throwable cause) {
		return new OpenAiServerException(OpenAiErrorKind.INVALID_RESPONSE, status,
				new OpenAiError("Could not read the response: " + what, null, null, null), requestId, null, cause);
	}

	private static @Nullable String requestId(ClientResponse response) {
		HttpHeaders headers = response.headers().asHttpHeaders();
		String requestId = headers.getFirst("x-request-id");
		// Azure OpenAI's gateway names its request id so when OpenAI's is absent
		return (requestId != null) ? requestId : headers.getFirst("apim-request-id");
	}

	/**
	 * Builder of {@link OpenAiPipeline}.
	 */
	public static final class Builder {

		private final Supplier<WebClient> webClient;

		private JsonMapper mapper = OpenAiJson.mapper();

		private ErrorResponseDecoder errorDecoder = new ErrorResponseDecoder(OpenAiJson.mapper(),
				new RetryAfterParser());

		private RateLimitTracker rateLimitTracker = new RateLimitTracker();

		private OpenAiRetry retry = OpenAiRetry.none();
		private OpenAiCallObserver callObserver = OpenAiCallObserver.NONE;

		private OpenAiCallOutcomes callOutcomes = new OpenAiCallOutcomes();
		private TokenEstimator tokenEstimator = (request) -> 0;

		private RateLimiter rateLimiter = RateLimiter.unlimited();

		private RequestRouting routing = RequestRouting.IDENTITY;

		private @Nullable OpenAiAccounts accounts;

		private boolean apiKeyHeader;

		private Builder(Supplier<WebClient> webClient) {
			this.webClient = webClient;
		}

		/**
		 * Set the mapper for OpenAI's wire format.
		 * @param mapper the mapper
		 * @return this builder
		 */
		public Builder jsonMapper(JsonMapper mapper) {
			this.mapper = mapper;
			return this;
		}

		/**
		 * Set the decoder of error responses.
		 * @param errorDecoder the decoder
		 * @return this builder
		 */
		public Builder errorDecoder(ErrorResponseDecoder errorDecoder) {
			this.errorDecoder = errorDecoder;
			return this;
		}

		/**
		 * Set where the latest rate-limit headroom is kept.
		 * @param rateLimitTracker the tracker
		 * @return this builder
		 */
		public Builder rateLimitTracker(RateLimitTracker rateLimitTracker) {
			this.rateLimitTracker = rateLimitTracker;
			return this;
		}

		/**
		 * Set the retry stage, which decides whether and when a failed attempt is made
		 * again. Defaults to {@link OpenAiRetry#none()}: one attempt per call.
		 * @param retry the retry stage
		 * @return this builder
		 */
		public Builder retry(OpenAiRetry retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Set the rate limiter that paces each attempt under the requests and tokens per
		 * minute limits. Defaults to {@link RateLimiter#unlimited()}.
		 * @param rateLimiter the rate limiter
		 * @return this builder
		 */
		public Builder rateLimiter(RateLimiter rateLimiter) {
			this.rateLimiter = rateLimiter;
			return this;
		}

		/**
		 * Set the observation stage that wraps every call.
		 * @param callObserver the observer
		 * @return this builder
		 */
		public Builder callObserver(OpenAiCallObserver callObserver) {
			this.callObserver = callObserver;
			return this;
		}

		/**
		 * Set where the outcome of every call is recorded.
		 * @param callOutcomes the outcomes
		 * @return this builder
		 */
		public Builder callOutcomes(OpenAiCallOutcomes callOutcomes) {
			this.callOutcomes = callOutcomes;
			return this;
		}

		/**
		 * Set what estimates the tokens of each request for the rate limiter.
		 * @param tokenEstimator the estimator
		 * @return this builder
		 */
		public Builder tokenEstimator(TokenEstimator tokenEstimator) {
			this.tokenEstimator = tokenEstimator;
			return this;
		}

		/**
		 * Set where each request goes on the wire. Defaults to
		 * {@link RequestRouting#IDENTITY}.
		 * @param routing the routing
		 * @return this builder
		 */
		public Builder routing(RequestRouting routing) {
			this.routing = routing;
			return this;
		}

		/**
		 * Set the accounts of a client whose calls an {@link OpenAiAccountResolver} gives
		 * an account each. Defaults to none: every call uses the client's own account.
		 * @param accounts the accounts
		 * @return this builder
		 */
		public Builder accounts(@Nullable OpenAiAccounts accounts) {
			this.accounts = accounts;
			return this;
		}

		/**
		 * Set whether a resolved account's key is sent as an {@code api-key} header (Azure
		 * OpenAI) rather than as a bearer token.
		 * @param apiKeyHeader whether to send the {@code api-key} header
		 * @return this builder
		 */
		public Builder apiKeyHeader(boolean apiKeyHeader) {
			this.apiKeyHeader = apiKeyHeader;
			return this;
		}

		/**
		 * Build the pipeline.
		 * @return the pipeline
		 */
		public OpenAiPipeline build() {
			return new OpenAiPipeline(this);
		}

	}

	private static final class StreamState {

		private final AtomicInteger chunks = new AtomicInteger();

		private volatile @Nullable String requestId;

		private volatile boolean responded;

		private volatile boolean done;

		// whether the chunks are StreamEvents, whose stream ends with its last event
		private volatile boolean events;

	}

}
