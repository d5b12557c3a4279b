package io.github.openaiboot.image;

import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link DefaultImageClient}.
 */
class DefaultImageClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };

	private DefaultImageClient client(ImageDefaults defaults) {
		return new DefaultImageClient(TestPipelines.pipeline(wm.baseUrl()), defaults);
	}

	@Test
	void generateReturnsUrlsAndRevisedPromptAndAppliesDefaults() {
		wm.stubFor(post("/v1/images/generations").willReturn(okJson("""
				{"created":1713833628,"data":[{"revised_prompt":"A fluffy white Siamese cat sitting on a windowsill.",
				  "url":"https://oaidalleapiprodscus.blob.core.windows.net/private/org-abc/img-xyz.png?st=2024"}]}
				""")));
		ImageDefaults defaults = new ImageDefaults("dall-e-3", "1024x1024", "hd", "url");
		StepVerifier.create(client(defaults).generate(ImageRequest.builder("A white siamese cat").style("vivid").build()))
			.assertNext((response) -> {
				assertThat(response.created()).isEqualTo(1713833628L);
				assertThat(response.data()).hasSize(1);
				ImageResponse.Image image = response.data().get(0);
				assertThat(image.url()).startsWith("https://oaidalleapiprodscus.blob.core.windows.net/");
				assertThat(image.revisedPrompt()).isEqualTo("A fluffy white Siamese cat sitting on a windowsill.");
				assertThat(image.b64Json()).isNull();
				assertThatIllegalStateException().isThrownBy(image::bytes);
			})
			.expectComplete()
			.verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("dall-e-3");
		assertThat(body.get("prompt").asString()).isEqualTo("A white siamese cat");
		assertThat(body.get("size").asString()).isEqualTo("1024x1024");
		assertThat(body.get("quality").asString()).isEqualTo("hd");
		assertThat(body.get("style").asString()).isEqualTo("vivid");
		assertThat(body.get("response_format").asString()).isEqualTo("url");
		assertThat(body.has("n")).isFalse();
	}

	@Test
	void generateDecodesB64JsonIntoBytesAndLetsTheRequestOverrideDefaults() {
		String b64 = Base64.getEncoder().encodeToString(PNG);
		wm.stubFor(post("/v1/images/generations").willReturn(okJson("{\"created\":1713833628,\"data\":["
				+ "{\"b64_json\":\"" + b64 + "\"},{\"b64_json\":\"" + b64 + "\"}]}")));
		ImageDefaults defaults = new ImageDefaults("dall-e-3", "1024x1024", "hd", "url");
		ImageRequest request = ImageRequest.builder("A cat")
			.model("dall-e-2")
			.n(2)
			.size("256x256")
			.responseFormat("b64_json")
			.user("user-1")
			.build();
		StepVerifier.create(client(defaults).generate(request)).assertNext((response) -> {
			assertThat(response.data()).hasSize(2);
			assertThat(response.data().get(0).bytes()).containsExactly(PNG);
			assertThat(response.data().get(0).url()).isNull();
			assertThat(response.data().get(1).toString()).doesNotContain(b64).contains("chars");
		}).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("dall-e-2");
		assertThat(body.get("n").asInt()).isEqualTo(2);
		assertThat(body.get("size").asString()).isEqualTo("256x256");
		assertThat(body.get("quality").asString()).as("default still fills the gap").isEqualTo("hd");
		assertThat(body.get("response_format").asString()).isEqualTo("b64_json");
		assertThat(body.get("user").asString()).isEqualTo("user-1");
	}

	@Test
	void requestWithoutPromptOrWithZeroImagesIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ImageRequest.builder(" ").build());
		assertThatIllegalArgumentException().isThrownBy(() -> ImageRequest.builder("cat").n(0).build());
	}

}
