package io.github.openaiboot.realtime;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.StreamErrorException;
import org.jspecify.annotations.Nullable;

/**
 * A realtime session ended by the server or the network rather than by the client: the
 * socket dropped, or was closed by the server. Says what was in flight, so that the
 * caller can decide whether and how to reconnect: the response being generated, and the
 * bytes of audio appended but not yet committed. Of kind
 * {@link OpenAiErrorKind#CONNECTION} (or {@link OpenAiErrorKind#TIMEOUT}).
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public class RealtimeConnectionException extends StreamErrorException {

	private final @Nullable String openResponseId;

	private final long uncommittedAudioBytes;

	private final @Nullable Integer closeStatus;

	/**
	 * Create an exception.
	 * @param kind the kind
	 * @param message what happened
	 * @param eventsReceived the events received before
	 * @param openResponseId the response in progress, if any
	 * @param uncommittedAudioBytes the audio appended and not committed
	 * @param closeStatus the WebSocket close status, if the server sent one
	 * @param cause the underlying failure, if any
	 */
	public RealtimeConnectionException(OpenAiErrorKind kind, String message, int eventsReceived,
			@Nullable String openResponseId, long uncommittedAudioBytes, @Nullable Integer closeStatus,
			@Nullable Throwable cause) {
		super(kind, new OpenAiError(message, null, null, null), null, eventsReceived, cause,
				detail(eventsReceived, openResponseId, uncommittedAudioBytes));
		this.openResponseId = openResponseId;
		this.uncommittedAudioBytes = uncommittedAudioBytes;
		this.closeStatus = closeStatus;
	}

	private static String detail(int events, @Nullable String openResponseId, long uncommittedAudioBytes) {
		return "after " + events + " event(s); "
				+ ((openResponseId != null) ? "response " + openResponseId + " in progress"
						: "no response in progress")
				+ "; " + uncommittedAudioBytes + " byte(s) of audio not committed";
	}

	/**
	 * Return the response that was being generated.
	 * @return its id, or {@code null} when none was
	 */
	public @Nullable String openResponseId() {
		return this.openResponseId;
	}

	/**
	 * Return how many bytes of audio were appended since the input audio buffer was last
	 * committed or cleared: audio the server may not have acted on.
	 * @return the bytes
	 */
	public long uncommittedAudioBytes() {
		return this.uncommittedAudioBytes;
	}

	/**
	 * Return the close status the server sent.
	 * @return the status code, or {@code null} when the socket dropped without one
	 */
	public @Nullable Integer closeStatus() {
		return this.closeStatus;
	}

}
