package io.github.openaiboot.error;

import org.jspecify.annotations.Nullable;

/**
 * The {@code error} object of an OpenAI error body:
 * {@code {"error":{"message":…,"type":…,"param":…,"code":…}}}.
 *
 * @param message the human-readable message
 * @param type the error type, such as {@code invalid_request_error} or
 * {@code insufficient_quota}
 * @param param the request parameter the error relates to, if any
 * @param code the machine-readable code, such as {@code rate_limit_exceeded}
 * @author openai-spring-boot
 */
public record OpenAiError(@Nullable String message, @Nullable String type, @Nullable String param,
		@Nullable String code) {

	/**
	 * An error with no details, for responses whose body could not be read.
	 */
	public static final OpenAiError EMPTY = new OpenAiError(null, null, null, null);

}
