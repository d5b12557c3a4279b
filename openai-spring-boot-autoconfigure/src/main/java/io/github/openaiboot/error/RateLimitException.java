package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Requests or tokens per minute exceeded ({@link OpenAiErrorKind#RATE_LIMITED}). Worth retrying once the
 * delay in {@link #retryAfter()} has passed.
 *
 * @author openai-spring-boot
 */
public class RateLimitException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 */
	public RateLimitException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter) {
		super(kind, statusCode, error, requestId, retryAfter, null);
	}

	/**
	 * Create a new exception with extra text appended to the message.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @param cause the underlying failure, if any
	 * @param detail extra text for the message, such as the number of attempts made
	 */
	protected RateLimitException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
	}

	@Override
	public RateLimitException withDetail(String detail) {
		return copyStackTraceTo(new RateLimitException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail)));
	}

}
