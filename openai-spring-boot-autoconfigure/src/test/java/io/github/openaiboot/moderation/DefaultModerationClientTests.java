package io.github.openaiboot.moderation;

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

/**
 * Tests for {@link DefaultModerationClient}, against OpenAI's bodies.
 */
class DefaultModerationClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ModerationClient client = new DefaultModerationClient(TestPipelines.pipeline(wm.baseUrl()),
			ModerationCategory.OMNI_MODERATION_LATEST);

	@Test
	void moderatesTextAndImageAndReadsCategoriesScoresAndAppliedInputTypes() {
		wm.stubFor(post("/v1/moderations").willReturn(okJson("""
				{"id":"modr-0d9740456c391e43c445bf0f010940c7","model":"omni-moderation-latest","results":[{"flagged":true,
				 "categories":{"harassment":true,"harassment/threatening":true,"sexual":false,"hate":false,"hate/threatening":false,"illicit":false,"illicit/violent":false,"self-harm/intent":false,"self-harm/instructions":false,"self-harm":false,"sexual/minors":false,"violence":true,"violence/graphic":true},
				 "category_scores":{"harassment":0.8189,"harassment/threatening":0.804,"sexual":1.4e-6,"hate":0.0001,"hate/threatening":0.00001,"illicit":0.0003,"illicit/violent":0.0002,"self-harm/intent":0.0001,"self-harm/instructions":0.0001,"self-harm":0.0001,"sexual/minors":0.0,"violence":0.99999,"violence/graphic":0.843},
				 "category_applied_input_types":{"harassment":["text"],"harassment/threatening":["text"],"sexual":["text","image"],"hate":["text"],"hate/threatening":["text"],"illicit":["text"],"illicit/violent":["text"],"self-harm/intent":["text","image"],"self-harm/instructions":["text","image"],"self-harm":["text","image"],"sexual/minors":["text"],"violence":["text","image"],"violence/graphic":["text","image"]}}]}""")));
		ModerationRequest request = ModerationRequest.of(ModerationInput.text("...text to classify goes here..."),
				ModerationInput.imageUrl("https://example.com/image.png"));
		StepVerifier.create(this.client.moderate(request)).assertNext((response) -> {
			assertThat(response.flagged()).isTrue();
			ModerationResponse.Result result = response.results().get(0);
			assertThat(result.isFlagged(ModerationCategory.VIOLENCE_GRAPHIC)).isTrue();
			assertThat(result.isFlagged(ModerationCategory.SEXUAL)).isFalse();
			assertThat(result.score(ModerationCategory.VIOLENCE)).isEqualTo(0.99999);
			assertThat(result.categoryAppliedInputTypes().get(ModerationCategory.VIOLENCE)).containsExactly("text",
					"image");
			assertThat(result.categories()).hasSize(13);
		}).expectComplete().verify(TestPipelines.TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("omni-moderation-latest");
		assertThat(body.get("input").get(0).get("type").asString()).isEqualTo("text");
		assertThat(body.get("input").get(1).get("image_url").get("url").asString())
			.isEqualTo("https://example.com/image.png");
	}

	@Test
	void moderatesOneTextAndAcceptsNullCategoriesOfLegacyModels() {
		wm.stubFor(post("/v1/moderations").willReturn(okJson("""
				{"id":"modr-1","model":"text-moderation-007","results":[{"flagged":false,
				 "categories":{"hate":false,"illicit":null},"category_scores":{"hate":0.01},
				 "category_applied_input_types":{"hate":["text"]}}]}""")));
		StepVerifier.create(this.client.moderate("I want to kill them.")).assertNext((result) -> {
			assertThat(result.flagged()).isFalse();
			assertThat(result.categories()).containsEntry("illicit", null);
			assertThat(result.isFlagged("illicit")).isFalse();
		}).expectComplete().verify(TestPipelines.TIMEOUT);
		assertThat(TestPipelines.onlyRequestBody(wm).get("input").asString()).isEqualTo("I want to kill them.");
	}

	@Test
	void anEmptyInputIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ModerationRequest.of(" "))
			.withMessageContaining("needs an input");
	}

}
