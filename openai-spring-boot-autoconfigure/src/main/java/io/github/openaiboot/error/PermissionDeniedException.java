package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The caller may not do this (403): {@link OpenAiErrorKind#PERMISSION_DENIED} or
 * {@link OpenAiErrorKind#REGION_NOT_SUPPORTED}. Never worth retrying.
 *
 * @author openai-spring-boot
 */
public class PermissionDeniedException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 */
	public PermissionDeniedException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
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
	protected PermissionDeniedException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
	}

	@Override
	public PermissionDeniedException withDetail(String detail) {
		return copyStackTraceTo(new PermissionDeniedException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail)));
	}

}
