package io.github.openaiboot.image;

import org.jspecify.annotations.Nullable;

/**
 * An image generation request. Build one with {@link #builder(String)}; fields left
 * {@code null} take the {@code openai.image.*} defaults.
 *
 * @param model the model, such as {@code dall-e-3} or {@code gpt-image-1}
 * @param prompt what to draw
 * @param n the number of images
 * @param size the size, such as {@code 1024x1024} (dall-e-2: 256, 512 or 1024 square;
 * dall-e-3: 1024x1024, 1792x1024 or 1024x1792)
 * @param quality {@code standard} or {@code hd} (dall-e-3), {@code low}, {@code medium}
 * or {@code high} (gpt-image-1)
 * @param style {@code vivid} or {@code natural} (dall-e-3)
 * @param responseFormat {@code url} or {@code b64_json}
 * @param user stable identifier of the end user, for abuse monitoring
 * @author openai-spring-boot
 */
public record ImageRequest(@Nullable String model, String prompt, @Nullable Integer n, @Nullable String size,
		@Nullable String quality, @Nullable String style, @Nullable String responseFormat, @Nullable String user) {

	/**
	 * Create a request.
	 */
	public ImageRequest {
		if (prompt == null || prompt.isBlank()) {
			throw new IllegalArgumentException("An image request needs a prompt");
		}
		if (n != null && n < 1) {
			throw new IllegalArgumentException("'n' must be at least 1 but was " + n);
		}
	}

	/**
	 * Start building a request.
	 * @param prompt what to draw
	 * @return a new builder
	 */
	public static Builder builder(String prompt) {
		return new Builder(prompt);
	}

	/**
	 * Builder of {@link ImageRequest}.
	 */
	public static final class Builder {

		private final String prompt;

		private @Nullable String model;

		private @Nullable Integer n;

		private @Nullable String size;

		private @Nullable String quality;

		private @Nullable String style;

		private @Nullable String responseFormat;

		private @Nullable String user;

		private Builder(String prompt) {
			this.prompt = prompt;
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
		 * Set the number of images.
		 * @param n the number
		 * @return this builder
		 */
		public Builder n(@Nullable Integer n) {
			this.n = n;
			return this;
		}

		/**
		 * Set the size.
		 * @param size the size, such as {@code 1024x1024}
		 * @return this builder
		 */
		public Builder size(@Nullable String size) {
			this.size = size;
			return this;
		}

		/**
		 * Set the quality.
		 * @param quality the quality
		 * @return this builder
		 */
		public Builder quality(@Nullable String quality) {
			this.quality = quality;
			return this;
		}

		/**
		 * Set the style.
		 * @param style {@code vivid} or {@code natural}
		 * @return this builder
		 */
		public Builder style(@Nullable String style) {
			this.style = style;
			return this;
		}

		/**
		 * Set the response format.
		 * @param responseFormat {@code url} or {@code b64_json}
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable String responseFormat) {
			this.responseFormat = responseFormat;
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
		public ImageRequest build() {
			return new ImageRequest(this.model, this.prompt, this.n, this.size, this.quality, this.style,
					this.responseFormat, this.user);
		}

	}

}
