package io.github.openaiboot.embedding;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How OpenAI sends embedding vectors back. Both decode to the same {@code float[]}.
 *
 * @author openai-spring-boot
 */
public enum EncodingFormat {

	/**
	 * Base64 of little-endian float32 bytes: about four times smaller than JSON numbers.
	 */
	@JsonProperty("base64")
	BASE64,

	/**
	 * JSON arrays of numbers.
	 */
	@JsonProperty("float")
	FLOAT

}
