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
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample's Responses API chat against the OpenAI simulator: each answer names
 * the response the next message continues, and the simulator sees the conversation go on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator=never", "openai.retry.initial-backoff=10ms" })
@AutoConfigureOpenAiSimulator
@AutoConfigureWebTestClient(timeout = "20s")
class ResponsesSampleTests {

	@Autowired
	private WebTestClient webClient;

	@Autowired
	private OpenAiSimulator simulator;

	@BeforeEach
	void resetSimulator() {
		this.simulator.reset();
	}

	@Test
	void responsesKeepAConversationThroughThePreviousResponseId() {
		Map<String, Object> first = respond(Map.of("message", "My name is Ada"));
		assertThat((String) first.get("reply")).isEqualTo("Simulated answer to: My name is Ada");
		assertThat((String) first.get("responseId")).startsWith("resp_");
		assertThat(((Number) first.get("costUsd")).doubleValue()).isPositive();
		Map<String, Object> second = respond(
				Map.of("message", "What is my name?", "previousResponseId", first.get("responseId")));
		assertThat((String) second.get("reply")).isEqualTo("Simulated answer to: What is my name? (turn 2)");
		assertThat(this.simulator.receivedBodies(Endpoint.RESPONSES).get(1))
			.contains("\"previous_response_id\":\"" + first.get("responseId") + "\"");
	}

	@Test
	void streamSendsTheAnswerThenTheIdTheNextMessageContinues() {
		List<ServerSentEvent<Map<String, String>>> first = stream("/api/responses/stream?message=tell me a story");
		assertThat(text(first)).isEqualTo("Simulated answer to: tell me a story");
		ServerSentEvent<Map<String, String>> done = first.get(first.size() - 1);
		assertThat(done.event()).isEqualTo("done");
		String responseId = done.data().get("responseId");
		assertThat(responseId).startsWith("resp_");
		List<ServerSentEvent<Map<String, String>>> second = stream(
				"/api/responses/stream?message=and then?&previousResponseId=" + responseId);
		assertThat(text(second)).isEqualTo("Simulated answer to: and then? (turn 2)");
		assertThat(second.get(second.size() - 1).data().get("responseId")).isNotEqualTo(responseId);
	}

	@Test
	void failedStreamEndsWithAProblemEventAfterTheTextSoFar() {
		this.simulator.inject(SimulatedFault.errorFrameAfter(2)).on(Endpoint.RESPONSES).times(1);
		List<ServerSentEvent<Map<String, String>>> events = stream("/api/responses/stream?message=tell me a story");
		assertThat(text(events)).isEqualTo("Simulated answer");
		ServerSentEvent<Map<String, String>> problem = events.get(events.size() - 1);
		assertThat(problem.event()).isEqualTo("problem");
		assertThat(problem.data().get("kind")).isEqualTo("SERVER_ERROR");
		assertThat(events).noneMatch((event) -> "done".equals(event.event()));
	}

	@Test
	void blankMessageIsABadRequest() {
		this.webClient.post()
			.uri("/api/responses")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", " "))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(this.simulator.requestCount(Endpoint.RESPONSES)).isZero();
	}

	@Test
	void indexPageCanSwitchToTheResponsesApi() {
		this.webClient.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("id=\"responses\"")
				.contains("'/api/responses/stream?message='")
				.contains("previousResponseId="));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> respond(Map<String, Object> input) {
		return this.webClient.post()
			.uri("/api/responses")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(input)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	private List<ServerSentEvent<Map<String, String>>> stream(String uri) {
		return this.webClient.get()
			.uri(uri)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, String>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
	}

	private static String text(List<ServerSentEvent<Map<String, String>>> events) {
		return String.join("", events.stream()
			.filter((event) -> "content".equals(event.event()))
			.map((event) -> event.data().get("content"))
			.toList());
	}

}
