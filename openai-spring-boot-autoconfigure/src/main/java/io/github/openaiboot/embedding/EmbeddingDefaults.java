package io.github.openaiboot.embedding;

import org.jspecify.annotations.Nullable;

/**
 * Values an {@link EmbeddingRequest} takes when it leaves them unset.
 *
 * @param model the model
 * @param dimensions the vector dimensions, or {@code null} for the model's own
 * @param encodingFormat how vectors are sent back
 * @author openai-spring-boot
 */
public record EmbeddingDefaults(String model, @Nullable Integer dimensions, EncodingFormat encodingFormat) {

	/**
	 * Defaults with the given model, its own dimensions and base64 encoding.
	 * @param model the model
	 * @return the defaults
	 */
	public static EmbeddingDefaults of(String model) {
		return new EmbeddingDefaults(model, null, EncodingFormat.BASE64);
	}

	/**
	 * Return the request with every unset value filled from these defaults.
	 * @param request the request
	 * @return the completed request
	 */
	public EmbeddingRequest applyTo(EmbeddingRequest request) {
		return new EmbeddingRequest((request.model() != null) ? request.model() : this.model, request.input(),
				(request.dimensions() != null) ? request.dimensions() : this.dimensions,
				(request.encodingFormat() != null) ? request.encodingFormat() : this.encodingFormat, request.user());
	}

}
