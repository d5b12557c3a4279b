package io.github.openaiboot.image;

import org.jspecify.annotations.Nullable;

/**
 * Values an {@link ImageRequest} takes when it leaves them unset.
 *
 * @param model the model
 * @param size the size, or {@code null} for the model's default
 * @param quality the quality, or {@code null} for the model's default
 * @param responseFormat {@code url} or {@code b64_json}, or {@code null} for the model's
 * default
 * @author openai-spring-boot
 */
public record ImageDefaults(String model, @Nullable String size, @Nullable String quality,
		@Nullable String responseFormat) {

	/**
	 * Return the request with every unset value filled from these defaults.
	 * @param request the request
	 * @return the completed request
	 */
	public ImageRequest applyTo(ImageRequest request) {
		return new ImageRequest((request.model() != null) ? request.model() : this.model, request.prompt(),
				request.n(), (request.size() != null) ? request.size() : this.size,
				(request.quality() != null) ? request.quality() : this.quality, request.style(),
				(request.responseFormat() != null) ? request.responseFormat() : this.responseFormat, request.user());
	}

}
