package io.github.openaiboot.test.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /v1/chat/completions}, as one JSON document or as server-sent events.
 * <p>
 * The answer is {@code "Simulated answer to: "} followed by the first 40 characters of the last user message
 * (whitespace collapsed), cut to {@code max_completion_tokens}/{@code max_tokens} words with finish reason
 * {@code length}. After a {@code tool} message the answer is {@code "Simulated answer using tool result: …"}. A tool
 * call is answered instead of text when the request offers {@code tools} and {@code tool_choice} is
 * {@code "required"} or names a function, or {@code tool_choice} is absent or {@code "auto"} and the last message is a
 * user message containing the word "tool" or "tools".
 *
 * @author OpenAI Spring Boot contributors
 */
final class ChatCompletionResponder {

	static final int DEFAULT_MAX_TOKENS = 16;

	private static final Pattern TOOL_WORD = Pattern.compile("\\btools?\\b", Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private final Clock clock;

	private final int streamChunks;

	ChatCompletionResponder(Clock clock, int streamChunks) {
		this.clock = clock;
		this.streamChunks = streamChunks;
	}

	static @Nullable SimulatedResponse validate(JsonNode body) {
		if (!body.path("model").isString()) {
			return SimulatedResponse.error(400, "you must provide a model parameter", "invalid_request_error", null,
					null);
		}
		if (!body.path("messages").isArray()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'messages'.", "invalid_request_error",
					"messages", "missing_required_parameter");
		}
		return null;
	}

	static long promptTokens(JsonNode body) {
		long characters = 0;
		int messages = 0;
		for (JsonNode message : body.path("messages")) {
			characters += text(message.path("content")).length();
			messages++;
		}
		return (characters + 3) / 4 + 3L * messages + 3;
	}

	static long costTokens(JsonNode body) {
		return promptTokens(body) + maxTokens(body).orElse(DEFAULT_MAX_TOKENS);
	}

	private static java.util.OptionalInt maxTokens(JsonNode body) {
		for (String name : List.of("max_completion_tokens", "max_tokens")) {
			JsonNode value = body.path(name);
			if (value.isNumber()) {
				return java.util.OptionalInt.of(Math.max(0, value.asInt()));
			}
		}
		return java.util.OptionalInt.empty();
	}

	SimulatedResponse respond(JsonNode body, @Nullable SimulatedFault streamFault) {
		Answer answer = answer(body);
		String id = "chatcmpl-sim" + UUID.randomUUID().toString().replace("-", "");
		long created = this.clock.instant().getEpochSecond();
		String model = body.path("model").asString();
		int choices = Math.max(1, body.path("n").asInt(1));
		long promptTokens = promptTokens(body);
		ObjectNode usage = usage(promptTokens, (long) answer.completionTokens() * choices);
		if (body.path("stream").isBoolean() && body.path("stream").booleanValue()) {
			boolean includeUsage = body.path("stream_options").path("include_usage").isBoolean()
					&& body.path("stream_options").path("include_usage").booleanValue();
			return stream(id, created, model, choices, answer, includeUsage ? usage : null, streamFault);
		}
		ObjectNode root = SimulatedResponse.JSON.createObjectNode();
		root.put("id", id);
		root.put("object", "chat.completion");
		root.put("created", created);
		root.put("model", model);
		ArrayNode choiceNodes = root.putArray("choices");
		for (int index = 0; index < choices; index++) {
			ObjectNode choice = choiceNodes.addObject();
			choice.put("index", index);
			ObjectNode message = choice.putObject("message");
			message.put("role", "assistant");
			if (answer.toolName() != null) {
				message.putNull("content");
				ObjectNode call = message.putArray("tool_calls").addObject();
				call.put("id", answer.toolCallId());
				call.put("type", "function");
				ObjectNode function = call.putObject("function");
				function.put("name", answer.toolName());
				function.put("arguments", answer.text());
			}
			else {
				message.put("content", answer.text());
			}
			message.putNull("refusal");
			choice.putNull("logprobs");
			choice.put("finish_reason", answer.finishReason());
		}
		root.set("usage", usage);
		root.put("system_fingerprint", "fp_sim");
		return SimulatedResponse.json(200, root);
	}

