package io.github.openaiboot.error;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every failure of an OpenAI call. Subclasses say what the caller can do
 * next; {@link #kind()} says precisely what went wrong.
 *
 * @author openai-spring-boot
 */
public class OpenAiException extends RuntimeException {

	private final OpenAiErrorKind kind;

	private final int statusCode;

	private final OpenAiError error;

	private final @Nullable String requestId;

	private final @Nullable Duration retryAfter;

	private final @Nullable String detail;

	// set once, right after creation, by the classifier; copied by copyStackTraceTo
	private @Nullable Boolean shouldRetryHeader;

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status, or {@code 0} when no HTTP response arrived
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @param cause the cause, if any
	 */
	public OpenAiException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		this(kind, statusCode, error, requestId, retryAfter, cause, null);
	}

	/**
	 * Create a new exception with extra text appended to the message.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status, or {@code 0} when no HTTP response arrived
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @param cause the cause, if any
	 * @param detail extra text for the message, such as the number of attempts made
	 */
	protected OpenAiException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail) {
		super(OpenAiExceptionMessage.of(kind, statusCode, error, requestId, retryAfter, detail), cause);
		this.kind = kind;
		this.statusCode = statusCode;
		this.error = error;
		this.requestId = requestId;
		this.retryAfter = retryAfter;
		this.detail = detail;
	}

	/**
	 * Return what went wrong.
	 * @return the error kind
	 */
	public OpenAiErrorKind kind() {
		return this.kind;
	}

	/**
	 * Return the HTTP status of the response.
	 * @return the status code, or {@code 0} when no HTTP response arrived
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Return the decoded error body.
	 * @return the error, {@link OpenAiError#EMPTY} when the body had none
	 */
	public OpenAiError error() {
		return this.error;
	}

	/**
	 * Return the {@code x-request-id} of the failed response, to quote to OpenAI support.
	 * @return the request id, or {@code null}
	 */
	public @Nullable String requestId() {
		return this.requestId;
	}

	/**
	 * Return the delay the server asked for before trying again.
	 * @return the delay, if the response carried one
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Return what the server said in the {@code x-should-retry} response header, which
	 * the official SDKs obey over every other rule: {@code false} forbids a retry,
	 * {@code true} asks for one even of a failure that is otherwise not retried.
	 * @return the header's value, if the response carried {@code true} or {@code false}
	 */
	public Optional<Boolean> shouldRetryHeader() {
		return Optional.ofNullable(this.shouldRetryHeader);
	}

	/**
	 * Record the {@code x-should-retry} header of the response.
	 * @param shouldRetry the header's value, or {@code null} when absent
	 * @return this exception
	 */
	final OpenAiException shouldRetryHeader(@Nullable Boolean shouldRetry) {
		this.shouldRetryHeader = shouldRetry;
		return this;
	}

	/**
	 * Return a copy of this exception, of the same type and with the same kind, status,
	 * error, request id, delay, {@code x-should-retry} header and cause, whose message
	 * ends with more detail, such as
	 * the number of attempts made.
	 * @param detail the text to append to the message
	 * @return the copy
	 */
	public OpenAiException withDetail(String detail) {
		return copyStackTraceTo(new OpenAiException(this.kind, this.statusCode, this.error, this.requestId,
				this.retryAfter, getCause(), appendDetail(detail)));
	}

	/**
	 * Return the detail of this exception's message with more text appended, for
	 * {@link #withDetail(String)} implementations.
	 * @param detail the text to append
	 * @return the combined detail
	 */
	protected final String appendDetail(String detail) {
		return (this.detail != null) ? this.detail + ", " + detail : detail;
	}

	/**
	 * Give a copy made by {@link #withDetail(String)} this exception's stack trace and
	 * suppressed exceptions, so that it points where the failure happened.
	 * @param <E> the type of the copy
	 * @param copy the copy
	 * @return the copy
	 */
	protected final <E extends OpenAiException> E copyStackTraceTo(E copy) {
		copy.setStackTrace(getStackTrace());
		((OpenAiException) copy).shouldRetryHeader = this.shouldRetryHeader;
		for (Throwable suppressed : getSuppressed()) {
			copy.addSuppressed(suppressed);
		}
		return copy;
	}

}
