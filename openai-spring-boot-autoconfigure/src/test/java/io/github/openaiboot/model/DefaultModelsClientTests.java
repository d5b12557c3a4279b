package io.github.openaiboot.model;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultModelsClient}.
 */
class DefaultModelsClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private DefaultModelsClient client() {
		return new DefaultModelsClient(TestPipelines.pipeline(wm.baseUrl()));
	}

	@Test
	void listReturnsEveryModelWithGetAndBearerAuth() {
		wm.stubFor(get("/v1/models").willReturn(okJson("""
				{"object":"list","data":[
				  {"id":"gpt-4o-mini","object":"model","created":1721172741,"owned_by":"system"},
				  {"id":"text-embedding-3-small","object":"model","created":1705948997,"owned_by":"system"},
				  {"id":"ft:gpt-4o-mini-2024-07-18:acme::9abcDEF","object":"model","created":1730000000,"owned_by":"user-abc"}]}
				""")));
		StepVerifier.create(client().list())
			.expectNext(new ModelInfo("gpt-4o-mini", "model", 1721172741L, "system"))
			.expectNext(new ModelInfo("text-embedding-3-small", "model", 1705948997L, "system"))
			.assertNext((model) -> assertThat(model.ownedBy()).isEqualTo("user-abc"))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization",
				equalTo("Bearer " + TestPipelines.API_KEY)));
	}

	@Test
	void listOfNoModelsCompletesEmpty() {
		wm.stubFor(get("/v1/models").willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
		StepVerifier.create(client().list()).expectComplete().verify(TIMEOUT);
	}

	@Test
	void retrieveReadsOneModel() {
		wm.stubFor(get("/v1/models/gpt-4o-mini").willReturn(
				okJson("{\"id\":\"gpt-4o-mini\",\"object\":\"model\",\"created\":1721172741,\"owned_by\":\"system\"}")));
		StepVerifier.create(client().retrieve("gpt-4o-mini"))
			.expectNext(new ModelInfo("gpt-4o-mini", "model", 1721172741L, "system"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void retrieveKeepsTheColonsOfAFineTunedModelId() {
		String id = "ft:gpt-4o-mini-2024-07-18:acme::9abcDEF";
		wm.stubFor(get(urlEqualTo("/v1/models/" + id)).willReturn(
				okJson("{\"id\":\"" + id + "\",\"object\":\"model\",\"created\":1730000000,\"owned_by\":\"user-abc\"}")));
		StepVerifier.create(client().retrieve(id))
			.assertNext((model) -> assertThat(model.id()).isEqualTo(id))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void retrieveOfUnknownModelFailsWithModelNotFound() {
		wm.stubFor(get("/v1/models/gpt-5-turbo").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"The model 'gpt-5-turbo' does not exist\",\"type\":\"invalid_request_error\","
					+ "\"param\":\"model\",\"code\":\"model_not_found\"}}")));
		StepVerifier.create(client().retrieve("gpt-5-turbo")).expectErrorSatisfies((failure) -> {
			assertThat(failure).isInstanceOf(InvalidRequestException.class);
			assertThat(((InvalidRequestException) failure).kind()).isEqualTo(OpenAiErrorKind.MODEL_NOT_FOUND);
		}).verify(TIMEOUT);
	}

	@Test
	void retrieveOfBlankIdFailsWithoutCallingTheServer() {
		StepVerifier.create(client().retrieve(" ")).expectError(IllegalArgumentException.class).verify(TIMEOUT);
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

}
