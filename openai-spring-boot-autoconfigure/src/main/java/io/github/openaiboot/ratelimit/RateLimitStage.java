package io.github.openaiboot.ratelimit;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.RateLimitDimension;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.ratelimit.RateLimiter.Permit;
import io.github.openaiboot.responses.Response;
import io.github.openaiboot.responses.ResponseStreamEvent;
import io.github.openaiboot.responses.ResponseUsage;
import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pacing stages of the request pipeline around one attempt: estimate the tokens of
 * the request, acquire its permits (which may wait, bounded), and once the answer is in,
 * reconcile the estimate with the actual usage. Streams hold their tokens until the
 * usage chunk (or, for the Responses API, the terminal event) arrives, and keep the
 * estimate if it never does.
 *
 * @author openai-spring-boot
 */
public final class RateLimitStage {

	private static final RateLimitStage NONE = new RateLimitStage((request) -> 0, RateLimiter.unlimited());

	private final TokenEstimator tokenEstimator;

	private final RateLimiter rateLimiter;

	/**
	 * Create a stage.
	 * @param tokenEstimator estimates each request's tokens
	 * @param rateLimiter paces the requests
	 */
	public RateLimitStage(TokenEstimator tokenEstimator, RateLimiter rateLimiter) {
		this.tokenEstimator = tokenEstimator;
		this.rateLimiter = rateLimiter;
	}

	/**
	 * Return a stage that does not pace.
	 * @return the stage
	 */
	public static RateLimitStage none() {
		return NONE;
	}

	/**
	 * Pace one attempt of a call.
	 * @param <T> the response type
	 * @param request the request
	 * @param attempt the attempt
	 * @return the paced attempt
	 */
	public <T> Mono<T> apply(OpenAiRequest<T> request, Mono<T> attempt) {
		if (!isPaced(request)) {
			return attempt;
		}
		return Mono.defer(() -> {
			long tokens = tokens(request);
			Permit permit = this.rateLimiter.tryAcquire(request.model(), tokens);
			if (permit != null) {
				return settled(request, permit, attempt);
			}
			return this.rateLimiter.acquire(request.model(), tokens)
				.flatMap((waited) -> settled(request, waited, attempt));
		});
	}

	/**
	 * Pace one attempt of a streaming call.
	 * @param <T> the chunk type
	 * @param request the request
	 * @param attempt the attempt
	 * @return the paced attempt
	 */
	public <T> Flux<T> apply(OpenAiRequest<T> request, Flux<T> attempt) {
		if (!isPaced(request)) {
			return attempt;
		}
		return Flux.defer(() -> {
			long tokens = tokens(request);
			Permit permit = this.rateLimiter.tryAcquire(request.model(), tokens);
			if (permit != null) {
				return settled(request, permit, attempt);
			}
			return this.rateLimiter.acquire(request.model(), tokens)
				.flatMapMany((waited) -> settled(request, waited, attempt));
		});
	}

	private <T> Mono<T> settled(OpenAiRequest<T> request, Permit permit, Mono<T> attempt) {
		return attempt.tap(() -> new Settlement<>(request, permit));
	}

	private <T> Flux<T> settled(OpenAiRequest<T> request, Permit permit, Flux<T> attempt) {
		return attempt.tap(() -> new Settlement<>(request, permit));
	}

	/**
	 * Read the rate-limit headers of a response.
	 * @param request the request the response answers
	 * @param headers the headers
	 */
	public void readHeaders(OpenAiRequest<?> request, RateLimitHeaders headers) {
		this.rateLimiter.onHeaders(request.model(), headers);
	}

	private boolean isPaced(OpenAiRequest<?> request) {
		return this.rateLimiter != RateLimiter.unlimited() && request.model() != null && request.operation() != OpenAiOperation.MODELS;
	}

	private long tokens(OpenAiRequest<?> request) {
		// tokenizing costs CPU and the tokenizer's memory: count precisely only when the
		// budget is tight; the estimate is settled against the actual usage either way
		long roughTokens = this.tokenEstimator.upperBound(request);
		return this.rateLimiter.hasHeadroom(request.model(), roughTokens) ? roughTokens
				: this.tokenEstimator.estimate(request);
	}

	/**
	 * Settles the permit of an attempt as its signals arrive, before they go on: with the
	 * usage of a response or chunk that reports it, by the failure, or with the estimate
	 * when the attempt completes or is cancelled. Only the first settling has an effect.
	 */
	private final class Settlement<T> extends DefaultSignalListener<T> {

		private final OpenAiRequest<?> request;

		private final Permit permit;

		Settlement(OpenAiRequest<?> request, Permit permit) {
			this.request = request;
			this.permit = permit;
		}

		@Override
		public void doOnNext(T value) {
			Usage usage = usageOf(value);
			if (usage != null) {
				this.permit.reconcile(usage);
			}
		}

		@Override
		public void doOnError(Throwable error) {
			failed(this.request, this.permit, error);
		}

		@Override
		public void doOnComplete() {
			this.permit.complete();
		}

		@Override
		public void doOnCancel() {
			this.permit.complete();
		}

	}

	private void failed(OpenAiRequest<?> request, Permit permit, Throwable failure) {
		if (failure instanceof RateLimitException rateLimited && !rateLimited.isLocal()) {
			// a per-minute 429 empties the bucket anyway; a daily one leaves it alone, so the
			// tokens of the request it refused go back
			if (rateLimited.dimension().map(RateLimitDimension::isDaily).orElse(false)) {
				permit.refund();
			}
			else {
				permit.complete();
			}
			this.rateLimiter.onRateLimited(request.model(), rateLimited);
			return;
		}
		if (failure instanceof OpenAiException ex && ex.kind() == OpenAiErrorKind.REQUEST_TOO_LARGE) {
			this.rateLimiter.onRequestTooLarge(request.model(), ex);
		}
		// An error response was not processed, so it used no tokens; a broken connection
		// or stream may have, so it keeps the estimate.
		if (failure instanceof OpenAiException ex && ex.statusCode() > 0 && !(ex instanceof StreamErrorException)) {
			permit.refund();
		}
		else {
			permit.complete();
		}
	}

	static @Nullable Usage usageOf(@Nullable Object response) {
		if (response instanceof ChatCompletion completion) {
			return completion.usage();
		}
		if (response instanceof ChatCompletionChunk chunk) {
			return chunk.usage();
		}
		if (response instanceof EmbeddingResponse embeddings) {
			return embeddings.usage();
		}
		if (response instanceof Response whole) {
			return usageOf(whole);
		}
		if (response instanceof ResponseStreamEvent.Lifecycle event) {
			// the terminal event carries the usage; the earlier ones a null usage
			return usageOf(event.response());
		}
		return null;
	}

	private static @Nullable Usage usageOf(Response response) {
		ResponseUsage usage = response.usage();
		return (usage != null) ? usage.toUsage() : null;
	}

}
