package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The API key was refused (401): {@link OpenAiErrorKind#INVALID_API_KEY},
 * {@link OpenAiErrorKind#ACCOUNT_DEACTIVATED} or {@link OpenAiErrorKind#AUTHENTICATION}. Never
 * worth retrying.
 *
 * @author openai-spring-boot
 */
public class AuthenticationException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 */
	public AuthenticationException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
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
	protected AuthenticationException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
	}

	@Override
	public AuthenticationException withDetail(String detail) {
		return copyStackTraceTo(new AuthenticationException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail)));
	}

}
