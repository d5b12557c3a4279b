package io.github.openaiboot.embedding;

import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI embeddings.
 *
 * @author openai-spring-boot
 */
public interface EmbeddingClient {

	/**
	 * Embed the request's texts. Requests of more than
	 * {@value EmbeddingRequest#MAX_INPUTS_PER_CALL} texts are sent in several calls and
	 * the vectors returned in input order, with the usage summed.
	 * @param request the request
	 * @return the vectors
	 */
	Mono<EmbeddingResponse> embed(EmbeddingRequest request);

	/**
	 * Embed one text with the default model.
	 * @param text the text
	 * @return its vector
	 */
	Mono<float[]> embed(String text);

}
