package io.github.openaiboot.test.simulator;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the Responses API's objects as the simulator writes them: a response, its
 * output items and its usage, in the shape and field order of the real service.
 *
 * @author OpenAI Spring Boot contributors
 */
final class ResponseJson {

	private ResponseJson() {
	}

	/**
	 * A response to a request, echoing the request's settings as the service does.
	 */
	static ObjectNode response(String id, long created, JsonNode body, String status, ArrayNode output,
			@Nullable ObjectNode usage) {
		ObjectNode response = SimulatedResponse.JSON.createObjectNode();
		response.put("id", id);
		response.put("object", "response");
		response.put("created_at", created);
		response.put("status", status);
		if (status.equals("in_progress")) {
			response.putNull("completed_at");
		}
		else {
			response.put("completed_at", created);
		}
		response.put("background", body.path("background").asBoolean(false));
		response.putNull("error");
		response.putNull("incomplete_details");
		copyOrNull(response, body, "instructions");
		copyOrNull(response, body, "max_output_tokens");
		response.put("model", body.path("model").asString());
		response.set("output", output);
		response.put("parallel_tool_calls", body.path("parallel_tool_calls").asBoolean(true));
		copyOrNull(response, body, "previous_response_id");
		ObjectNode reasoning = response.putObject("reasoning");
		copyOrNull(reasoning, body.path("reasoning"), "effort");
		copyOrNull(reasoning, body.path("reasoning"), "summary");
		String tier = body.path("service_tier").asString("auto");
		response.put("service_tier", tier.equals("auto") ? "default" : tier);
		response.put("store", body.path("store").asBoolean(true));
		response.put("temperature", body.path("temperature").asDouble(1.0));
		if (body.path("text").isObject()) {
			response.set("text", body.path("text").deepCopy());
		}
		else {
			response.putObject("text").putObject("format").put("type", "text");
		}
		response.set("tool_choice", body.has("tool_choice") ? body.path("tool_choice").deepCopy()
				: SimulatedResponse.JSON.getNodeFactory().stringNode("auto"));
		response.set("tools",
				body.path("tools").isArray() ? body.path("tools").deepCopy() : SimulatedResponse.JSON.createArrayNode());
		response.put("top_p", body.path("top_p").asDouble(1.0));
		response.put("truncation", "disabled");
		if (usage != null) {
			response.set("usage", usage);
		}
		else {
			response.putNull("usage");
		}
		response.putNull("user");
		response.set("metadata", body.path("metadata").isObject() ? body.path("metadata").deepCopy()
				: SimulatedResponse.JSON.createObjectNode());
		return response;
	}

	/**
	 * The response as the first events of its stream carry it: in progress, no output,
	 * no usage.
	 */
	static ObjectNode started(ObjectNode finished) {
		ObjectNode started = finished.deepCopy();
		started.put("status", "in_progress");
		started.putNull("completed_at");
		started.putNull("incomplete_details");
		started.putArray("output");
		started.putNull("usage");
		return started;
	}

	static ObjectNode message(String id, String status, String text, boolean refusal) {
		ObjectNode message = SimulatedResponse.JSON.createObjectNode();
		message.put("id", id);
		message.put("type", "message");
		message.put("status", status);
		message.put("role", "assistant");
		message.putArray("content").add(part(text, refusal));
		return message;
	}

	static ObjectNode part(String text, boolean refusal) {
		ObjectNode part = SimulatedResponse.JSON.createObjectNode();
		if (refusal) {
			part.put("type", "refusal").put("refusal", text);
		}
		else {
			part.put("type", "output_text").put("text", text);
			part.putArray("annotations");
			part.putArray("logprobs");
		}
		return part;
	}

	static ObjectNode functionCall(String id, String status, String arguments, @Nullable String callId,
			@Nullable String name) {
		ObjectNode call = SimulatedResponse.JSON.createObjectNode();
		call.put("id", id);
		call.put("type", "function_call");
		call.put("status", status);
		call.put("arguments", arguments);
		call.put("call_id", callId);
		call.put("name", name);
		return call;
	}

	static ObjectNode reasoning(String id, @Nullable String summary) {
		ObjectNode reasoning = SimulatedResponse.JSON.createObjectNode();
		reasoning.put("id", id);
		reasoning.put("type", "reasoning");
		ArrayNode parts = reasoning.putArray("summary");
		if (summary != null) {
			parts.addObject().put("type", "summary_text").put("text", summary);
		}
		return reasoning;
	}

	static ObjectNode usage(long inputTokens, long outputTokens, long reasoningTokens) {
		ObjectNode usage = SimulatedResponse.JSON.createObjectNode();
		usage.put("input_tokens", inputTokens);
		usage.putObject("input_tokens_details").put("cached_tokens", 0);
		usage.put("output_tokens", outputTokens);
		usage.putObject("output_tokens_details").put("reasoning_tokens", reasoningTokens);
		usage.put("total_tokens", inputTokens + outputTokens);
		return usage;
	}

	private static void copyOrNull(ObjectNode target, JsonNode source, String field) {
		JsonNode value = source.path(field);
		if (value.isMissingNode() || value.isNull()) {
			target.putNull(field);
		}
		else {
			target.set(field, value.deepCopy());
		}
	}

}
