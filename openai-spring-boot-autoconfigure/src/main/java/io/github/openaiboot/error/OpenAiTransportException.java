package io.github.openaiboot.error;

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

}