	private SimulatedResponse stream(String id, long created, String model, int choices, Answer answer,
			@Nullable ObjectNode usage, @Nullable SimulatedFault fault) {
		List<String> pieces = pieces(answer);
		StringBuilder events = new StringBuilder();
		int frames = 0;
		for (int index = 0; index < choices; index++) {
			ObjectNode delta = SimulatedResponse.JSON.createObjectNode();
			delta.put("role", "assistant");
			if (answer.toolName() != null) {
				delta.putNull("content");
				ObjectNode call = toolCallDelta(delta);
				call.put("id", answer.toolCallId());
				call.put("type", "function");
				call.putObject("function").put("name", answer.toolName()).put("arguments", "");
			}
			else {
				delta.put("content", "");
			}
			delta.putNull("refusal");
			frames += frame(events, chunk(id, created, model, index, delta, null, usage != null));
		}
		int limit = (fault != null) ? Math.min(fault.afterChunks(), pieces.size()) : pieces.size();
		for (int piece = 0; piece < limit; piece++) {
			for (int index = 0; index < choices; index++) {
				ObjectNode delta = SimulatedResponse.JSON.createObjectNode();
				if (answer.toolName() != null) {
					toolCallDelta(delta).putObject("function").put("arguments", pieces.get(piece));
				}
				else {
					delta.put("content", pieces.get(piece));
				}
				frames += frame(events, chunk(id, created, model, index, delta, null, usage != null));
			}
		}
		if (fault != null) {
			if (fault.kind() == SimulatedFault.Kind.ERROR_FRAME) {
				ObjectNode error = SimulatedResponse.JSON.createObjectNode();
				error.set("error", SimulatedResponse.errorNode(
						"The server had an error while processing your request.", "server_error", null, null));
				frames += frame(events, error);
			}
			return SimulatedResponse.eventStream(events.toString(), frames);
		}
		for (int index = 0; index < choices; index++) {
			frames += frame(events, chunk(id, created, model, index, SimulatedResponse.JSON.createObjectNode(),
					answer.finishReason(), usage != null));
		}
		if (usage != null) {
			ObjectNode last = chunkEnvelope(id, created, model);
			last.putArray("choices");
			last.set("usage", usage);
			frames += frame(events, last);
		}
		events.append("data: [DONE]\n\n");
		return SimulatedResponse.eventStream(events.toString(), frames + 1);
	}

	private static ObjectNode toolCallDelta(ObjectNode delta) {
		ObjectNode call = delta.putArray("tool_calls").addObject();
		call.put("index", 0);
		return call;
	}

	private static int frame(StringBuilder events, JsonNode json) {
		events.append("data: ").append(SimulatedResponse.JSON.writeValueAsString(json)).append("\n\n");
		return 1;
	}

	private static ObjectNode chunkEnvelope(String id, long created, String model) {
		ObjectNode chunk = SimulatedResponse.JSON.createObjectNode();
		chunk.put("id", id);
		chunk.put("object", "chat.completion.chunk");
		chunk.put("created", created);
		chunk.put("model", model);
		chunk.put("system_fingerprint", "fp_sim");
		return chunk;
	}

