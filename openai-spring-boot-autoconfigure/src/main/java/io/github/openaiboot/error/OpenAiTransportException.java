package io.github.openaiboot.error;

import org.jspecify.annotations.Nullable;

/**
 * No HTTP answer arrived: the connection failed or was lost
 * ({@link OpenAiErrorKind#CONNECTION}) or the response did not start in time
 * ({@link OpenAiErrorKind#TIMEOUT}). Worth retrying.
 *
 * @author openai-spring-boot
 */
public class OpenAiTransportException extends OpenAiException {

	/**
	 * Create a new exception.
	 * @param kind {@link OpenAiErrorKind#CONNECTION} or {@link OpenAiErrorKind#TIMEOUT}
	 * @param message what happened
	 * @param cause the underlying failure
	 */
	public OpenAiTransportException(OpenAiErrorKind kind, String message, Throwable cause) {
		super(kind, 0, new OpenAiError(message, null, null, null), null, null, cause);
	}

	/**
	 * Create a new exception with extra text appended to the message.
	 * @param kind {@link OpenAiErrorKind#CONNECTION} or {@link OpenAiErrorKind#TIMEOUT}
	 * @param error what happened
	 * @param cause the underlying failure, if any
	 * @param detail extra text for the message, such as the number of attempts made
	 */
	protected OpenAiTransportException(OpenAiErrorKind kind, OpenAiError error, @Nullable Throwable cause,
			@Nullable String detail) {
		super(kind, 0, error, null, null, cause, detail);
	}

	@Override
	public OpenAiTransportException withDetail(String detail) {
		return copyStackTraceTo(new OpenAiTransportException(kind(), error(), getCause(), appendDetail(detail)));
	}

}
