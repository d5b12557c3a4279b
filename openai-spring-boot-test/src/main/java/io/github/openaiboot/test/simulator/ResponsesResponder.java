package io.github.openaiboot.test.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /v1/responses}, as one JSON document or as the Responses API's
 * server-sent events, and keeps what it answered in {@link StoredResponses}. What it
 * answers is a {@link ResponseAnswer}.
 * <p>
 * Streams send every event of the answer: {@code response.created},
 * {@code response.in_progress}, output item and content part added and done, text,
 * refusal, function call argument and reasoning summary deltas and done events, and
 * {@code response.completed} or {@code response.incomplete}; no {@code [DONE]}. An error
 * frame fault sends a nested {@code error} event and {@code response.failed}, as the live
 * service does.
 *
 * @author OpenAI Spring Boot contributors
 */
final class ResponsesResponder {

	private static final int DEFAULT_MAX_TOKENS = ChatCompletionResponder.DEFAULT_MAX_TOKENS;

	private final Clock clock;

	private final int streamChunks;

	private final StoredResponses stored = new StoredResponses();

	ResponsesResponder(Clock clock, int streamChunks) {
		this.clock = clock;
		this.streamChunks = streamChunks;
	}

	StoredResponses stored() {
		return this.stored;
	}

	@Nullable SimulatedResponse validate(JsonNode body) {
		if (!body.path("model").isString()) {
			return SimulatedResponse.error(400, "you must provide a model parameter", "invalid_request_error", null,
					null);
		}
		JsonNode input = body.path("input");
		if (!input.isString() && !input.isArray()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'input'.", "invalid_request_error",
					"input", "missing_required_parameter");
		}
		JsonNode previous = body.path("previous_response_id");
		if (previous.isString() && this.stored.get(previous.asString()) == null) {
			return SimulatedResponse.error(400, "Previous response with id '" + previous.asString() + "' not found.",
					"invalid_request_error", "previous_response_id", "previous_response_not_found");
		}
		return null;
	}

	static long promptTokens(JsonNode body) {
		long characters = body.path("instructions").asString("").length();
		int messages = body.path("instructions").isString() ? 1 : 0;
		JsonNode input = body.path("input");
		if (input.isString()) {
			characters += input.asString().length();
			messages++;
		}
		for (JsonNode item : input.isArray() ? input : SimulatedResponse.JSON.createArrayNode()) {
			characters += ChatCompletionResponder.text(item.path("content")).length()
					+ item.path("output").asString("").length() + item.path("arguments").asString("").length();
			messages++;
		}
		return (characters + 3) / 4 + 3L * messages + 3;
	}

	static long costTokens(JsonNode body) {
		JsonNode max = body.path("max_output_tokens");
		return promptTokens(body) + (max.isNumber() ? Math.max(0, max.asInt()) : DEFAULT_MAX_TOKENS);
	}

	SimulatedResponse respond(JsonNode body, @Nullable SimulatedFault streamFault) {
		StoredResponses.Stored previous = body.path("previous_response_id").isString()
				? this.stored.get(body.path("previous_response_id").asString()) : null;
		int turn = (previous != null) ? previous.turn() + 1 : 1;
		ResponseAnswer answer = ResponseAnswer.of(body, turn);
		ArrayNode output = SimulatedResponse.JSON.createArrayNode();
		if (answer.summary() != null) {
			output.add(ResponseJson.reasoning("rs_" + StoredResponses.id(), answer.summary()));
		}
		if (answer.toolName() != null) {
			output.add(ResponseJson.functionCall("fc_" + StoredResponses.id(), "completed", answer.text(),
					answer.callId(), answer.toolName()));
		}
		else {
			output.add(ResponseJson.message("msg_" + StoredResponses.id(), answer.status(), answer.text(),
					answer.refusal()));
		}
		// a continued conversation is billed for the turns before, as the service does
		long inputTokens = promptTokens(body);
		if (previous != null) {
			JsonNode usage = previous.response().path("usage");
			inputTokens += usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong();
		}
		int reasoningTokens = (answer.summary() != null) ? answer.summary().split(" ").length : 0;
		ObjectNode response = ResponseJson.response("resp_" + StoredResponses.id(),
				this.clock.instant().getEpochSecond(), body, answer.status(), output,
				ResponseJson.usage(inputTokens, answer.outputTokens() + reasoningTokens, reasoningTokens));
		if (answer.status().equals("incomplete")) {
			response.putObject("incomplete_details").put("reason", "max_output_tokens");
		}
		if (!body.path("stream").asBoolean(false)) {
			store(body, response, turn);
			return SimulatedResponse.json(200, response);
		}
		return stream(body, response, answer, streamFault, turn);
	}

	private void store(JsonNode body, ObjectNode response, int turn) {
		if (body.path("store").asBoolean(true)) {
			this.stored.store(response, StoredResponses.inputItems(body.path("input")), turn);
		}
	}

	private SimulatedResponse stream(JsonNode body, ObjectNode finished, ResponseAnswer answer,
			@Nullable SimulatedFault fault, int turn) {
		Events events = new Events();
		ObjectNode started = ResponseJson.started(finished);
		events.add("response.created").set("response", started);
		events.add("response.in_progress").set("response", started.deepCopy());
		JsonNode output = finished.path("output");
		for (int index = 0; index < output.size(); index++) {
			JsonNode item = output.get(index);
			boolean complete = switch (item.path("type").asString()) {
				case "reasoning" -> reasoningEvents(events, index, item);
				case "function_call" -> functionCallEvents(events, index, item, fault);
				default -> messageEvents(events, index, item, answer.refusal(), fault);
			};
			if (!complete) {
				return cut(events, body, finished, index, fault, turn);
			}
		}
		events.add(finished.path("status").asString().equals("incomplete") ? "response.incomplete"
				: "response.completed").set("response", finished);
		store(body, finished, turn);
		return SimulatedResponse.eventStream(events.text(), events.count());
	}

	/**
	 * The end of a stream that a fault cut: nothing more, or the service's nested error
	 * event and {@code response.failed}.
	 */
	private SimulatedResponse cut(Events events, JsonNode body, ObjectNode finished, int index,
			@Nullable SimulatedFault fault, int turn) {
		if (fault != null && fault.kind() == SimulatedFault.Kind.ERROR_FRAME) {
			String message = "The server had an error while processing your request. Sorry about that!";
			events.add("error").set("error", SimulatedResponse.errorNode(message, "server_error", null, "server_error"));
			ObjectNode failed = ResponseJson.started(finished);
			failed.put("status", "failed");
			ArrayNode output = failed.putArray("output");
			for (int done = 0; done < index; done++) {
				output.add(finished.path("output").get(done));
			}
			failed.putObject("error").put("code", "server_error").put("message", message);
			events.add("response.failed").set("response", failed);
			store(body, failed, turn);
		}
		return SimulatedResponse.eventStream(events.text(), events.count());
	}

	private boolean reasoningEvents(Events events, int index, JsonNode item) {
		String itemId = item.path("id").asString();
		String summary = item.path("summary").get(0).path("text").asString();
		events.add("response.output_item.added").put("output_index", index)
			.set("item", ResponseJson.reasoning(itemId, null));
		ObjectNode empty = SimulatedResponse.JSON.createObjectNode().put("type", "summary_text").put("text", "");
		summaryEvent(events, "response.reasoning_summary_part.added", itemId, index).set("part", empty);
		for (String piece : pieces(summary, false)) {
			summaryEvent(events, "response.reasoning_summary_text.delta", itemId, index).put("delta", piece);
		}
		summaryEvent(events, "response.reasoning_summary_text.done", itemId, index).put("text", summary);
		summaryEvent(events, "response.reasoning_summary_part.done", itemId, index)
			.set("part", item.path("summary").get(0).deepCopy());
		events.add("response.output_item.done").put("output_index", index).set("item", item.deepCopy());
		return true;
	}

	private static ObjectNode summaryEvent(Events events, String type, String itemId, int index) {
		return events.add(type).put("item_id", itemId).put("output_index", index).put("summary_index", 0);
	}

	private boolean messageEvents(Events events, int index, JsonNode item, boolean refusal,
			@Nullable SimulatedFault fault) {
		String itemId = item.path("id").asString();
		JsonNode part = item.path("content").get(0);
		String text = part.path(refusal ? "refusal" : "text").asString();
		ObjectNode added = ResponseJson.message(itemId, "in_progress", "", refusal);
		added.putArray("content");
		events.add("response.output_item.added").put("output_index", index).set("item", added);
		contentEvent(events, "response.content_part.added", itemId, index).set("part", ResponseJson.part("", refusal));
		List<String> pieces = pieces(text, false);
		int limit = (fault != null) ? Math.min(fault.afterChunks(), pieces.size()) : pieces.size();
		for (int piece = 0; piece < limit; piece++) {
			ObjectNode delta = contentEvent(events, refusal ? "response.refusal.delta" : "response.output_text.delta",
					itemId, index).put("delta", pieces.get(piece));
			if (!refusal) {
				delta.putArray("logprobs");
			}
		}
		if (fault != null) {
			return false;
		}
		ObjectNode done = contentEvent(events, refusal ? "response.refusal.done" : "response.output_text.done",
				itemId, index).put(refusal ? "refusal" : "text", text);
		if (!refusal) {
			done.putArray("logprobs");
		}
		contentEvent(events, "response.content_part.done", itemId, index).set("part", part.deepCopy());
		events.add("response.output_item.done").put("output_index", index).set("item", item.deepCopy());
		return true;
	}

	private static ObjectNode contentEvent(Events events, String type, String itemId, int index) {
		return events.add(type).put("item_id", itemId).put("output_index", index).put("content_index", 0);
	}

	private boolean functionCallEvents(Events events, int index, JsonNode item, @Nullable SimulatedFault fault) {
		String itemId = item.path("id").asString();
		String arguments = item.path("arguments").asString();
		events.add("response.output_item.added").put("output_index", index).set("item", ResponseJson.functionCall(
				itemId, "in_progress", "", item.path("call_id").asString(), item.path("name").asString()));
		List<String> pieces = pieces(arguments, true);
		int limit = (fault != null) ? Math.min(fault.afterChunks(), pieces.size()) : pieces.size();
		for (int piece = 0; piece < limit; piece++) {
			events.add("response.function_call_arguments.delta").put("item_id", itemId).put("output_index", index)
				.put("delta", pieces.get(piece));
		}
		if (fault != null) {
			return false;
		}
		events.add("response.function_call_arguments.done").put("item_id", itemId).put("output_index", index)
			.put("arguments", arguments);
		events.add("response.output_item.done").put("output_index", index).set("item", item.deepCopy());
		return true;
	}

	private List<String> pieces(String text, boolean arguments) {
		if (text.isEmpty()) {
			return List.of();
		}
		if (this.streamChunks > 0) {
			int count = Math.min(this.streamChunks, text.length());
			List<String> pieces = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				pieces.add(text.substring(i * text.length() / count, (i + 1) * text.length() / count));
			}
			return pieces;
		}
		List<String> pieces = new ArrayList<>();
		if (arguments) {
			for (int start = 0; start < text.length(); start += 8) {
				pieces.add(text.substring(start, Math.min(text.length(), start + 8)));
			}
			return pieces;
		}
		String[] words = text.split(" ");
		for (int i = 0; i < words.length; i++) {
			pieces.add((i == 0) ? words[i] : " " + words[i]);
		}
		return pieces;
	}

	/**
	 * The events of a stream as they are written: {@code event:} and {@code data:} lines,
	 * each event numbered in order.
	 */
	private static final class Events {

		private final List<ObjectNode> events = new ArrayList<>();

		ObjectNode add(String type) {
			ObjectNode event = SimulatedResponse.JSON.createObjectNode();
			event.put("type", type);
			event.put("sequence_number", this.events.size());
			this.events.add(event);
			return event;
		}

		int count() {
			return this.events.size();
		}

		String text() {
			StringBuilder text = new StringBuilder();
			for (ObjectNode event : this.events) {
				text.append("event: ").append(event.path("type").asString()).append('\n');
				text.append("data: ").append(SimulatedResponse.JSON.writeValueAsString(event)).append("\n\n");
			}
			return text.toString();
		}

	}

}
