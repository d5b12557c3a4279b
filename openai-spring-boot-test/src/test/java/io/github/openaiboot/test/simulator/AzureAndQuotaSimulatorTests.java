package io.github.openaiboot.test.simulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's Azure OpenAI mode, its content filter fault and the switch to
 * an account out of credit.
 *
 * @author OpenAI Spring Boot contributors
 */
class AzureAndQuotaSimulatorTests {

	private static final String CHAT = """
			{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}
			""";

	private static final String CHAT_WITHOUT_MODEL = """
			{"messages":[{"role":"user","content":"Hi"}]}
			""";

	private OpenAiSimulator simulator;

	@AfterEach
	void stop() {
		if (this.simulator != null) {
			this.simulator.stop();
		}
	}

	private HttpResponse<String> post(String path, String body, String header, String value) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.simulator.endpoint() + path))
			.header("Content-Type", "application/json")
			.header(header, value)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return SimulatorHttp.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void azureModeAnswersV1PathsWithAnApiKeyAndAzureRequestIds() {
		this.simulator = OpenAiSimulator.builder().azure().build().start();
		HttpResponse<String> response = post("/openai/v1/chat/completions",
				"{\"model\":\"my-deployment\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "api-key",
				"az-key");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("apim-request-id")).isPresent();
		assertThat(SimulatorHttp.json(response.body()).path("model").asString()).isEqualTo("my-deployment");
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
	}

	@Test
	void azureModeTakesTheModelFromTheDeploymentPathOfTheLegacyApi() {
		this.simulator = OpenAiSimulator.builder().azure().build().start();
		HttpResponse<String> response = post("/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21",
				CHAT_WITHOUT_MODEL, "Authorization", "Bearer entra-token");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(response.body()).path("model").asString()).startsWith("gpt-4o-mini");
		assertThat(post("/openai/deployments/gpt-4o-mini/chat/completions", CHAT, "api-key", "k").statusCode())
			.isEqualTo(404);
	}

	@Test
	void azureModeRefusesARequestWithoutCredentials() {
		this.simulator = OpenAiSimulator.builder().azure().build().start();
		HttpResponse<String> response = post("/openai/v1/chat/completions", CHAT, "X-Other", "x");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(SimulatorHttp.json(response.body()).path("error").path("code").asString()).isEqualTo("401");
	}

	@Test
	void contentFilteredAnswersAzuresFilterErrorWithItsCategories() {
		this.simulator = OpenAiSimulator.builder().azure().build().start();
		this.simulator.inject(SimulatedFault.contentFiltered()).times(1);
		HttpResponse<String> response = post("/openai/v1/chat/completions", CHAT, "api-key", "k");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = SimulatorHttp.json(response.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("content_filter");
		assertThat(error.path("innererror").path("content_filter_result").path("violence").path("filtered").asBoolean())
			.isTrue();
		assertThat(post("/openai/v1/chat/completions", CHAT, "api-key", "k").statusCode()).isEqualTo(200);
	}

	@Test
	void exhaustQuotaFailsCallsButNotTheModelsListingUntilRestored() {
		this.simulator = OpenAiSimulator.builder().build().start();
		SimulatorHttp http = new SimulatorHttp(this.simulator.baseUrl());
		assertThat(http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		this.simulator.exhaustQuota();
		HttpResponse<String> refused = http.post("/chat/completions", CHAT);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(SimulatorHttp.json(refused.body()).path("error").path("code").asString())
			.isEqualTo("insufficient_quota");
		assertThat(http.post("/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}").statusCode())
			.isEqualTo(429);
		assertThat(http.get("/models").statusCode()).isEqualTo(200);
		this.simulator.restoreQuota();
		assertThat(http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

}
