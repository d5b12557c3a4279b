package io.github.openaiboot.responses;

import io.github.openaiboot.error.OpenAiError;
import org.jspecify.annotations.Nullable;

/**
 * Why a response failed, as its {@code error} says.
 *
 * @param code the machine-readable code, such as {@code server_error},
 * {@code rate_limit_exceeded} or {@code insufficient_quota}
 * @param message the human-readable message
 * @author openai-spring-boot
 */
public record ResponseError(@Nullable String code, @Nullable String message) {

	/**
	 * Return this error as the {@link OpenAiError} of an error body.
	 * @return the error
	 */
	public OpenAiError toOpenAiError() {
		return new OpenAiError(this.message, null, null, this.code);
	}

}
