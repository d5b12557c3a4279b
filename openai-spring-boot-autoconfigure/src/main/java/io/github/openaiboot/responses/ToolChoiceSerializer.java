package io.github.openaiboot.responses;

import io.github.openaiboot.chat.ToolChoice;
import io.github.openaiboot.core.OpenAiJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;

/**
 * Writes a chat {@link ToolChoice} the way the Responses API takes it: {@code none},
 * {@code auto} and {@code required} as they are, a named function as
 * {@code {"type":"function","name":…}} rather than chat's
 * {@code {"type":"function","function":{"name":…}}}.
 *
 * @author openai-spring-boot
 */
final class ToolChoiceSerializer extends ValueSerializer<ToolChoice> {

	@Override
	public void serialize(ToolChoice choice, JsonGenerator generator, SerializationContext context) {
		JsonNode chat = OpenAiJson.mapper().valueToTree(choice);
		JsonNode name = chat.path("function").path("name");
		if (!name.isString()) {
			generator.writeTree(chat);
			return;
		}
		generator.writeStartObject();
		generator.writeStringProperty("type", "function");
		generator.writeStringProperty("name", name.asString());
		generator.writeEndObject();
	}

}
