package io.github.openaiboot.image;

import java.util.Base64;
import java.util.List;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Generated images, each as a URL (valid for about an hour) or as base64 bytes.
 *
 * @param created when they were created, in epoch seconds
 * @param data the images
 * @param usage the tokens used, reported by token-priced image models
 * @author openai-spring-boot
 */
public record ImageResponse(long created, List<Image> data, @Nullable Usage usage) {

	/**
	 * Create a response.
	 */
	public ImageResponse {
		data = (data != null) ? List.copyOf(data) : List.of();
	}

	/**
	 * One generated image.
	 *
	 * @param url where to download it, for {@code url} responses
	 * @param b64Json its bytes in base64, for {@code b64_json} responses
	 * @param revisedPrompt the prompt the model actually drew (dall-e-3)
	 */
	public record Image(@Nullable String url, @Nullable String b64Json, @Nullable String revisedPrompt) {

		/**
		 * Return the image's bytes, for {@code b64_json} responses.
		 * @return the bytes
		 * @throws IllegalStateException if the image was sent as a URL
		 */
		public byte[] bytes() {
			if (this.b64Json == null) {
				throw new IllegalStateException("Image was returned as a URL; request response format b64_json");
			}
			return Base64.getDecoder().decode(this.b64Json);
		}

		@Override
		public String toString() {
			return "Image[url=" + this.url + ", b64Json=" + ((this.b64Json != null)
					? "(" + this.b64Json.length() + " chars)" : null) + ", revisedPrompt=" + this.revisedPrompt + "]";
		}

	}

}
