package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Builds exception messages that are useful on their own: kind, status, OpenAI's
 * message, the rate limit concerned, request id and hinted delay.
 *
 * @author openai-spring-boot
 */
final class OpenAiExceptionMessage {

	private OpenAiExceptionMessage() {
	}

	static String of(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable String detail) {
		StringBuilder message = new StringBuilder("OpenAI ").append(kind);
		if (statusCode > 0) {
			message.append(" (HTTP ").append(statusCode).append(')');
		}
		if (error.message() != null && !error.message().isBlank()) {
			message.append(": ").append(ApiKeyRedactor.redact(error.message().strip()));
		}
		if (error.code() != null) {
			message.append(" [code=").append(error.code()).append(']');
		}
		if (kind == OpenAiErrorKind.RATE_LIMITED || kind == OpenAiErrorKind.REQUEST_TOO_LARGE) {
			RateLimitDimension.of(error)
				.ifPresent((dimension) -> message.append(" [limit: ").append(dimension).append(']'));
		}
		if (requestId != null) {
			message.append(" [request id ").append(requestId).append(']');
		}
		if (retryAfter != null) {
			message.append(" [retry after ").append(format(retryAfter)).append(']');
		}
		if (detail != null) {
			message.append(' ').append(detail);
		}
		return message.toString();
	}

	static String format(Duration duration) {
		if (duration.toMillis() < 1000) {
			return duration.toMillis() + "ms";
		}
		return duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
	}

}
