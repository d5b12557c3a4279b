package io.github.openaiboot.responses;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI's Responses API ({@code /v1/responses}): responses whole or
 * streamed as typed events, with tools and conversation state kept by OpenAI
 * ({@code previous_response_id}), and the stored responses themselves.
 *
 * @author openai-spring-boot
 */
public interface ResponsesClient {

	/**
	 * Ask for a whole response.
	 * @param request the request; a request without a model uses the default model
	 * @return the response
	 */
	Mono<Response> create(ResponseRequest request);

	/**
	 * Ask for a response streamed as it is generated. The stream completes after
	 * {@code response.completed} or {@code response.incomplete}; a response that fails
	 * ({@code error} or {@code response.failed}) fails it with a
	 * {@link io.github.openaiboot.error.StreamErrorException} that says how many events
	 * had arrived. {@link ResponseAccumulator#collect} folds the events into the
	 * response.
	 * @param request the request; a request without a model uses the default model
	 * @return the events
	 */
	Flux<ResponseStreamEvent> stream(ResponseRequest request);

	/**
	 * Retrieve a stored response.
	 * @param id the response's id
	 * @return the response
	 */
	Mono<Response> retrieve(String id);

	/**
	 * Delete a stored response.
	 * @param id the response's id
	 * @return what the deletion answered
	 */
	Mono<ResponseDeletion> delete(String id);

	/**
	 * Cancel a response being made in the background.
	 * @param id the response's id
	 * @return the response, cancelled
	 */
	Mono<Response> cancel(String id);

	/**
	 * List the input items of a stored response, oldest first, fetching further pages
	 * only as they are consumed.
	 * @param id the response's id
	 * @return the items
	 */
	Flux<ResponseItem> inputItems(String id);

}
