package io.github.openaiboot.embedding;

import org.jspecify.annotations.Nullable;

/**
 * How {@link EmbeddingClient#embedAll(reactor.core.publisher.Flux, EmbedAllOptions)}
 * embeds a stream of texts. Build one with {@link #builder()}; values left {@code null}
 * take the {@code openai.embedding.*} defaults.
 *
 * @param model the model, such as {@code text-embedding-3-small}
 * @param dimensions the number of dimensions of each vector (text-embedding-3 models)
 * @param encodingFormat how the vectors are sent back
 * @param user stable identifier of the end user, for abuse monitoring
 * @param concurrency how many calls may be in flight at once; the pacer still holds
 * each one until the organization's limits allow it
 * @param maxTokensPerCall the most tokens one call may carry, summed over its texts
 * @author openai-spring-boot
 * @since 0.2.0
 */
public record EmbedAllOptions(@Nullable String model, @Nullable Integer dimensions,
		@Nullable EncodingFormat encodingFormat, @Nullable String user, @Nullable Integer concurrency,
		@Nullable Integer maxTokensPerCall) {

	private static final EmbedAllOptions DEFAULTS = new EmbedAllOptions(null, null, null, null, null, null);

	/**
	 * Create options.
	 */
	public EmbedAllOptions {
		if (dimensions != null && dimensions <= 0) {
			throw new IllegalArgumentException("'dimensions' must be positive but was " + dimensions);
		}
		if (concurrency != null && concurrency <= 0) {
			throw new IllegalArgumentException("'concurrency' must be positive but was " + concurrency);
		}
		if (maxTokensPerCall != null && maxTokensPerCall <= 0) {
			throw new IllegalArgumentException("'maxTokensPerCall' must be positive but was " + maxTokensPerCall);
		}
	}

	/**
	 * Return options that take every value from the configured defaults.
	 * @return the options
	 */
	public static EmbedAllOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builder of {@link EmbedAllOptions}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable Integer dimensions;

		private @Nullable EncodingFormat encodingFormat;

		private @Nullable String user;

		private @Nullable Integer concurrency;

		private @Nullable Integer maxTokensPerCall;

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
		 * Set how many calls may be in flight at once.
		 * @param concurrency the number of calls
		 * @return this builder
		 */
		public Builder concurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
			return this;
		}

		/**
		 * Set the most tokens one call may carry.
		 * @param maxTokensPerCall the tokens
		 * @return this builder
		 */
		public Builder maxTokensPerCall(@Nullable Integer maxTokensPerCall) {
			this.maxTokensPerCall = maxTokensPerCall;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public EmbedAllOptions build() {
			return new EmbedAllOptions(this.model, this.dimensions, this.encodingFormat, this.user, this.concurrency,
					this.maxTokensPerCall);
		}

	}

}
