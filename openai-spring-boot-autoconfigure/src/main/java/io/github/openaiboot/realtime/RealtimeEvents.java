package io.github.openaiboot.realtime;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.StreamErrorException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes the JSON of a server event into its {@link RealtimeServerEvent} type.
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public final class RealtimeEvents {

	private final JsonMapper mapper;

	/**
	 * Create a decoder.
	 * @param mapper the mapper of OpenAI's wire format
	 */
	public RealtimeEvents(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Decode one event.
	 * @param json the event's JSON
	 * @return the event
	 * @throws StreamErrorException of kind {@link OpenAiErrorKind#INVALID_RESPONSE} when
	 * the text is not a JSON object with a type
	 */
	public RealtimeServerEvent decode(String json) {
		JsonNode node;
		try {
			node = this.mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw invalid("Malformed realtime event (" + ex.getOriginalMessage() + ")", ex);
		}
		JsonNode typeNode = node.get("type");
		if (!node.isObject() || typeNode == null || !typeNode.isString()) {
			throw invalid("Realtime event without a type", null);
		}
		String type = typeNode.asString();
		Class<? extends RealtimeServerEvent> eventType = eventType(type);
		try {
			return (eventType != null) ? this.mapper.treeToValue(node, eventType)
					: new RealtimeServerEvent.Other(type, text(node, "event_id"), node);
		}
		catch (JacksonException ex) {
			// a known type whose shape changed is kept rather than failing the session
			return new RealtimeServerEvent.Other(type, text(node, "event_id"), node);
		}
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	static @Nullable Class<? extends RealtimeServerEvent> eventType(String type) {
		return switch (type) {
			case "session.created", "session.updated" -> RealtimeServerEvent.SessionEvent.class;
			case "response.created", "response.done" -> RealtimeServerEvent.ResponseEvent.class;
			case "response.output_text.delta", "response.text.delta", "response.output_audio_transcript.delta",
					"response.audio_transcript.delta" ->
				RealtimeServerEvent.TextDelta.class;
			case "response.output_text.done", "response.text.done", "response.output_audio_transcript.done",
					"response.audio_transcript.done" ->
				RealtimeServerEvent.TextDone.class;
			case "response.output_audio.delta", "response.audio.delta" -> RealtimeServerEvent.AudioDelta.class;
			case "input_audio_buffer.committed", "input_audio_buffer.cleared", "input_audio_buffer.speech_started",
					"input_audio_buffer.speech_stopped" ->
				RealtimeServerEvent.InputAudioBufferEvent.class;
			case "conversation.item.input_audio_transcription.delta",
					"conversation.item.input_audio_transcription.completed",
					"conversation.item.input_audio_transcription.failed" ->
				RealtimeServerEvent.InputAudioTranscription.class;
			case "response.function_call_arguments.delta", "response.function_call_arguments.done" ->
				RealtimeServerEvent.FunctionCallArguments.class;
			case "rate_limits.updated" -> RealtimeServerEvent.RateLimitsUpdated.class;
			case "error" -> RealtimeServerEvent.Error.class;
			default -> null;
		};
	}

	private static StreamErrorException invalid(String message, @Nullable Throwable cause) {
		return StreamErrorException.afterEvents(OpenAiErrorKind.INVALID_RESPONSE,
				new OpenAiError(message, null, null, null), null, 0, cause);
	}

}
