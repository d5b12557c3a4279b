package io.github.openaiboot.test.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /v1/moderations}: a text is flagged for violence when it speaks of
 * killing, for harassment when it insults, and for hate when it says "hate"; an image
 * is never flagged.
 *
 * @author OpenAI Spring Boot contributors
 */
final class ModerationsResponder {

	private static final String[] CATEGORIES = { "hate", "hate/threatening", "harassment", "harassment/threatening",
			"illicit", "illicit/violent", "self-harm", "self-harm/intent", "self-harm/instructions", "sexual",
			"sexual/minors", "violence", "violence/graphic" };

	private static final List<String> IMAGE_CATEGORIES = List.of("self-harm", "self-harm/intent",
			"self-harm/instructions", "sexual", "violence", "violence/graphic");

	static @Nullable SimulatedResponse validate(JsonNode body) {
		JsonNode input = body.path("input");
		if (input.isMissingNode() || input.isNull() || (input.isString() && input.stringValue().isBlank())
				|| (input.isArray() && input.isEmpty())) {
			return SimulatedResponse.error(400, "Missing required parameter: 'input'.", "invalid_request_error",
					"input", "missing_required_parameter");
		}
		return null;
	}

	SimulatedResponse respond(JsonNode body) {
		String model = body.path("model").asString("omni-moderation-latest");
		ObjectNode root = SimulatedResponse.JSON.createObjectNode();
		root.put("id", "modr-" + UUID.randomUUID().toString().replace("-", ""));
		root.put("model", model.equals("omni-moderation-latest") ? "omni-moderation-2024-09-26" : model);
		JsonNode input = body.path("input");
		var results = root.putArray("results");
		if (input.isString()) {
			results.add(result(List.of(input.stringValue()), false));
		}
		else if (input.path(0).isString()) {
			input.forEach((text) -> results.add(result(List.of(text.asString()), false)));
		}
		else {
			List<String> texts = new ArrayList<>();
			boolean image = false;
			for (JsonNode part : input) {
				if ("image_url".equals(part.path("type").asString())) {
					image = true;
				}
				else {
					texts.add(part.path("text").asString(""));
				}
			}
			results.add(result(texts, image));
		}
		return SimulatedResponse.json(200, root);
	}

	private static ObjectNode result(List<String> texts, boolean image) {
		String text = String.join(" ", texts).toLowerCase(Locale.ROOT);
		ObjectNode result = SimulatedResponse.JSON.createObjectNode();
		ObjectNode categories = SimulatedResponse.JSON.createObjectNode();
		ObjectNode scores = SimulatedResponse.JSON.createObjectNode();
		ObjectNode applied = SimulatedResponse.JSON.createObjectNode();
		boolean flagged = false;
		for (String category : CATEGORIES) {
			double score = score(category, text);
			boolean hit = score > 0.5;
			flagged |= hit;
			categories.put(category, hit);
			scores.put(category, score);
			var types = applied.putArray(category);
			if (!texts.isEmpty()) {
				types.add("text");
			}
			if (image && IMAGE_CATEGORIES.contains(category)) {
				types.add("image");
			}
		}
		result.put("flagged", flagged);
		result.set("categories", categories);
		result.set("category_scores", scores);
		result.set("category_applied_input_types", applied);
		return result;
	}

	private static double score(String category, String text) {
		return switch (category) {
			case "violence" -> text.contains("kill") ? 0.97 : 0.0004;
			case "harassment" -> (text.contains("idiot") || text.contains("stupid")) ? 0.82 : 0.0003;
			case "hate" -> text.contains("hate") ? 0.71 : 0.0001;
			default -> 0.00002;
		};
	}

}
