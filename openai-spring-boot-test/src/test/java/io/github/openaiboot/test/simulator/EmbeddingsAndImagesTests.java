package io.github.openaiboot.test.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.net.http.HttpResponse;
import java.util.Base64;

import javax.imageio.ImageIO;

import io.github.openaiboot.test.OpenAiSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the simulated embeddings, images and models endpoints.
 *
 * @author OpenAI Spring Boot contributors
 */
class EmbeddingsAndImagesTests {

	@RegisterExtension
	static OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension();

	private SimulatorHttp http() {
		return new SimulatorHttp(openai.baseUrl());
	}

	private JsonNode embed(String body) {
		HttpResponse<String> response = http().post("/embeddings", body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-request-id")).isPresent();
		return SimulatorHttp.json(response.body());
	}

	private static float[] floats(JsonNode embedding) {
		float[] values = new float[embedding.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = embedding.get(i).floatValue();
		}
		return values;
	}

	@Test
	void embedsStringWithDefaultDimensionsAndUnitLength() {
		JsonNode json = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"hello world\"}");
		assertThat(json.path("object").asString()).isEqualTo("list");
		assertThat(json.path("model").asString()).isEqualTo("text-embedding-3-small");
		JsonNode item = json.path("data").get(0);
		assertThat(item.path("object").asString()).isEqualTo("embedding");
		assertThat(item.path("index").asInt()).isZero();
		float[] vector = floats(item.path("embedding"));
		assertThat(vector).hasSize(1536);
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		assertThat(Math.sqrt(norm)).isCloseTo(1.0, within(1e-4));
		assertThat(json.path("usage").path("prompt_tokens").asInt()).isEqualTo(3);
		assertThat(json.path("usage").path("total_tokens").asInt()).isEqualTo(3);
	}

	@Test
	void embedsSameTextToSameVectorAndOtherTextToAnother() {
		JsonNode json = embed("{\"model\":\"text-embedding-3-large\",\"input\":[\"alpha\",\"beta\",\"alpha\"]}");
		assertThat(json.path("data")).hasSize(3);
		assertThat(json.path("data").get(2).path("index").asInt()).isEqualTo(2);
		float[] first = floats(json.path("data").get(0).path("embedding"));
		assertThat(first).hasSize(3072);
		assertThat(floats(json.path("data").get(2).path("embedding"))).containsExactly(first);
		assertThat(floats(json.path("data").get(1).path("embedding"))).isNotEqualTo(first);
		JsonNode again = embed("{\"model\":\"text-embedding-3-large\",\"input\":\"alpha\"}");
		assertThat(floats(again.path("data").get(0).path("embedding"))).containsExactly(first);
	}

	@Test
	void honoursRequestedDimensions() {
		JsonNode json = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"hi\",\"dimensions\":256}");
		assertThat(json.path("data").get(0).path("embedding")).hasSize(256);
	}

	@Test
	void encodesBase64AsLittleEndianFloatsEqualToJsonFloats() {
		float[] floats = floats(embed("{\"model\":\"text-embedding-3-small\",\"input\":\"same\",\"dimensions\":64}")
			.path("data").get(0).path("embedding"));
		String base64 = embed("{\"model\":\"text-embedding-3-small\",\"input\":\"same\",\"dimensions\":64,\"encoding_format\":\"base64\"}")
			.path("data").get(0).path("embedding").asString();
		ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
		float[] decoded = new float[bytes.remaining() / 4];
		for (int i = 0; i < decoded.length; i++) {
			decoded[i] = bytes.getFloat();
		}
		assertThat(decoded).containsExactly(floats);
	}

	@Test
	void generatesImageUrlsTheSimulatorServes() throws IOException {
		HttpResponse<String> response = http().post("/images/generations",
				"{\"model\":\"dall-e-2\",\"prompt\":\"a red fox\",\"n\":2,\"size\":\"256x256\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode json = SimulatorHttp.json(response.body());
		assertThat(json.path("created").asLong()).isPositive();
		assertThat(json.path("data")).hasSize(2);
		String url = json.path("data").get(1).path("url").asString();
		assertThat(url).matches("http://localhost:" + openai.simulator().port() + "/v1/files/sim-image-\\d+\\.png");
		assertThat(json.path("data").get(0).has("revised_prompt")).isFalse();
		HttpResponse<byte[]> image = http().getBytes(url);
		assertThat(image.statusCode()).isEqualTo(200);
		assertThat(image.headers().firstValue("content-type")).hasValue("image/png");
		assertThat(ImageIO.read(new ByteArrayInputStream(image.body()))).isNotNull();
		assertThat(openai.simulator().requestCount(Endpoint.FILES)).isEqualTo(1);
		assertThat(http().getBytes(openai.baseUrl() + "/files/sim-image-999999.png").statusCode()).isEqualTo(404);
	}

	@Test
	void generatesBase64PngWithRevisedPromptForDallE3() throws IOException {
		JsonNode json = SimulatorHttp.json(http().post("/images/generations",
				"{\"model\":\"dall-e-3\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\"}").body());
		JsonNode image = json.path("data").get(0);
		assertThat(image.path("revised_prompt").asString()).contains("a red fox");
		byte[] png = Base64.getDecoder().decode(image.path("b64_json").asString());
		assertThat(png).containsExactly(openai.simulator().imageBytes());
		assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isPositive();
	}

	@Test
	void listsModels() {
		HttpResponse<String> response = http().get("/models");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).isPresent();
		JsonNode json = SimulatorHttp.json(response.body());
		assertThat(json.path("object").asString()).isEqualTo("list");
		assertThat(json.path("data").valueStream().map((model) -> model.path("id").asString())).containsExactly(
				"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "o3-mini", "text-embedding-3-small",
				"text-embedding-3-large", "dall-e-2", "dall-e-3");
		assertThat(json.path("data")).allSatisfy((model) -> {
			assertThat(model.path("object").asString()).isEqualTo("model");
			assertThat(model.path("created").asLong()).isPositive();
			assertThat(model.path("owned_by").asString()).isNotEmpty();
		});
	}

	@Test
	void retrievesOneModelAndRejectsUnknownOne() {
		JsonNode model = SimulatorHttp.json(http().get("/models/gpt-4o-mini").body());
		assertThat(model.path("id").asString()).isEqualTo("gpt-4o-mini");
		HttpResponse<String> missing = http().get("/models/x");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).isEqualTo(
				"{\"error\":{\"message\":\"The model 'x' does not exist or you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}");
		assertThat(openai.simulator().requestCount(Endpoint.MODELS)).isEqualTo(2);
	}

}
