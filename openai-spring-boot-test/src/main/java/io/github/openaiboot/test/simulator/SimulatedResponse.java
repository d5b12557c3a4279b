package io.github.openaiboot.test.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A response the simulator is about to send, before WireMock renders it.
 *
 * @author OpenAI Spring Boot contributors
 */
final class SimulatedResponse {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final int status;

	private final String contentType;

	private final byte[] body;

	private final int frames;

	private final Map<String, String> headers = new LinkedHashMap<>();

	private SimulatedResponse(int status, String contentType, byte[] body, int frames) {
		this.status = status;
		this.contentType = contentType;
		this.body = body;
		this.frames = frames;
	}

	static SimulatedResponse json(int status, JsonNode body) {
		return new SimulatedResponse(status, "application/json", JSON.writeValueAsBytes(body), 0);
	}

	static SimulatedResponse eventStream(String body, int frames) {
		return new SimulatedResponse(200, "text/event-stream; charset=utf-8", body.getBytes(StandardCharsets.UTF_8),
				frames);
	}

	static SimulatedResponse binary(String contentType, byte[] body) {
		return new SimulatedResponse(200, contentType, body, 0);
	}

	static SimulatedResponse error(int status, String message, @Nullable String type, @Nullable String param,
			@Nullable String code) {
		ObjectNode root = JSON.createObjectNode();
		root.set("error", errorNode(message, type, param, code));
		return json(status, root);
	}

	static ObjectNode errorNode(String message, @Nullable String type, @Nullable String param,
			@Nullable String code) {
		ObjectNode error = JSON.createObjectNode();
		error.put("message", message);
		putNullable(error, "type", type);
		putNullable(error, "param", param);
		putNullable(error, "code", code);
		return error;
	}

	private static void putNullable(ObjectNode node, String name, @Nullable String value) {
		if (value != null) {
			node.put(name, value);
		}
		else {
			node.putNull(name);
		}
	}

	SimulatedResponse header(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	SimulatedResponse headers(Map<String, String> values) {
		this.headers.putAll(values);
		return this;
	}

	SimulatedResponse truncated() {
		byte[] half = new byte[this.body.length / 2];
		System.arraycopy(this.body, 0, half, 0, half.length);
		SimulatedResponse copy = new SimulatedResponse(this.status, this.contentType, half, 0);
		copy.headers.putAll(this.headers);
		return copy;
	}

	int status() {
		return this.status;
	}

	String contentType() {
		return this.contentType;
	}

	byte[] body() {
		return this.body;
	}

	int frames() {
		return this.frames;
	}

	Map<String, String> headers() {
		return this.headers;
	}

}
