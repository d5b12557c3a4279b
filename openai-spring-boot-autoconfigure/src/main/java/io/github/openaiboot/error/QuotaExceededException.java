package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Quota or billing limit exhausted ({@link OpenAiErrorKind#QUOTA_EXCEEDED}). Never worth retrying:
 * the account needs credit or a higher limit.
 *
 * @author openai-spring-boot
 */
public class QuotaExceededException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 */
	public QuotaExceededException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
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
	protected QuotaExceededException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
	}

	@Override
	public QuotaExceededException withDetail(String detail) {
		return copyStackTraceTo(new QuotaExceededException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail)));
	}

}
