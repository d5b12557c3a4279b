package io.github.openaiboot.embedding;

import java.util.Arrays;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The vector of one input text.
 *
 * @param index the position of the text in the request's input
 * @param embedding the vector
 * @author openai-spring-boot
 */
public record Embedding(int index, @JsonDeserialize(using = EmbeddingVectorDeserializer.class) float[] embedding) {

	@Override
	public boolean equals(Object other) {
		return (other instanceof Embedding that) && this.index == that.index
				&& Arrays.equals(this.embedding, that.embedding);
	}

	@Override
	public int hashCode() {
		return 31 * this.index + Arrays.hashCode(this.embedding);
	}

	@Override
	public String toString() {
		return "Embedding[index=" + this.index + ", dimensions=" + this.embedding.length + "]";
	}

}
