package io.github.openaiboot.test.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /v1/embeddings} with unit-length vectors that depend only on each input's text, so the same
 * text always embeds to the same vector.
 *
 * @author OpenAI Spring Boot contributors
 */
final class EmbeddingsResponder {

	static @Nullable SimulatedResponse validate(JsonNode body) {
		if (!body.path("model").isString()) {
			return SimulatedResponse.error(400, "you must provide a model parameter", "invalid_request_error", null,
					null);
		}
		if (inputs(body).isEmpty()) {
			return SimulatedResponse.error(400, "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
					"invalid_request_error", null, null);
		}
		return null;
	}

	static long promptTokens(JsonNode body) {
		long tokens = 0;
		for (String input : inputs(body)) {
			tokens += Math.max(1, (input.length() + 3) / 4);
		}
		return tokens;
	}

	SimulatedResponse respond(JsonNode body) {
		String model = body.path("model").asString();
		int dimensions = body.path("dimensions").isNumber() ? body.path("dimensions").asInt() : defaultDimensions(model);
		boolean base64 = "base64".equals(body.path("encoding_format").asString("float"));
		ObjectNode root = SimulatedResponse.JSON.createObjectNode();
		root.put("object", "list");
		ArrayNode data = root.putArray("data");
		List<String> inputs = inputs(body);
		for (int index = 0; index < inputs.size(); index++) {
			float[] vector = vector(inputs.get(index), dimensions);
			ObjectNode item = data.addObject();
			item.put("object", "embedding");
			item.put("index", index);
			if (base64) {
				ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
				for (float value : vector) {
					bytes.putFloat(value);
				}
				item.put("embedding", Base64.getEncoder().encodeToString(bytes.array()));
			}
			else {
				ArrayNode values = item.putArray("embedding");
				for (float value : vector) {
					values.add(value);
				}
			}
		}
		root.put("model", model);
		long tokens = promptTokens(body);
		ObjectNode usage = root.putObject("usage");
		usage.put("prompt_tokens", tokens);
		usage.put("total_tokens", tokens);
		return SimulatedResponse.json(200, root);
	}

	static int defaultDimensions(String model) {
		return model.contains("3-large") ? 3072 : 1536;
	}

	static float[] vector(String text, int dimensions) {
		Random random = new Random(seed(text));
		double[] raw = new double[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			raw[i] = random.nextGaussian();
			norm += raw[i] * raw[i];
		}
		norm = Math.sqrt(norm);
		float[] vector = new float[dimensions];
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (raw[i] / norm);
		}
		return vector;
	}

	private static long seed(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<String> inputs(JsonNode body) {
		JsonNode input = body.path("input");
		List<String> inputs = new ArrayList<>();
		if (input.isString()) {
			inputs.add(input.stringValue());
		}
		else if (input.isArray()) {
			boolean tokenList = !input.isEmpty() && input.get(0).isNumber();
			if (tokenList) {
				inputs.add(input.toString());
			}
			else {
				for (JsonNode item : input) {
					inputs.add(item.isString() ? item.stringValue() : item.toString());
				}
			}
		}
		return inputs;
	}

}
