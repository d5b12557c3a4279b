package io.github.openaiboot.chat;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The format the model must answer in: plain text, any JSON object, or JSON that follows
 * a schema (structured outputs).
 *
 * @param type {@code text}, {@code json_object} or {@code json_schema}
 * @param jsonSchema the schema, for {@code json_schema}
 * @author openai-spring-boot
 */
public record ResponseFormat(String type, @Nullable JsonSchema jsonSchema) {

	/**
	 * Plain text.
	 * @return the format
	 */
	public static ResponseFormat text() {
		return new ResponseFormat("text", null);
	}

	/**
	 * Any valid JSON object (JSON mode). The prompt must ask for JSON too.
	 * @return the format
	 */
	public static ResponseFormat jsonObject() {
		return new ResponseFormat("json_object", null);
	}

	/**
	 * JSON that follows the given schema exactly.
	 * @param name the schema's name
	 * @param schema the JSON schema
	 * @return the format
	 */
	public static ResponseFormat jsonSchema(String name, Map<String, Object> schema) {
		return new ResponseFormat("json_schema", new JsonSchema(name, null, schema, true));
	}

	/**
	 * A named JSON schema.
	 *
	 * @param name the schema's name
	 * @param description what the answer is, for the model
	 * @param schema the JSON schema
	 * @param strict whether the answer must follow the schema exactly
	 */
	public record JsonSchema(String name, @Nullable String description, Map<String, Object> schema,
			@Nullable Boolean strict) {

	}

}
