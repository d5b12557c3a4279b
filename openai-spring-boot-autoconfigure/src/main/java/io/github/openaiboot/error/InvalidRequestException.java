package io.github.openaiboot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The request was refused as it stands (400, 404, 422):
 * {@link OpenAiErrorKind#INVALID_REQUEST}, {@link OpenAiErrorKind#CONTEXT_LENGTH_EXCEEDED},
 * {@link OpenAiErrorKind#REQUEST_TOO_LARGE} (a 429 "Request too large", or the local
 * pacer's refusal of a request larger than the tokens-per-minute limit, then with status
 * {@code 0}), {@link OpenAiErrorKind#MODEL_NOT_FOUND} or {@link OpenAiErrorKind#NOT_FOUND}.
 * Never worth retrying unchanged.
 *
 * @author openai-spring-boot
 */
public class InvalidRequestException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 */
	public InvalidRequestException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
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
	protected InvalidRequestException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
	}

	@Override
	public InvalidRequestException withDetail(String detail) {
		return copyStackTraceTo(new InvalidRequestException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail)));
	}

}
