package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The server failed or was busy: {@link OpenAiErrorKind#SERVER_ERROR},
 * {@link OpenAiErrorKind#OVERLOADED}, {@link OpenAiErrorKind#CONFLICT} or
 * {@link OpenAiErrorKind#TIMEOUT}, or answered with something that could not be read
 * ({@link OpenAiErrorKind#INVALID_RESPONSE}). Usually worth retrying.
 *
 * @author openai-spring-boot
 */
public class OpenAiServerException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 */
	public OpenAiServerException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter) {
		super(kind, statusCode, error, requestId, retryAfter, null);
	}

	/**
	 * Create a new exception with a cause.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @param cause the underlying failure
	 */
	public OpenAiServerException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(kind, statusCode, error, requestId, retryAfter, cause);
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
	protected OpenAiServerException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
	}

	@Override
	public OpenAiServerException withDetail(String detail) {
		return copyStackTraceTo(new OpenAiServerException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail)));
	}

}
