package io.github.openaiboot.chat;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI chat completions.
 *
 * @author openai-spring-boot
 */
public interface ChatClient {

	/**
	 * Ask for a whole completion.
	 * @param request the request; a request without a model uses the default model
	 * @return the completion
	 */
	Mono<ChatCompletion> complete(ChatRequest request);

	/**
	 * Ask for a completion streamed as it is generated. Unless turned off in the
	 * defaults, the last chunk carries the usage of the whole request.
	 * @param request the request; a request without a model uses the default model
	 * @return the chunks, completing after {@code [DONE]}
	 */
	Flux<ChatCompletionChunk> stream(ChatRequest request);

	/**
	 * Ask the default model one question and return the answer's text.
	 * @param userMessage the question
	 * @return the answer's text
	 */
	Mono<String> ask(String userMessage);

}
