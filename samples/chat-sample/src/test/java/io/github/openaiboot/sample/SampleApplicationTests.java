package io.github.openaiboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.openaiboot.test.AutoConfigureOpenAiSimulator;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample's endpoints against the OpenAI simulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator=never", "openai.retry.initial-backoff=10ms" })
@AutoConfigureOpenAiSimulator
@AutoConfigureWebTestClient(timeout = "20s")
class SampleApplicationTests {

	@Autowired
	private WebTestClient webClient;

	@Autowired
	private OpenAiSimulator simulator;

	@BeforeEach
	void resetSimulator() {
		this.simulator.reset();
	}

	@Test
	void chatAnswersWithReplyModelUsageAndCost() {
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reply")
			.value((reply) -> assertThat((String) reply).startsWith("Simulated answer to: hi"))
			.jsonPath("$.model")
			.isEqualTo("gpt-4o-mini")
			.jsonPath("$.usage.promptTokens")
			.value((tokens) -> assertThat((Integer) tokens).isPositive())
			.jsonPath("$.costUsd")
			.value((cost) -> assertThat(((Number) cost).doubleValue()).isPositive());
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isOne();
	}

	@Test
	void chatUsesTheRequestedModel() {
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi", "model", "gpt-4.1"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.model")
			.isEqualTo("gpt-4.1");
		assertThat(this.simulator.receivedBodies(Endpoint.CHAT).get(0)).contains("\"model\":\"gpt-4.1\"");
	}

	@Test
	void streamSendsContentPiecesThenDone() {
		List<ServerSentEvent<Map<String, String>>> events = this.webClient.get()
			.uri("/api/chat/stream?message=tell me a story")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).hasSizeGreaterThan(2);
		assertThat(events.get(events.size() - 1).event()).isEqualTo("done");
		String text = String.join("",
				events.stream()
					.filter((event) -> "content".equals(event.event()))
					.map((event) -> event.data().get("content"))
					.toList());
		assertThat(text).startsWith("Simulated answer to: tell me a story");
		assertThat(this.simulator.receivedBodies(Endpoint.CHAT).get(0)).contains("\"include_usage\":true");
	}

	@Test
	void embeddingsReturnOneVectorPerText() {
		this.webClient.post()
			.uri("/api/embeddings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("texts", List.of("one", "two")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.dimensions")
			.isEqualTo(1536)
			.jsonPath("$.vectors.length()")
			.isEqualTo(2);
		assertThat(this.simulator.receivedBodies(Endpoint.EMBEDDINGS).get(0)).contains("\"encoding_format\":\"base64\"");
	}

	@Test
	void imagesReturnAUrlOrBase64() {
		this.webClient.post()
			.uri("/api/images")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("prompt", "a lighthouse", "responseFormat", "b64_json"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.b64Json")
			.isNotEmpty();
	}

	@Test
	void blankMessageIsABadRequest() {
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", " "))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isZero();
	}

	@Test
	void exhaustedQuotaIsA503ProblemWithTheRequestIdAndIsNotRetried() {
		this.simulator.inject(SimulatedFault.insufficientQuota());
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("QUOTA_EXCEEDED")
			.jsonPath("$.requestId")
			.value((id) -> assertThat((String) id).startsWith("req_"));
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isOne();
	}

	@Test
	void persistentRateLimitIsA429ProblemWithRetryAfter() {
		this.simulator.inject(SimulatedFault.rateLimited().retryAfter(Duration.ofSeconds(120)));
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.valueEquals("Retry-After", "120")
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("RATE_LIMITED");
		// a hint above openai.retry.max-server-delay fails at once
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isOne();
	}

	@Test
	void streamEndsWithAReadableProblemEventWhenTheQuotaIsExhausted() {
		this.simulator.inject(SimulatedFault.insufficientQuota());
		List<ServerSentEvent<Map<String, Object>>> events = this.webClient.get()
			.uri("/api/chat/stream?message=hi")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("problem");
			assertThat(event.data()).containsEntry("kind", "QUOTA_EXCEEDED")
				.containsEntry("status", 503)
				.containsEntry("title", "OpenAI QUOTA_EXCEEDED")
				.containsKey("requestId");
			assertThat((String) event.data().get("detail")).contains("run out of quota");
		});
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isOne();
	}

	@Test
	void simulatorFaultHitsOnlyTheNextChatCall() {
		this.webClient.post()
			.uri("/api/simulator/faults/insufficient-quota")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.faults")
			.value((faults) -> assertThat((List<Object>) faults).contains("insufficient-quota", "rate-limited"));
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("QUOTA_EXCEEDED");
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isOk();
	}

	@Test
	void unknownSimulatorFaultIsNotFound() {
		this.webClient.post().uri("/api/simulator/faults/meteor-strike").exchange().expectStatus().isNotFound();
		assertThat(this.simulator.requestCount()).isZero();
	}

	@Test
	void statsShowTheRateLimitHeadroomOpenAiReported() {
		this.simulator.defaultRateLimit(500, 200_000);
		for (int call = 1; call <= 2; call++) {
			this.webClient.post()
				.uri("/api/chat")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("message", "hi"))
				.exchange()
				.expectStatus()
				.isOk();
			this.webClient.get()
				.uri("/api/stats")
				.exchange()
				.expectBody()
				.jsonPath("$.rateLimit.requests.limit")
				.isEqualTo(500)
				.jsonPath("$.rateLimit.requests.remaining")
				.isEqualTo(500 - call)
				.jsonPath("$.rateLimit.tokens.remaining")
				.value((tokens) -> assertThat(((Number) tokens).longValue()).isLessThan(200_000));
		}
	}

	@Test
	void healthShowsTheOpenAiComponent() {
		// a successful call outweighs failures injected by earlier tests
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isOk();
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.components.openai.status")
			.isEqualTo("UP")
			.jsonPath("$.components.openai.details.baseUrl")
			.value((url) -> assertThat((String) url).isEqualTo(this.simulator.baseUrl()));
	}

	@Test
	void prometheusShowsTokensAndCostAfterAChatCall() {
		this.webClient.post()
			.uri("/api/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isOk();
		String scrape = this.webClient.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("gen_ai_client_token_usage_tokens_sum")
			.contains("openai_client_cost_usd_total")
			.contains("gen_ai_client_operation_seconds_count")
			.contains("openai_ratelimit_remaining");
		this.webClient.get()
			.uri("/api/stats")
			.exchange()
			.expectBody()
			.jsonPath("$.inputTokens")
			.value((tokens) -> assertThat(((Number) tokens).longValue()).isPositive())
			.jsonPath("$.costUsd")
			.value((cost) -> assertThat(((Number) cost).doubleValue()).isPositive());
	}

	@Test
	void indexPageIsServed() {
		this.webClient.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("EventSource('/api/chat/stream"));
	}

}
