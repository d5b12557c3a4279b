package io.github.openaiboot.realtime;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * An event a client sends over a realtime session: its {@link #type()} and its other
 * fields, serialized as one JSON object. The factory methods build the events of the
 * protocol; {@link #of(String, Map)} builds any other.
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public final class RealtimeClientEvent {

	private final Map<String, Object> fields;

	private RealtimeClientEvent(String type, Map<String, ?> fields) {
		Assert.hasText(type, "'type' must not be empty");
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("type", type);
		fields.forEach((name, value) -> {
			if (!"type".equals(name)) {
				all.put(name, value);
			}
		});
		this.fields = Collections.unmodifiableMap(all);
	}

	/**
	 * Create an event of any type.
	 * @param type the type, such as {@code conversation.item.truncate}
	 * @param fields its other fields, in OpenAI's snake_case names
	 * @return the event
	 */
	public static RealtimeClientEvent of(String type, Map<String, ?> fields) {
		return new RealtimeClientEvent(type, fields);
	}

	/**
	 * Create a {@code session.update} event.
	 * @param session the session fields to change
	 * @return the event
	 */
	public static RealtimeClientEvent sessionUpdate(Map<String, ?> session) {
		return of("session.update", Map.of("session", session));
	}

	/**
	 * Create an {@code input_audio_buffer.append} event.
	 * @param audio the audio, in the session's input format
	 * @return the event
	 */
	public static RealtimeClientEvent inputAudioAppend(byte[] audio) {
		return of("input_audio_buffer.append", Map.of("audio", Base64.getEncoder().encodeToString(audio)));
	}

	/**
	 * Create an {@code input_audio_buffer.commit} event, which makes the buffered audio
	 * a user message.
	 * @return the event
	 */
	public static RealtimeClientEvent inputAudioCommit() {
		return of("input_audio_buffer.commit", Map.of());
	}

	/**
	 * Create an {@code input_audio_buffer.clear} event.
	 * @return the event
	 */
	public static RealtimeClientEvent inputAudioClear() {
		return of("input_audio_buffer.clear", Map.of());
	}

	/**
	 * Create a {@code conversation.item.create} event adding a user message of text.
	 * @param text the text
	 * @return the event
	 */
	public static RealtimeClientEvent userText(String text) {
		Assert.notNull(text, "'text' must not be null");
		return of("conversation.item.create", Map.of("item", Map.of("type", "message", "role", "user", "content",
				List.of(Map.of("type", "input_text", "text", text)))));
	}

	/**
	 * Create a {@code conversation.item.create} event answering a function call.
	 * @param callId the call id of the function call
	 * @param output the output, usually JSON
	 * @return the event
	 */
	public static RealtimeClientEvent functionCallOutput(String callId, String output) {
		return of("conversation.item.create",
				Map.of("item", Map.of("type", "function_call_output", "call_id", callId, "output", output)));
	}

	/**
	 * Create a {@code response.create} event with the session's settings.
	 * @return the event
	 */
	public static RealtimeClientEvent responseCreate() {
		return of("response.create", Map.of());
	}

	/**
	 * Create a {@code response.create} event with settings of its own.
	 * @param response the response fields, such as {@code instructions}
	 * @return the event
	 */
	public static RealtimeClientEvent responseCreate(Map<String, ?> response) {
		return of("response.create", Map.of("response", response));
	}

	/**
	 * Create a {@code response.cancel} event.
	 * @return the event
	 */
	public static RealtimeClientEvent responseCancel() {
		return of("response.cancel", Map.of());
	}

	/**
	 * Return the type.
	 * @return the type
	 */
	public String type() {
		return (String) this.fields.get("type");
	}

	/**
	 * Return every field, the type first.
	 * @return the fields
	 */
	public Map<String, Object> fields() {
		return this.fields;
	}

	@Override
	public String toString() {
		return "RealtimeClientEvent[type=" + type() + "]";
	}

}
