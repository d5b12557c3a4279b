package io.github.openaiboot.test.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The responses the simulator stored (those not created with {@code store: false}), with
 * their input items, and what {@code /v1/responses/{id}} does with them: retrieve, delete,
 * cancel and list input items. Thread-safe; keeps the latest {@value #CAPACITY}.
 *
 * @author OpenAI Spring Boot contributors
 */
final class StoredResponses {

	static final int CAPACITY = 10_000;

	private static final int DEFAULT_PAGE_SIZE = 20;

	private final Map<String, Stored> responses = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Stored> eldest) {
			return size() > CAPACITY;
		}

	};

	synchronized void store(ObjectNode response, ArrayNode inputItems, int turn) {
		this.responses.put(response.path("id").asString(), new Stored(response, inputItems, turn));
	}

	synchronized @Nullable Stored get(String id) {
		return this.responses.get(id);
	}

	synchronized void clear() {
		this.responses.clear();
	}

	/**
	 * Answers a call on a stored response: {@code GET /v1/responses/{id}},
	 * {@code DELETE /v1/responses/{id}}, {@code POST /v1/responses/{id}/cancel} and
	 * {@code GET /v1/responses/{id}/input_items}.
	 */
	synchronized SimulatedResponse respond(String method, String path, @Nullable String query) {
		String rest = path.substring("/v1/responses/".length());
		int slash = rest.indexOf('/');
		String id = (slash < 0) ? rest : rest.substring(0, slash);
		String action = (slash < 0) ? "" : rest.substring(slash + 1);
		Stored stored = this.responses.get(id);
		if (stored == null) {
			return SimulatedResponse.error(404, "Response with id '" + id + "' not found.", "invalid_request_error",
					null, null);
		}
		if ("DELETE".equals(method) && action.isEmpty()) {
			this.responses.remove(id);
			ObjectNode deleted = SimulatedResponse.JSON.createObjectNode();
			deleted.put("id", id);
			deleted.put("object", "response");
			deleted.put("deleted", true);
			return SimulatedResponse.json(200, deleted);
		}
		if ("POST".equals(method) && action.equals("cancel")) {
			if (!stored.response().path("background").asBoolean(false)) {
				return SimulatedResponse.error(400, "Only responses created with background=true can be cancelled.",
						"invalid_request_error", null, null);
			}
			// the simulator answers at once; a cancel is taken to have come first
			stored.response().put("status", "cancelled");
			return SimulatedResponse.json(200, stored.response());
		}
		if ("GET".equals(method) && action.equals("input_items")) {
			return SimulatedResponse.json(200, page(stored.inputItems(), query));
		}
		if ("GET".equals(method) && action.isEmpty()) {
			return SimulatedResponse.json(200, stored.response());
		}
		return SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error",
				null, null);
	}

	/**
	 * One page of input items: newest first unless {@code order=asc}, {@code limit}
	 * (default 20) items after the item {@code after} names.
	 */
	private static ObjectNode page(ArrayNode items, @Nullable String query) {
		Map<String, String> parameters = parameters(query);
		boolean ascending = "asc".equals(parameters.get("order"));
		int limit = Math.max(1, Math.min(100, parse(parameters.get("limit"), DEFAULT_PAGE_SIZE)));
		String after = parameters.get("after");
		ArrayNode ordered = SimulatedResponse.JSON.createArrayNode();
		for (int i = 0; i < items.size(); i++) {
			ordered.add(items.get(ascending ? i : items.size() - 1 - i));
		}
		int start = 0;
		if (after != null) {
			for (int i = 0; i < ordered.size(); i++) {
				if (after.equals(ordered.get(i).path("id").asString())) {
					start = i + 1;
				}
			}
		}
		ObjectNode page = SimulatedResponse.JSON.createObjectNode();
		page.put("object", "list");
		ArrayNode data = page.putArray("data");
		for (int i = start; i < Math.min(ordered.size(), start + limit); i++) {
			data.add(ordered.get(i));
		}
		if (data.isEmpty()) {
			page.putNull("first_id");
			page.putNull("last_id");
		}
		else {
			page.put("first_id", data.get(0).path("id").asString());
			page.put("last_id", data.get(data.size() - 1).path("id").asString());
		}
		page.put("has_more", start + limit < ordered.size());
		return page;
	}

	private static Map<String, String> parameters(@Nullable String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query != null) {
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					parameters.put(pair.substring(0, equals),
							java.net.URLDecoder.decode(pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
				}
			}
		}
		return parameters;
	}

	private static int parse(@Nullable String value, int fallback) {
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * Turns the {@code input} of a request into the items a listing shows: a text is one
	 * user message, each item gets an id, and text content becomes parts.
	 */
	static ArrayNode inputItems(JsonNode input) {
		ArrayNode items = SimulatedResponse.JSON.createArrayNode();
		if (input.isString()) {
			items.add(message("user", input));
			return items;
		}
		for (JsonNode item : input) {
			if (!item.isObject()) {
				continue;
			}
			String type = item.path("type").asString("message");
			if (type.equals("message")) {
				ObjectNode message = message(item.path("role").asString("user"), item.path("content"));
				if (item.path("id").isString()) {
					message.put("id", item.path("id").asString());
				}
				items.add(message);
			}
			else {
				ObjectNode copy = ((ObjectNode) item).deepCopy();
				if (!copy.path("id").isString()) {
					copy.put("id", prefix(type) + id());
				}
				items.add(copy);
			}
		}
		return items;
	}

	private static ObjectNode message(String role, JsonNode content) {
		ObjectNode message = SimulatedResponse.JSON.createObjectNode();
		message.put("id", "msg_" + id());
		message.put("type", "message");
		message.put("role", role);
		message.put("status", "completed");
		if (content.isString()) {
			message.putArray("content")
				.addObject()
				.put("type", "assistant".equals(role) ? "output_text" : "input_text")
				.put("text", content.asString());
		}
		else {
			message.set("content", content.deepCopy());
		}
		return message;
	}

	private static String prefix(String type) {
		return switch (type) {
			case "function_call" -> "fc_";
			case "function_call_output" -> "fco_";
			case "reasoning" -> "rs_";
			default -> "item_";
		};
	}

	static String id() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	/**
	 * A stored response, the items of its input, and which turn of its conversation it is.
	 */
	record Stored(ObjectNode response, ArrayNode inputItems, int turn) {

	}

}
