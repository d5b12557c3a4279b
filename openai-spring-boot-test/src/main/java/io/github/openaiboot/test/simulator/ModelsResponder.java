package io.github.openaiboot.test.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code GET /v1/models} and {@code GET /v1/models/{id}} from a fixed catalogue.
 *
 * @author OpenAI Spring Boot contributors
 */
final class ModelsResponder {

	private static final Map<String, Long> MODELS = catalogue();

	private static Map<String, Long> catalogue() {
		Map<String, Long> models = new LinkedHashMap<>();
		models.put("gpt-4o", 1715367049L);
		models.put("gpt-4o-mini", 1721172741L);
		models.put("gpt-4.1", 1744316542L);
		models.put("gpt-4.1-mini", 1744318173L);
		models.put("o3-mini", 1737146383L);
		models.put("text-embedding-3-small", 1705948997L);
		models.put("text-embedding-3-large", 1705953180L);
		models.put("dall-e-2", 1698798177L);
		models.put("dall-e-3", 1698785189L);
		return models;
	}

	SimulatedResponse respond(String path) {
		if (path.equals("/v1/models")) {
			ObjectNode root = SimulatedResponse.JSON.createObjectNode();
			root.put("object", "list");
			ArrayNode data = root.putArray("data");
			MODELS.forEach((id, created) -> data.add(model(id, created)));
			return SimulatedResponse.json(200, root);
		}
		String id = java.net.URLDecoder.decode(path.substring("/v1/models/".length()),
				java.nio.charset.StandardCharsets.UTF_8);
		Long created = MODELS.get(id);
		if (created == null) {
			return SimulatedResponse.error(404,
					"The model '" + id + "' does not exist or you do not have access to it.", "invalid_request_error",
					null, "model_not_found");
		}
		return SimulatedResponse.json(200, model(id, created));
	}

	private static ObjectNode model(String id, long created) {
		ObjectNode model = SimulatedResponse.JSON.createObjectNode();
		model.put("id", id);
		model.put("object", "model");
		model.put("created", created);
		model.put("owned_by", id.startsWith("dall-e") || id.startsWith("gpt-4o") ? "system" : "openai");
		return model;
	}

}
