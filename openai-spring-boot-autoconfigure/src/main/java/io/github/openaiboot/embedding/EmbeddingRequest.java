package io.github.openaiboot.embedding;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An embeddings request for one or more texts. Build one with {@link #builder()};
 * fields left {@code null} take the {@code openai.embedding.*} defaults. Requests of
 * more than {@value #MAX_INPUTS_PER_CALL} texts are split into several calls and their
 * results put back in order.
 *
 * @param model the model, such as {@code text-embedding-3-small}
 * @param input the texts to embed
 * @param dimensions the number of dimensions of each vector (text-embedding-3 models)
 * @param encodingFormat how the vectors are sent back
 * @param user stable identifier of the end user, for abuse monitoring
 * @author openai-spring-boot
 */
public record EmbeddingRequest(@Nullable String model, List<String> input, @Nullable Integer dimensions,
		@Nullable EncodingFormat encodingFormat, @Nullable String user) {

	/**
	 * The most texts OpenAI accepts in one call.
	 */
	public static final int MAX_INPUTS_PER_CALL = 2048;

	/**
	 * Create a request.
	 */
	public EmbeddingRequest {
		input = List.copyOf(input);
		if (input.isEmpty()) {
			throw new IllegalArgumentException("An embedding request needs at least one input text");
		}
		if (dimensions != null && dimensions <= 0) {
			throw new IllegalArgumentException("'dimensions' must be positive but was " + dimensions);
		}
	}

	/**
	 * Create a request for some texts with the default model and format.
	 * @param texts the texts
	 * @return the request
	 */
	public static EmbeddingRequest of(String... texts) {
		return builder().input(texts).build();
	}

	/**
	 * Start building a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	EmbeddingRequest withInput(List<String> input) {
		return new EmbeddingRequest(this.model, input, this.dimensions, this.encodingFormat, this.user);
	}

	/**
	 * Builder of {@link EmbeddingRequest}.
	 */
	public static final class Builder {

		private final List<String> input = new ArrayList<>();

		private @Nullable String model;

		private @Nullable Integer dimensions;

		private @Nullable EncodingFormat encodingFormat;

		private @Nullable String user;

		private Builder() {
		}

		/**
		 * Set the model.
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Add texts to embed.
		 * @param texts the texts
		 * @return this builder
		 */
		public Builder input(String... texts) {
			return input(List.of(texts));
		}

		/**
		 * Add texts to embed.
		 * @param texts the texts
		 * @return this builder
		 */
		public Builder input(List<String> texts) {
			this.input.addAll(texts);
			return this;
		}

		/**
		 * Set the number of dimensions of each vector.
		 * @param dimensions the dimensions
		 * @return this builder
		 */
		public Builder dimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
			return this;
		}

		/**
		 * Set how vectors are sent back.
		 * @param encodingFormat the format
		 * @return this builder
		 */
		public Builder encodingFormat(@Nullable EncodingFormat encodingFormat) {
			this.encodingFormat = encodingFormat;
			return this;
		}

		/**
		 * Set the end user's identifier.
		 * @param user the identifier
		 * @return this builder
		 */
		public Builder user(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public EmbeddingRequest build() {
			return new EmbeddingRequest(this.model, this.input, this.dimensions, this.encodingFormat, this.user);
		}

	}

}
