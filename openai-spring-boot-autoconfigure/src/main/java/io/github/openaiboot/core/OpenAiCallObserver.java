package io.github.openaiboot.core;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pipeline's observation stage: wraps a whole call, retries included, so that
 * timings, tokens, cost and outcome are recorded once per call. Kept free of Micrometer
 * types so the pipeline works without Micrometer on the classpath; the
 * Micrometer-backed implementation lives in {@code io.github.openaiboot.observation}.
 *
 * @author openai-spring-boot
 */
public interface OpenAiCallObserver {

	/**
	 * Observer that observes nothing.
	 */
	OpenAiCallObserver NONE = new OpenAiCallObserver() {

		@Override
		public <T> Mono<T> observe(OpenAiRequest<T> request, Mono<T> call) {
			return call;
		}

		@Override
		public <T> Flux<T> observeStream(OpenAiRequest<T> request, Flux<T> call) {
			return call;
		}

	};

	/**
	 * Observe a call with a single response.
	 * @param <T> the response type
	 * @param request the request
	 * @param call the call, subscribed once per subscription to the result
	 * @return the observed call
	 */
	<T> Mono<T> observe(OpenAiRequest<T> request, Mono<T> call);

	/**
	 * Observe a streaming call, from subscription until it completes, fails or is
	 * cancelled.
	 * @param <T> the chunk type
	 * @param request the request
	 * @param call the call
	 * @return the observed call
	 */
	<T> Flux<T> observeStream(OpenAiRequest<T> request, Flux<T> call);

}
