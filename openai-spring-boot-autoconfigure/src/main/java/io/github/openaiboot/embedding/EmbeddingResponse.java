package io.github.openaiboot.embedding;

import java.util.List;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The vectors of an embeddings request, in the order of the request's input.
 *
 * @param model the model that embedded the texts
 * @param data one vector per input text, ordered by index
 * @param usage the tokens used
 * @author openai-spring-boot
 */
public record EmbeddingResponse(@Nullable String model, List<Embedding> data, @Nullable Usage usage) {

	/**
	 * Create a response.
	 */
	public EmbeddingResponse {
		data = (data != null) ? List.copyOf(data) : List.of();
	}

	/**
	 * Return the vectors in input order.
	 * @return the vectors
	 */
	public List<float[]> vectors() {
		return this.data.stream().map(Embedding::embedding).toList();
	}

}
