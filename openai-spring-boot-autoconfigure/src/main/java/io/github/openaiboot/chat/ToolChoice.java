package io.github.openaiboot.chat;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Whether and which tool the model must call: {@code none}, {@code auto},
 * {@code required}, or one named function.
 *
 * @author openai-spring-boot
 */
public final class ToolChoice {

	/**
	 * The model answers with text and calls no tool.
	 */
	public static final ToolChoice NONE = new ToolChoice("none");

	/**
	 * The model decides.
	 */
	public static final ToolChoice AUTO = new ToolChoice("auto");

	/**
	 * The model must call at least one tool.
	 */
	public static final ToolChoice REQUIRED = new ToolChoice("required");

	private final Object value;

	private ToolChoice(Object value) {
		this.value = value;
	}

	/**
	 * The model must call the named function.
	 * @param name the function name
	 * @return the choice
	 */
	public static ToolChoice function(String name) {
		return new ToolChoice(Map.of("type", "function", "function", Map.of("name", name)));
	}

	@JsonValue
	Object value() {
		return this.value;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ToolChoice choice) && this.value.equals(choice.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
