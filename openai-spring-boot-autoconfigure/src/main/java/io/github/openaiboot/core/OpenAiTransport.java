package io.github.openaiboot.core;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every client sends its calls through: the {@link OpenAiPipeline} of one account,
 * or a pool that routes each call to one of several.
 *
 * @author openai-spring-boot
 */
public interface OpenAiTransport {

	/**
	 * Perform a call whose response is a single JSON document.
	 * @param <T> the response type
	 * @param request the request
	 * @return the decoded response
	 */
	<T> Mono<T> exchange(OpenAiRequest<T> request);

	/**
	 * Perform a streaming call whose response is a stream of server-sent events.
	 * @param <T> the type of each chunk
	 * @param request the request
	 * @return the decoded chunks
	 */
	<T> Flux<T> stream(OpenAiRequest<T> request);

	/**
	 * Observe a response that did not arrive through a call of this transport as if a
	 * call had returned it, so that its tokens and cost are recorded with the others: an
	 * answer read from a batch's output file, or a fine-tuning job that has finished
	 * training. Nothing is sent.
	 * @param <T> the response type
	 * @param request the call the response answers, for its operation and model
	 * @param response the response
	 * @return the response, once observed
	 */
	default <T> Mono<T> observe(OpenAiRequest<T> request, T response) {
		return Mono.just(response);
	}

}
