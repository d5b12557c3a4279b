package io.github.openaiboot.responses;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * Writes an item or content part of a type this client does not model as the JSON it was
 * read from, so that it goes back to OpenAI unchanged (without a type id of its own,
 * which the JSON already carries).
 *
 * @author openai-spring-boot
 */
final class RawJsonSerializer extends ValueSerializer<Object> {

	@Override
	public void serialize(Object value, JsonGenerator generator, SerializationContext context) {
		if (value instanceof ResponseItem.Other other) {
			generator.writeTree(other.json());
		}
		else if (value instanceof ResponseContent.Other other) {
			generator.writeTree(other.json());
		}
		else {
			context.reportMappingProblem("Not raw JSON: %s", value.getClass().getName());
		}
	}

	@Override
	public void serializeWithType(Object value, JsonGenerator generator, SerializationContext context,
			TypeSerializer typeSerializer) {
		serialize(value, generator, context);
	}

}
