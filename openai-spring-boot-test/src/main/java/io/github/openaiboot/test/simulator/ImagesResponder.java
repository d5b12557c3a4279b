package io.github.openaiboot.test.simulator;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code POST /v1/images/generations} and serves the images it hands out as URLs.
 *
 * @author OpenAI Spring Boot contributors
 */
final class ImagesResponder {

	private static final String FILE_PREFIX = "/v1/files/sim-image-";

	private final Clock clock;

	private final Supplier<String> baseUrl;

	private final byte[] png = renderPng();

	private final AtomicLong issued = new AtomicLong();

	ImagesResponder(Clock clock, Supplier<String> baseUrl) {
		this.clock = clock;
		this.baseUrl = baseUrl;
	}

	static @Nullable SimulatedResponse validate(JsonNode body) {
		if (!body.path("prompt").isString() || body.path("prompt").stringValue().isBlank()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'prompt'.", "invalid_request_error",
					"prompt", "missing_required_parameter");
		}
		String model = body.path("model").asString("dall-e-2");
		if ("dall-e-3".equals(model) && body.path("n").asInt(1) != 1) {
			return SimulatedResponse.error(400, "You must provide n=1 for this model.", "invalid_request_error", "n",
					null);
		}
		return null;
	}

	SimulatedResponse respond(JsonNode body) {
		String model = body.path("model").asString("dall-e-2");
		int count = Math.max(1, body.path("n").asInt(1));
		boolean base64 = "b64_json".equals(body.path("response_format").asString("url"));
		ObjectNode root = SimulatedResponse.JSON.createObjectNode();
		root.put("created", this.clock.instant().getEpochSecond());
		ArrayNode data = root.putArray("data");
		for (int i = 0; i < count; i++) {
			ObjectNode image = data.addObject();
			if ("dall-e-3".equals(model)) {
				image.put("revised_prompt", "A simulated rendering of: " + body.path("prompt").stringValue());
			}
			if (base64) {
				image.put("b64_json", Base64.getEncoder().encodeToString(this.png));
			}
			else {
				image.put("url", this.baseUrl.get() + "/files/sim-image-" + this.issued.incrementAndGet() + ".png");
			}
		}
		return SimulatedResponse.json(200, root);
	}

	SimulatedResponse file(String path) {
		if (path.startsWith(FILE_PREFIX) && path.endsWith(".png")) {
			String number = path.substring(FILE_PREFIX.length(), path.length() - ".png".length());
			if (number.matches("\\d{1,18}") && Long.parseLong(number) >= 1
					&& Long.parseLong(number) <= this.issued.get()) {
				return SimulatedResponse.binary("image/png", this.png);
			}
		}
		return SimulatedResponse.error(404, "No such File object: " + path.substring(path.lastIndexOf('/') + 1),
				"invalid_request_error", "id", null);
	}

	byte[] png() {
		return this.png.clone();
	}

	private static byte[] renderPng() {
		BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < 32; x++) {
			for (int y = 0; y < 32; y++) {
				image.setRGB(x, y, new Color(x * 8, y * 8, 128).getRGB());
			}
		}
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(image, "png", out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
