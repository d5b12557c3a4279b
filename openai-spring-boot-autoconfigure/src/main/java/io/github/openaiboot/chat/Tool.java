package io.github.openaiboot.chat;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A tool the model may call: a function described by a JSON schema.
 *
 * @param type always {@code function}
 * @param function the function
 * @author openai-spring-boot
 */
public record Tool(String type, Function function) {

	/**
	 * Create a function tool.
	 * @param name the function name
	 * @param description what the function does, for the model
	 * @param parameters the JSON schema of the arguments
	 * @return the tool
	 */
	public static Tool function(String name, @Nullable String description, Map<String, Object> parameters) {
		return new Tool("function", new Function(name, description, parameters, null));
	}

	/**
	 * Create a function tool whose arguments must match the schema exactly (structured
	 * outputs).
	 * @param name the function name
	 * @param description what the function does, for the model
	 * @param parameters the JSON schema of the arguments
	 * @return the tool
	 */
	public static Tool strictFunction(String name, @Nullable String description, Map<String, Object> parameters) {
		return new Tool("function", new Function(name, description, parameters, true));
	}

	/**
	 * A function definition.
	 *
	 * @param name the function name
	 * @param description what the function does
	 * @param parameters the JSON schema of the arguments
	 * @param strict whether the arguments must follow the schema exactly
	 */
	public record Function(String name, @Nullable String description, @Nullable Map<String, Object> parameters,
			@Nullable Boolean strict) {

	}

}
