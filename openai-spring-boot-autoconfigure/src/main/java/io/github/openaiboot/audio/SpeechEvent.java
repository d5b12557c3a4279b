package io.github.openaiboot.audio;

import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.openaiboot.core.StreamEvent;
import org.jspecify.annotations.Nullable;

/**
 * An event of speech streamed as server-sent events ({@code stream_format=sse}),
 * discriminated by its {@code type}. The stream ends with {@link Done}, which carries
 * the tokens used.
 *
 * @author openai-spring-boot
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
		visible = true, defaultImpl = SpeechEvent.Unknown.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = SpeechEvent.Delta.class, name = "speech.audio.delta"),
		@JsonSubTypes.Type(value = SpeechEvent.Done.class, name = "speech.audio.done") })
public sealed interface SpeechEvent extends StreamEvent {

	/**
	 * Return the event's type.
	 * @return such as {@code speech.audio.delta}
	 */
	@Nullable String type();

	@Override
	default boolean endsStream() {
		return false;
	}

	/**
	 * More audio, in chunks of no fixed size.
	 *
	 * @param type {@code speech.audio.delta}
	 * @param audio the audio, base64-encoded
	 */
	record Delta(@Nullable String type, String audio) implements SpeechEvent {

		/**
		 * Create an event.
		 */
		public Delta {
			audio = (audio != null) ? audio : "";
		}

		/**
		 * Return the audio's bytes.
		 * @return the decoded audio
		 * @throws IllegalArgumentException when the audio is not valid base64
		 */
		public byte[] audioBytes() {
			return Base64.getDecoder().decode(this.audio);
		}

	}

	/**
	 * The end of the audio.
	 *
	 * @param type {@code speech.audio.done}
	 * @param usage the tokens used
	 */
	record Done(@Nullable String type, @Nullable SpeechUsage usage) implements SpeechEvent {

		@Override
		public boolean endsStream() {
			return true;
		}

	}

	/**
	 * An event of a type this client does not know, passed on rather than failing the
	 * stream.
	 *
	 * @param type its type
	 */
	record Unknown(@Nullable String type) implements SpeechEvent {

	}

}
