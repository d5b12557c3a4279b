package io.github.openaiboot.audio;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.openaiboot.core.StreamEvent;
import org.jspecify.annotations.Nullable;

/**
 * An event of a streamed transcription ({@code stream=true}, gpt-4o transcribe models),
 * discriminated by its {@code type}. The stream ends with {@link Done}.
 *
 * @author openai-spring-boot
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
		visible = true, defaultImpl = TranscriptionEvent.Unknown.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = TranscriptionEvent.Delta.class, name = "transcript.text.delta"),
		@JsonSubTypes.Type(value = TranscriptionEvent.Done.class, name = "transcript.text.done"),
		@JsonSubTypes.Type(value = TranscriptionEvent.Segment.class, name = "transcript.text.segment") })
public sealed interface TranscriptionEvent extends StreamEvent {

	/**
	 * Return the event's type.
	 * @return such as {@code transcript.text.delta}
	 */
	@Nullable String type();

	@Override
	default boolean endsStream() {
		return false;
	}

	/**
	 * More text.
	 *
	 * @param type {@code transcript.text.delta}
	 * @param delta the text
	 * @param logprobs its tokens' log probabilities, when asked for
	 * @param segmentId the segment it belongs to (diarization)
	 */
	record Delta(@Nullable String type, String delta, @Nullable List<Transcription.Logprob> logprobs,
			@Nullable String segmentId) implements TranscriptionEvent {

	}

	/**
	 * The whole text, ending the stream.
	 *
	 * @param type {@code transcript.text.done}
	 * @param text the text
	 * @param logprobs its tokens' log probabilities, when asked for
	 * @param usage the tokens used
	 */
	record Done(@Nullable String type, String text, @Nullable List<Transcription.Logprob> logprobs,
			@Nullable TranscriptionUsage usage) implements TranscriptionEvent {

		@Override
		public boolean endsStream() {
			return true;
		}

	}

	/**
	 * A diarized segment.
	 *
	 * @param type {@code transcript.text.segment}
	 * @param id its id
	 * @param start start time in seconds
	 * @param end end time in seconds
	 * @param text its text
	 * @param speaker who speaks
	 */
	record Segment(@Nullable String type, @Nullable String id, double start, double end, @Nullable String text,
			@Nullable String speaker) implements TranscriptionEvent {

	}

	/**
	 * An event of a type this client does not know, passed on rather than failing the
	 * stream.
	 *
	 * @param type its type
	 */
	record Unknown(@Nullable String type) implements TranscriptionEvent {

	}

}
