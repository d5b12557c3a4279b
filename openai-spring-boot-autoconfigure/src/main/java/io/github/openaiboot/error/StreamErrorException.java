package io.github.openaiboot.error;

import org.jspecify.annotations.Nullable;

/**
 * A stream failed after it had started: an error frame or event arrived inside a
 * {@code 200} stream, or the connection broke before {@code [DONE]} (or before the last
 * event of a Responses API stream). Retried only when no chunk had arrived yet, since a
 * retry after content was emitted would duplicate text.
 *
 * @author openai-spring-boot
 */
public class StreamErrorException extends OpenAiException {

	private final int chunksReceived;

	/**
	 * Create a new exception.
	 * @param kind the kind of failure
	 * @param error the error frame's error, or a description of the break
	 * @param requestId the {@code x-request-id} of the stream's response, if any
	 * @param chunksReceived how many chunks had arrived before the failure
	 * @param cause the underlying failure, if any
	 */
	public StreamErrorException(OpenAiErrorKind kind, OpenAiError error, @Nullable String requestId,
			int chunksReceived, @Nullable Throwable cause) {
		this(kind, error, requestId, chunksReceived, cause, "after " + chunksReceived + " chunk(s)");
	}

	/**
	 * Create an exception for a stream of events, such as those of the Responses API,
	 * whose message counts events rather than chunks.
	 * @param kind the kind of failure
	 * @param error the error event's error, or a description of the break
	 * @param requestId the {@code x-request-id} of the stream's response, if any
	 * @param eventsReceived how many events had arrived before the failure
	 * @param cause the underlying failure, if any
	 * @return the exception
	 */
	public static StreamErrorException afterEvents(OpenAiErrorKind kind, OpenAiError error,
			@Nullable String requestId, int eventsReceived, @Nullable Throwable cause) {
		return new StreamErrorException(kind, error, requestId, eventsReceived, cause,
				"after " + eventsReceived + " event(s)");
	}

	/**
	 * Create a new exception with the given text appended to the message.
	 * @param kind the kind of failure
	 * @param error the error frame's error, or a description of the break
	 * @param requestId the {@code x-request-id} of the stream's response, if any
	 * @param chunksReceived how many chunks had arrived before the failure
	 * @param cause the underlying failure, if any
	 * @param detail text for the message, such as the number of chunks and attempts
	 */
	protected StreamErrorException(OpenAiErrorKind kind, OpenAiError error, @Nullable String requestId,
			int chunksReceived, @Nullable Throwable cause, @Nullable String detail) {
		super(kind, 200, error, requestId, null, cause, detail);
		this.chunksReceived = chunksReceived;
	}

	/**
	 * Return how many chunks had arrived before the stream failed.
	 * @return the number of chunks received
	 */
	public int chunksReceived() {
		return this.chunksReceived;
	}

	@Override
	public StreamErrorException withDetail(String detail) {
		return copyStackTraceTo(new StreamErrorException(kind(), error(), requestId(), this.chunksReceived, getCause(),
				appendDetail(detail)));
	}

}
