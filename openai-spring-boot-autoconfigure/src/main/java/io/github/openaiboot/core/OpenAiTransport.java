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

}
