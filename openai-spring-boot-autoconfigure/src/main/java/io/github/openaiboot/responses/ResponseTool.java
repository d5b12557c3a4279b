package io.github.openaiboot.responses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;
import io.github.openaiboot.chat.Tool;
import org.jspecify.annotations.Nullable;

/**
 * A tool the model may use: a function, described with the same {@link Tool} as in chat,
 * or one of OpenAI's built-in tools (web search, file search, code interpreter, MCP, …),
 * passed through as its JSON.
 *
 * @author openai-spring-boot
 */
public final class ResponseTool {

	private final @Nullable Tool function;

	private final Map<String, Object> json;

	private ResponseTool(@Nullable Tool function, Map<String, Object> json) {
		this.function = function;
		this.json = json;
	}

	/**
	 * A function tool. The Responses API takes a function's fields next to its type, and
	 * makes functions strict unless told otherwise; a chat function that does not say is
	 * sent as not strict, so that it means what it means in chat.
	 * @param tool the chat tool
	 * @return the tool
	 */
	public static ResponseTool function(Tool tool) {
		Tool.Function function = tool.function();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("type", tool.type());
		json.put("name", function.name());
		if (function.description() != null) {
			json.put("description", function.description());
		}
		if (function.parameters() != null) {
			json.put("parameters", function.parameters());
		}
		json.put("strict", Boolean.TRUE.equals(function.strict()));
		return new ResponseTool(tool, Collections.unmodifiableMap(json));
	}

	/**
	 * A built-in tool, such as {@code Map.of("type", "web_search")}.
	 * @param json the tool's JSON, with its {@code type}
	 * @return the tool
	 * @throws IllegalArgumentException if the JSON has no type
	 */
	public static ResponseTool builtIn(Map<String, Object> json) {
		if (!(json.get("type") instanceof String)) {
			throw new IllegalArgumentException("A built-in tool needs a 'type', such as web_search");
		}
		return new ResponseTool(null, Collections.unmodifiableMap(new LinkedHashMap<>(json)));
	}

	/**
	 * Return the function of a function tool.
	 * @return the chat tool, or {@code null} for a built-in tool
	 */
	public @Nullable Tool function() {
		return this.function;
	}

	/**
	 * Return the tool as it is sent.
	 * @return the JSON
	 */
	@JsonValue
	public Map<String, Object> json() {
		return this.json;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ResponseTool tool) && this.json.equals(tool.json);
	}

	@Override
	public int hashCode() {
		return this.json.hashCode();
	}

	@Override
	public String toString() {
		return "ResponseTool" + this.json;
	}

}
