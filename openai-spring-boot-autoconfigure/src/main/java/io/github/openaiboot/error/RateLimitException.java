package io.github.openaiboot.error;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Requests or tokens per minute or per day exceeded ({@link OpenAiErrorKind#RATE_LIMITED}).
 * Worth retrying once the delay in {@link #retryAfter()} has passed; for a daily limit
 * ({@link #dimension()}) that delay is usually hours.
 *
 * @author openai-spring-boot
 */
public class RateLimitException extends OpenAiException {

	private final boolean local;

	private final @Nullable RateLimitDimension dimension;

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
		this(kind, statusCode, error, requestId, retryAfter, false);
	}

	/**
	 * Create a new exception, raised by the server or by the client's own pacer.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status, {@code 0} when the request was never sent
	 * @param error the decoded error body, or a description of the local refusal
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay after which the call may succeed, if known
	 * @param local whether the client's pacer refused the call before sending it
	 */
	public RateLimitException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, boolean local) {
		this(kind, statusCode, error, requestId, retryAfter, local, null);
	}

	/**
	 * Create a new exception, raised by the server or by the client's own pacer, with a
	 * cause: for a local refusal, the server's 429 that made the pacer hold the model.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status, {@code 0} when the request was never sent
	 * @param error the decoded error body, or a description of the local refusal
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay after which the call may succeed, if known
	 * @param local whether the client's pacer refused the call before sending it
	 * @param cause the cause, if any
	 */
	public RateLimitException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, boolean local, @Nullable Throwable cause) {
		super(kind, statusCode, error, requestId, retryAfter, cause);
		this.local = local;
		this.dimension = RateLimitDimension.of(error).orElse(null);
	}

	/**
	 * Return whether the client's own pacer refused the call, because the wait for
	 * permits would have exceeded its bound (a bucket refilling, or a hold after a
	 * server 429, which is then the {@linkplain #getCause() cause}), rather than OpenAI
	 * answering 429.
	 * @return {@code true} for a local refusal, {@code false} for a server response
	 */
	public boolean isLocal() {
		return this.local;
	}

	/**
	 * Return which limit was exceeded: requests or tokens, per minute or per day, as the
	 * message names it, else as the error's {@code type} names it (then taken as per
	 * minute).
	 * @return the dimension, if the error names one
	 */
	public Optional<RateLimitDimension> dimension() {
		return Optional.ofNullable(this.dimension);
	}

	/**
	 * Create a copy of an exception with extra text in its message.
	 * @param kind the kind of failure
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id} of the response, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @param cause the cause, if any
	 * @param detail extra text for the message
	 * @param local whether the local pacer refused the call
	 */
	protected RateLimitException(OpenAiErrorKind kind, int statusCode, OpenAiError error, @Nullable String requestId,
			@Nullable Duration retryAfter, @Nullable Throwable cause, @Nullable String detail, boolean local) {
		super(kind, statusCode, error, requestId, retryAfter, cause, detail);
		this.local = local;
		this.dimension = RateLimitDimension.of(error).orElse(null);
	}

	@Override
	public RateLimitException withDetail(String detail) {
		return copyStackTraceTo(new RateLimitException(kind(), statusCode(), error(), requestId(), retryAfter().orElse(null),
				getCause(), appendDetail(detail), this.local));
	}

}
