package io.github.openaiboot.test.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the simulator answers a request to {@code /v1/responses}.
 * <p>
 * The answer is {@code "Simulated answer to: "} followed by the first 40 characters of the
 * last user message (whitespace collapsed), with {@code " (turn N)"} after it when the
 * request continues a stored response through {@code previous_response_id}; it is cut to
 * {@code max_output_tokens} words, and then {@code incomplete}. After a
 * {@code function_call_output} item the answer is
 * {@code "Simulated answer using tool result: …"}. A function call is answered instead
 * when the request offers function tools and {@code tool_choice} is {@code "required"} or
 * names a function, or is absent or {@code "auto"} and the last user message contains the
 * word "tool" or "tools". A last user message with the word "refuse" is answered with a
 * refusal. A request with {@code reasoning.summary} gets a reasoning summary first, whose
 * words count as reasoning tokens.
 *
 * @param text the text, the arguments of a function call, or the refusal
 * @param status {@code completed} or {@code incomplete}
 * @param outputTokens the tokens of the answer, one a word
 * @param toolName the function called, or {@code null}
 * @param callId the id of the function call, or {@code null}
 * @param refusal whether the text is a refusal
 * @param summary the reasoning summary, or {@code null}
 * @author OpenAI Spring Boot contributors
 */
record ResponseAnswer(String text, String status, int outputTokens, @Nullable String toolName,
		@Nullable String callId, boolean refusal, @Nullable String summary) {

	private static final Pattern TOOL_WORD = Pattern.compile("\\btools?\\b", Pattern.CASE_INSENSITIVE);

	private static final Pattern REFUSE_WORD = Pattern.compile("\\brefuse\\b", Pattern.CASE_INSENSITIVE);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	static ResponseAnswer of(JsonNode body, int turn) {
		JsonNode input = body.path("input");
		JsonNode last = input.isArray() && !input.isEmpty() ? input.get(input.size() - 1) : null;
		String question = input.isString() ? input.asString() : "";
		boolean lastIsUser = input.isString();
		for (JsonNode item : input.isArray() ? input : SimulatedResponse.JSON.createArrayNode()) {
			if ("user".equals(item.path("role").asString(""))) {
				question = ChatCompletionResponder.text(item.path("content"));
			}
		}
		if (last != null) {
			lastIsUser = "user".equals(last.path("role").asString(""));
		}
		String summary = body.path("reasoning").path("summary").isString()
				? "Simulated reasoning about: " + snippet(question) : null;
		String toolName = toolToCall(body, lastIsUser, question);
		if (toolName != null) {
			String arguments = SimulatedResponse.JSON.writeValueAsString(arguments(body, toolName));
			String callId = "call_" + StoredResponses.id().substring(0, 24);
			return new ResponseAnswer(arguments, "completed", Math.max(1, (toolName.length() + arguments.length() + 3) / 4),
					toolName, callId, false, summary);
		}
		if (lastIsUser && REFUSE_WORD.matcher(question).find()) {
			String refusal = "Simulated refusal: I can't help with that.";
			return new ResponseAnswer(refusal, "completed", refusal.split(" ").length, null, null, true, summary);
		}
		String text;
		if (last != null && "function_call_output".equals(last.path("type").asString(""))) {
			text = "Simulated answer using tool result: " + snippet(last.path("output").asString(""));
		}
		else {
			text = question.isBlank() ? "Simulated answer." : "Simulated answer to: " + snippet(question);
			if (turn > 1) {
				text += " (turn " + turn + ")";
			}
		}
		List<String> words = Arrays.asList(text.split(" "));
		JsonNode max = body.path("max_output_tokens");
		if (max.isNumber() && max.asInt() < words.size()) {
			int kept = Math.max(0, max.asInt());
			return new ResponseAnswer(String.join(" ", words.subList(0, kept)), "incomplete", kept, null, null, false,
					summary);
		}
		return new ResponseAnswer(text, "completed", words.size(), null, null, false, summary);
	}

	private static String snippet(String text) {
		String collapsed = WHITESPACE.matcher(text).replaceAll(" ").strip();
		return (collapsed.length() > 40) ? collapsed.substring(0, 40).strip() : collapsed;
	}

	private static @Nullable String toolToCall(JsonNode body, boolean lastIsUser, String question) {
		List<String> functions = new ArrayList<>();
		for (JsonNode tool : body.path("tools")) {
			if ("function".equals(tool.path("type").asString("")) && tool.path("name").isString()) {
				functions.add(tool.path("name").asString());
			}
		}
		if (functions.isEmpty()) {
			return null;
		}
		JsonNode choice = body.path("tool_choice");
		if (choice.isObject()) {
			String named = choice.path("name").asString("");
			return named.isEmpty() ? null : named;
		}
		String mode = choice.isString() ? choice.asString().toLowerCase(Locale.ROOT) : "auto";
		return switch (mode) {
			case "required" -> functions.get(0);
			case "auto" -> (lastIsUser && TOOL_WORD.matcher(question).find()) ? functions.get(0) : null;
			default -> null;
		};
	}

	private static ObjectNode arguments(JsonNode body, String toolName) {
		ObjectNode arguments = SimulatedResponse.JSON.createObjectNode();
		for (JsonNode tool : body.path("tools")) {
			if (!toolName.equals(tool.path("name").asString(""))) {
				continue;
			}
			for (var property : tool.path("parameters").path("properties").properties()) {
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

}
