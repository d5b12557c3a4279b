package io.github.openaiboot.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads an embedding vector sent either as base64 of little-endian float32 bytes or as
 * a JSON array of numbers.
 *
 * @author openai-spring-boot
 */
final class EmbeddingVectorDeserializer extends ValueDeserializer<float[]> {

	@Override
	public float[] deserialize(JsonParser parser, DeserializationContext context) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.VALUE_STRING) {
			return fromBase64(parser.getBinaryValue());
		}
		if (token == JsonToken.START_ARRAY) {
			return fromArray(parser);
		}
		return (float[]) context.handleUnexpectedToken(float[].class, parser);
	}

	static float[] fromBase64(byte[] bytes) {
		if (bytes.length % Float.BYTES != 0) {
			throw new IllegalArgumentException(
					"Base64 embedding of " + bytes.length + " bytes is not a whole number of float32 values");
		}
		float[] vector = new float[bytes.length / Float.BYTES];
		ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
		return vector;
	}

	private static float[] fromArray(JsonParser parser) {
		float[] vector = new float[1536];
		int size = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (size == vector.length) {
				vector = Arrays.copyOf(vector, size * 2);
			}
			vector[size++] = parser.getFloatValue();
		}
		return (size == vector.length) ? vector : Arrays.copyOf(vector, size);
	}

}
