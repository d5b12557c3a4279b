package io.github.openaiboot.responses;

import java.util.Map;

import io.github.openaiboot.chat.ResponseFormat;
import org.jspecify.annotations.Nullable;

/**
 * The format of a response's text, and how long it is: the {@code text} of a request
 * and of a response.
 *
 * @param format the format the model must answer in
 * @param verbosity {@code low}, {@code medium} or {@code high}, or {@code null} for the
 * model's default
 * @author openai-spring-boot
 */
public record TextOptions(@Nullable Format format, @Nullable String verbosity) {

	/**
	 * Text options of the given format.
	 * @param format the format
	 * @return the options
	 */
	public static TextOptions of(Format format) {
		return new TextOptions(format, null);
	}

	/**
	 * The format the model must answer in: plain text, any JSON object, or JSON that
	 * follows a schema (structured outputs). Unlike chat's {@link ResponseFormat}, the
	 * schema's fields sit next to the type.
	 *
	 * @param type {@code text}, {@code json_object} or {@code json_schema}
	 * @param name the schema's name, letters, digits, {@code _} and {@code -}, up to 64
	 * @param schema the JSON schema
	 * @param description what the answer is, for the model
	 * @param strict whether the answer must follow the schema exactly
	 */
	public record Format(String type, @Nullable String name, @Nullable Map<String, Object> schema,
			@Nullable String description, @Nullable Boolean strict) {

		/**
		 * Plain text.
		 * @return the format
		 */
		public static Format text() {
			return new Format("text", null, null, null, null);
		}

		/**
		 * Any valid JSON object (JSON mode). The input must ask for JSON too.
		 * @return the format
		 */
		public static Format jsonObject() {
			return new Format("json_object", null, null, null, null);
		}

		/**
		 * JSON that follows the given schema exactly.
		 * @param name the schema's name
		 * @param schema the JSON schema
		 * @return the format
		 */
		public static Format jsonSchema(String name, Map<String, Object> schema) {
			return new Format("json_schema", name, schema, null, true);
		}

		/**
		 * The format of a chat {@link ResponseFormat}, in the Responses API's shape.
		 * @param format the chat format
		 * @return the format
		 */
		public static Format of(ResponseFormat format) {
			ResponseFormat.JsonSchema schema = format.jsonSchema();
			if (schema == null) {
				return new Format(format.type(), null, null, null, null);
			}
			return new Format(format.type(), schema.name(), schema.schema(), schema.description(), schema.strict());
		}

	}

}
