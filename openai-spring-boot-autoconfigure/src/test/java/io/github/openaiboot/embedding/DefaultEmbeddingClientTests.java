package io.github.openaiboot.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultEmbeddingClient}.
 */
class DefaultEmbeddingClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private DefaultEmbeddingClient client(EmbeddingDefaults defaults) {
		return new DefaultEmbeddingClient(TestPipelines.pipeline(wm.baseUrl()), defaults);
	}

	private DefaultEmbeddingClient client() {
		return client(EmbeddingDefaults.of("text-embedding-3-small"));
	}

	static String base64(float... values) {
		ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			buffer.putFloat(value);
		}
		return Base64.getEncoder().encodeToString(buffer.array());
	}

	private static String response(String model, String data, int promptTokens) {
		return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"" + model + "\",\"usage\":{\"prompt_tokens\":"
				+ promptTokens + ",\"total_tokens\":" + promptTokens + "}}";
	}

	private static String item(int index, String embedding) {
		return "{\"object\":\"embedding\",\"index\":" + index + ",\"embedding\":" + embedding + "}";
	}

	@Test
	void embedDecodesLittleEndianFloat32Base64Exactly() {
		float[] expected = { 0.0023064255f, -0.009327292f, 1.0f, -0.5f, Float.MIN_VALUE, 123456.78f };
		wm.stubFor(post("/v1/embeddings").willReturn(okJson(
				response("text-embedding-3-small", item(0, "\"" + base64(expected) + "\""), 8))));
		StepVerifier.create(client().embed(EmbeddingRequest.of("The food was delicious"))).assertNext((response) -> {
			assertThat(response.data()).hasSize(1);
			assertThat(response.data().get(0).embedding()).containsExactly(expected);
			assertThat(response.model()).isEqualTo("text-embedding-3-small");
			assertThat(response.usage().promptTokens()).isEqualTo(8);
			assertThat(response.usage().totalTokens()).isEqualTo(8);
		}).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("encoding_format").asString()).as("default encoding").isEqualTo("base64");
		assertThat(body.get("model").asString()).isEqualTo("text-embedding-3-small");
		assertThat(body.get("input").get(0).asString()).isEqualTo("The food was delicious");
		assertThat(body.has("dimensions")).isFalse();
	}

	@Test
	void embedDecodesFloatArrays() {
		wm.stubFor(post("/v1/embeddings").willReturn(okJson(response("text-embedding-3-large",
				item(0, "[0.0023064255,-0.009327292,-0.0028842222]") + "," + item(1, "[1.5,-2.25]"), 12))));
		EmbeddingRequest request = EmbeddingRequest.builder()
			.input("first", "second")
			.model("text-embedding-3-large")
			.encodingFormat(EncodingFormat.FLOAT)
			.dimensions(3)
			.user("user-7")
			.build();
		StepVerifier.create(client().embed(request)).assertNext((response) -> {
			assertThat(response.vectors()).hasSize(2);
			assertThat(response.vectors().get(0)).containsExactly(0.0023064255f, -0.009327292f, -0.0028842222f);
			assertThat(response.vectors().get(1)).containsExactly(1.5f, -2.25f);
		}).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("encoding_format").asString()).isEqualTo("float");
		assertThat(body.get("model").asString()).isEqualTo("text-embedding-3-large");
		assertThat(body.get("dimensions").asInt()).isEqualTo(3);
		assertThat(body.get("user").asString()).isEqualTo("user-7");
		assertThat(body.get("input")).hasSize(2);
	}

	@Test
	void embedAppliesDimensionsAndEncodingFromDefaults() {
		wm.stubFor(post("/v1/embeddings").willReturn(okJson(response("m", item(0, "[1.0]"), 1))));
		EmbeddingDefaults defaults = new EmbeddingDefaults("text-embedding-3-large", 256, EncodingFormat.FLOAT);
		StepVerifier.create(client(defaults).embed(EmbeddingRequest.of("x"))).expectNextCount(1).expectComplete()
			.verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("text-embedding-3-large");
		assertThat(body.get("dimensions").asInt()).isEqualTo(256);
		assertThat(body.get("encoding_format").asString()).isEqualTo("float");
	}

	@Test
	void embedOfOneTextReturnsItsVector() {
		wm.stubFor(post("/v1/embeddings").willReturn(okJson(response("m", item(0, "\"" + base64(0.25f, -4f) + "\""), 2))));
		StepVerifier.create(client().embed("hello")).assertNext((vector) -> assertThat(vector).containsExactly(0.25f, -4f))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(TestPipelines.onlyRequestBody(wm).get("input").get(0).asString()).isEqualTo("hello");
	}

	@Test
	void embedSortsOutOfOrderIndicesBackIntoInputOrder() {
		wm.stubFor(post("/v1/embeddings").willReturn(okJson(response("m",
				item(2, "[2.0]") + "," + item(0, "[0.0]") + "," + item(1, "[1.0]"), 3))));
		StepVerifier.create(client().embed(EmbeddingRequest.of("a", "b", "c"))).assertNext((response) -> {
			assertThat(response.data()).extracting(Embedding::index).containsExactly(0, 1, 2);
			assertThat(response.vectors()).extracting((vector) -> vector[0]).containsExactly(0f, 1f, 2f);
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void embedSplitsMoreThan2048InputsIntoBatchesAndReassemblesThemInOrder() {
		int total = 2048 + 5;
		List<String> input = IntStream.range(0, total).mapToObj((i) -> "text-" + i).toList();
		wm.stubFor(post("/v1/embeddings").withRequestBody(matchingJsonPath("$.input[0]", equalTo("text-0")))
			.willReturn(okJson(response("text-embedding-3-small", reversedItems(0, 2048), 4096))));
		wm.stubFor(post("/v1/embeddings").withRequestBody(matchingJsonPath("$.input[0]", equalTo("text-2048")))
			.willReturn(okJson(response("text-embedding-3-small", reversedItems(2048, 5), 10))));
		StepVerifier.create(client().embed(EmbeddingRequest.builder().input(input).build())).assertNext((response) -> {
			assertThat(response.data()).hasSize(total);
			for (int i = 0; i < total; i++) {
				assertThat(response.data().get(i).index()).isEqualTo(i);
				assertThat(response.data().get(i).embedding()).containsExactly(i, -i);
			}
			assertThat(response.usage().promptTokens()).isEqualTo(4106);
			assertThat(response.usage().totalTokens()).isEqualTo(4106);
		}).expectComplete().verify(TIMEOUT);
		wm.verify(2, postRequestedFor(urlEqualTo("/v1/embeddings")));
		// The two calls are sent concurrently: order the bodies by their first text.
		List<JsonNode> bodies = new ArrayList<>(TestPipelines.requestBodies(wm));
		bodies.sort((left, right) -> Integer.compare(left.get("input").get(0).asString().length(),
				right.get("input").get(0).asString().length()));
		assertThat(bodies.get(0).get("input")).hasSize(2048);
		assertThat(bodies.get(0).get("input").get(2047).asString()).isEqualTo("text-2047");
		assertThat(bodies.get(1).get("input")).hasSize(5);
		assertThat(bodies.get(1).get("input").get(4).asString()).isEqualTo("text-2052");
		assertThat(bodies).allSatisfy((body) -> assertThat(body.get("model").asString()).isEqualTo("text-embedding-3-small"));
	}

	@Test
	void embedSendsExactly2048InputsInOneRequest() {
		List<String> input = IntStream.range(0, 2048).mapToObj((i) -> "t" + i).toList();
		wm.stubFor(post("/v1/embeddings").willReturn(okJson(response("m", reversedItems(0, 2048), 2048))));
		StepVerifier.create(client().embed(EmbeddingRequest.builder().input(input).build()))
			.assertNext((response) -> assertThat(response.data()).hasSize(2048))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(1, postRequestedFor(urlEqualTo("/v1/embeddings")));
	}

	/**
	 * Embeddings for a batch whose inputs start at {@code offset}, in reverse order, each
	 * vector {@code [n, -n]} for the input's global position {@code n}, encoded as base64.
	 */
	private static String reversedItems(int offset, int count) {
		List<String> items = new ArrayList<>();
		for (int local = count - 1; local >= 0; local--) {
			int global = offset + local;
			items.add(item(local, "\"" + base64(global, -global) + "\""));
		}
		return String.join(",", items);
	}

	@Test
	void requestWithoutInputOrWithNonPositiveDimensionsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddingRequest.builder().build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmbeddingRequest.builder().input("x").dimensions(0).build())
			.withMessageContaining("dimensions");
	}

}