	private static ObjectNode chunk(String id, long created, String model, int index, ObjectNode delta,
			@Nullable String finishReason, boolean usageField) {
		ObjectNode chunk = chunkEnvelope(id, created, model);
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", index);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		if (finishReason != null) {
			choice.put("finish_reason", finishReason);
		}
		else {
			choice.putNull("finish_reason");
		}
		if (usageField) {
			chunk.putNull("usage");
		}
		return chunk;
	}

	private List<String> pieces(Answer answer) {
		String text = answer.text();
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
		if (answer.toolName() != null) {
			List<String> pieces = new ArrayList<>();
			for (int start = 0; start < text.length(); start += 8) {
				pieces.add(text.substring(start, Math.min(text.length(), start + 8)));
			}
			return pieces;
		}
		String[] words = text.split(" ");
		List<String> pieces = new ArrayList<>(words.length);
		for (int i = 0; i < words.length; i++) {
			pieces.add((i == 0) ? words[i] : " " + words[i]);
		}
		return pieces;
	}

	private static ObjectNode usage(long promptTokens, long completionTokens) {
		ObjectNode usage = SimulatedResponse.JSON.createObjectNode();
		usage.put("prompt_tokens", promptTokens);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", promptTokens + completionTokens);
		usage.putObject("prompt_tokens_details").put("cached_tokens", 0);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", 0);
		return usage;
	}

	private static Answer answer(JsonNode body) {
		JsonNode messages = body.path("messages");
		JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
		String lastRole = (last != null) ? last.path("role").asString("") : "";
		String toolName = toolToCall(body, lastRole, (last != null) ? text(last.path("content")) : "");
		if (toolName != null) {
			String arguments = SimulatedResponse.JSON.writeValueAsString(arguments(body, toolName));
			String callId = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
			return new Answer(arguments, "tool_calls", (int) Math.max(1, (toolName.length() + arguments.length() + 3) / 4),
					toolName, callId);
		}
		String text;
		if ("tool".equals(lastRole)) {
			text = "Simulated answer using tool result: " + snippet(text(last.path("content")));
		}
		else {
			String question = "";
			for (JsonNode message : messages) {
				if ("user".equals(message.path("role").asString(""))) {
					question = text(message.path("content"));
				}
			}
			text = question.isBlank() ? "Simulated answer." : "Simulated answer to: " + snippet(question);
		}
		List<String> words = Arrays.asList(text.split(" "));
		java.util.OptionalInt max = maxTokens(body);
		if (max.isPresent() && max.getAsInt() < words.size()) {
			return new Answer(String.join(" ", words.subList(0, max.getAsInt())), "length", max.getAsInt(), null,
					null);
		}
		return new Answer(text, "stop", words.size(), null, null);
	}

	private static String snippet(String text) {
		String collapsed = WHITESPACE.matcher(text).replaceAll(" ").strip();
		return (collapsed.length() > 40) ? collapsed.substring(0, 40).strip() : collapsed;
	}

	private static @Nullable String toolToCall(JsonNode body, String lastRole, String lastText) {
		JsonNode tools = body.path("tools");
		if (!tools.isArray() || tools.isEmpty()) {
			return null;
		}
		JsonNode choice = body.path("tool_choice");
		if (choice.isObject()) {
			String named = choice.path("function").path("name").asString("");
			return named.isEmpty() ? null : named;
		}
		String firstTool = tools.get(0).path("function").path("name").asString("tool");
		String mode = choice.isString() ? choice.stringValue().toLowerCase(Locale.ROOT) : "auto";
		return switch (mode) {
			case "required" -> firstTool;
			case "auto" -> ("user".equals(lastRole) && TOOL_WORD.matcher(lastText).find()) ? firstTool : null;
			default -> null;
		};
	}

	private static ObjectNode arguments(JsonNode body, String toolName) {
		ObjectNode arguments = SimulatedResponse.JSON.createObjectNode();
		for (JsonNode tool : body.path("tools")) {
			JsonNode function = tool.path("function");
			if (!toolName.equals(function.path("name").asString(""))) {
				continue;
			}
			for (var property : function.path("parameters").path("properties").properties()) {
				JsonNode schema = property.getValue();
				String name = property.getKey();
				if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
					arguments.set(name, schema.path("enum").get(0));
					continue;
				}
				switch (schema.path("type").asString("string")) {
					case "integer" -> arguments.put(name, 1);
					case "number" -> arguments.put(name, 1.5);
					case "boolean" -> arguments.put(name, true);
					case "array" -> arguments.putArray(name);
					case "object" -> arguments.putObject(name);
					default -> arguments.put(name, "simulated " + name);
				}
			}
		}
		return arguments;
	}

	static String text(JsonNode content) {
		if (content.isString()) {
			return content.stringValue();
		}
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			for (JsonNode part : content) {
				if (part.path("text").isString()) {
					text.append(part.path("text").stringValue());
				}
			}
			return text.toString();
		}
		return "";
	}

	private record Answer(String text, String finishReason, int completionTokens, @Nullable String toolName,
			@Nullable String toolCallId) {

	}

}
