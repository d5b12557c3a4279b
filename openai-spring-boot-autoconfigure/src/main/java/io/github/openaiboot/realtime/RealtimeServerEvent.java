package io.github.openaiboot.realtime;

import java.util.Base64;
import java.util.List;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An event the Realtime API sends over a session's WebSocket. The events a client acts on
 * have a type of their own; every other event, and any type this version does not know,
 * arrives as {@link Other} with its JSON, so that nothing the server sends is lost.
 * Events the generally available protocol and the beta one name differently (such as
 * {@code response.output_text.delta} and {@code response.text.delta}) decode to the same
 * type, which keeps the name as sent in {@link #type()}.
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public sealed interface RealtimeServerEvent {

	/**
	 * Return the type, as sent, such as {@code response.output_text.delta}.
	 * @return the type
	 */
	String type();

	/**
	 * Return the server's id of the event.
	 * @return the id, or {@code null}
	 */
	@Nullable String eventId();

	/**
	 * The session's settings: {@code session.created} and {@code session.updated}.
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param session the session
	 */
	record SessionEvent(String type, @Nullable String eventId, Session session) implements RealtimeServerEvent {

	}

	/**
	 * A session's settings, the fields clients read.
	 *
	 * @param id the session id
	 * @param model the model
	 * @param instructions the instructions
	 * @param outputModalities the output modalities (generally available protocol)
	 * @param modalities the modalities (beta protocol)
	 */
	record Session(@Nullable String id, @Nullable String model, @Nullable String instructions,
			@Nullable List<String> outputModalities, @Nullable List<String> modalities) {

	}

	/**
	 * A response starting or done: {@code response.created} and {@code response.done},
	 * whose response carries the usage.
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param response the response
	 */
	record ResponseEvent(String type, @Nullable String eventId, RealtimeResponse response)
			implements RealtimeServerEvent {

		/**
		 * Return whether this event ends its response.
		 * @return whether it is {@code response.done}
		 */
		public boolean isDone() {
			return "response.done".equals(this.type);
		}

	}

	/**
	 * A fragment of a response's text: {@code response.output_text.delta} (beta
	 * {@code response.text.delta}), or of its audio's transcript:
	 * {@code response.output_audio_transcript.delta} (beta
	 * {@code response.audio_transcript.delta}).
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param responseId the response
	 * @param itemId the item
	 * @param outputIndex the index of the item in the response's output
	 * @param contentIndex the index of the part in the item's content
	 * @param delta the text
	 */
	record TextDelta(String type, @Nullable String eventId, @Nullable String responseId, @Nullable String itemId,
			int outputIndex, int contentIndex, String delta) implements RealtimeServerEvent {

		/**
		 * Return whether the text is the transcript of audio rather than text output.
		 * @return whether this is a transcript delta
		 */
		public boolean isTranscript() {
			return this.type.contains("transcript");
		}

	}

	/**
	 * The whole text of a content part: {@code response.output_text.done} (beta
	 * {@code response.text.done}), or its audio's transcript:
	 * {@code response.output_audio_transcript.done} (beta
	 * {@code response.audio_transcript.done}).
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param responseId the response
	 * @param itemId the item
	 * @param outputIndex the index of the item in the response's output
	 * @param contentIndex the index of the part in the item's content
	 * @param text the text (text events)
	 * @param transcript the transcript (transcript events)
	 */
	record TextDone(String type, @Nullable String eventId, @Nullable String responseId, @Nullable String itemId,
			int outputIndex, int contentIndex, @Nullable String text, @Nullable String transcript)
			implements RealtimeServerEvent {

	}

	/**
	 * A chunk of a response's audio: {@code response.output_audio.delta} (beta
	 * {@code response.audio.delta}), base64-encoded in the session's output format.
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param responseId the response
	 * @param itemId the item
	 * @param outputIndex the index of the item in the response's output
	 * @param contentIndex the index of the part in the item's content
	 * @param delta the audio, base64-encoded
	 */
	record AudioDelta(String type, @Nullable String eventId, @Nullable String responseId, @Nullable String itemId,
			int outputIndex, int contentIndex, String delta) implements RealtimeServerEvent {

		/**
		 * Return the audio bytes.
		 * @return the decoded audio
		 */
		public byte[] audio() {
			return Base64.getDecoder().decode(this.delta);
		}

	}

	/**
	 * The input audio buffer: {@code input_audio_buffer.committed},
	 * {@code input_audio_buffer.cleared}, {@code input_audio_buffer.speech_started} and
	 * {@code input_audio_buffer.speech_stopped} (server voice activity detection).
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param itemId the user message item the audio becomes
	 * @param previousItemId the item it follows
	 * @param audioStartMs where speech started, in milliseconds of audio
	 * @param audioEndMs where speech stopped, in milliseconds of audio
	 */
	record InputAudioBufferEvent(String type, @Nullable String eventId, @Nullable String itemId,
			@Nullable String previousItemId, @Nullable Long audioStartMs, @Nullable Long audioEndMs)
			implements RealtimeServerEvent {

	}

	/**
	 * A transcription of input audio: {@code conversation.item.input_audio_transcription.delta}
	 * ({@link #delta()}), {@code ….completed} ({@link #transcript()}) and
	 * {@code ….failed} ({@link #error()}).
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param itemId the item the audio belongs to
	 * @param contentIndex the index of the part in the item's content
	 * @param delta the fragment of the transcript
	 * @param transcript the whole transcript
	 * @param error why the transcription failed ({@code ….failed})
	 */
	record InputAudioTranscription(String type, @Nullable String eventId, @Nullable String itemId,
			int contentIndex, @Nullable String delta, @Nullable String transcript,
			@Nullable ErrorDetail error) implements RealtimeServerEvent {

		/**
		 * Return whether the transcription of the audio failed; the session goes on.
		 * @return whether this is {@code conversation.item.input_audio_transcription.failed}
		 */
		public boolean isFailed() {
			return this.type.endsWith(".failed");
		}

	}

	/**
	 * The arguments of a function call: {@code response.function_call_arguments.delta}
	 * ({@link #delta()}) and {@code ….done} ({@link #arguments()}).
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param responseId the response
	 * @param itemId the item
	 * @param outputIndex the index of the item in the response's output
	 * @param callId the call id, to answer with
	 * {@link RealtimeClientEvent#functionCallOutput(String, String)}
	 * @param name the function (on {@code done}, generally available protocol)
	 * @param delta the fragment of the arguments
	 * @param arguments the whole arguments, JSON
	 */
	record FunctionCallArguments(String type, @Nullable String eventId, @Nullable String responseId,
			@Nullable String itemId, int outputIndex, @Nullable String callId, @Nullable String name,
			@Nullable String delta, @Nullable String arguments) implements RealtimeServerEvent {

		/**
		 * Return whether this event carries the whole arguments.
		 * @return whether it is {@code response.function_call_arguments.done}
		 */
		public boolean isDone() {
			return this.type.endsWith(".done");
		}

	}

	/**
	 * The rate limits after a response was created: {@code rate_limits.updated}.
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param rateLimits the limits
	 */
	record RateLimitsUpdated(String type, @Nullable String eventId, List<RateLimit> rateLimits)
			implements RealtimeServerEvent {

	}

	/**
	 * One rate limit.
	 *
	 * @param name the limit, {@code requests} or {@code tokens}
	 * @param limit the limit
	 * @param remaining what remains of it
	 * @param resetSeconds seconds until it resets
	 */
	record RateLimit(String name, @Nullable Long limit, @Nullable Long remaining, @Nullable Double resetSeconds) {

	}

	/**
	 * An error: {@code error}. Most errors (an invalid client event, a failed response)
	 * leave the session open, so they arrive as events; {@link #toException()} gives the
	 * typed exception the same error would be on any other call.
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param error the error
	 */
	record Error(String type, @Nullable String eventId, ErrorDetail error) implements RealtimeServerEvent {

		/**
		 * Return the typed exception of this error: its kind classified as for an HTTP
		 * error of the same code and type.
		 * @return the exception
		 */
		public OpenAiException toException() {
			OpenAiError openAiError = this.error.toOpenAiError();
			OpenAiErrorKind kind = OpenAiErrorClassifier.classify(400, openAiError);
			return OpenAiErrorClassifier.toException(kind, 0, openAiError, null, null);
		}

	}

	/**
	 * What went wrong.
	 *
	 * @param type the error type, such as {@code invalid_request_error}
	 * @param code the error code, if any
	 * @param message the message
	 * @param param the parameter at fault, if any
	 * @param eventId the id of the client event at fault, if any
	 */
	record ErrorDetail(@Nullable String type, @Nullable String code, @Nullable String message,
			@Nullable String param, @Nullable String eventId) {

		/**
		 * Return this error as the error of any other call.
		 * @return the error
		 */
		public OpenAiError toOpenAiError() {
			return new OpenAiError(this.message, this.type, this.param, this.code);
		}

	}

	/**
	 * Any other event, such as {@code conversation.item.added} or
	 * {@code response.output_item.done}, or one this version does not know, with its JSON.
	 *
	 * @param type the type
	 * @param eventId the event id
	 * @param json the whole event
	 */
	record Other(String type, @Nullable String eventId, JsonNode json) implements RealtimeServerEvent {

	}

}
