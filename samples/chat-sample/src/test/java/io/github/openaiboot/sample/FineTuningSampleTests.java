package io.github.openaiboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.openaiboot.test.AutoConfigureOpenAiSimulator;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
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
 * Drives the sample's fine-tuning page against the OpenAI simulator: a job is created,
 * then followed as server-sent events to its end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator=never", "openai.fine-tuning.poll-interval=5ms",
				"openai.fine-tuning.max-poll-interval=10ms" })
@AutoConfigureOpenAiSimulator
@AutoConfigureWebTestClient(timeout = "20s")
class FineTuningSampleTests {

	@Autowired
	private WebTestClient webClient;

	@Autowired
	private OpenAiSimulator simulator;

	@BeforeEach
	void resetSimulator() {
		this.simulator.reset();
	}

	@Test
	void aFollowedJobStreamsItsEventsThenHowItEnded() {
		Map<String, Object> job = this.webClient.post()
			.uri("/api/fine-tuning/jobs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat((String) job.get("status")).isEqualTo("validating_files");
		String id = (String) job.get("id");
		// on the simulator's real clock the job would take 50 s: cancelled, it ends at once
		this.webClient.post().uri("/api/fine-tuning/jobs/" + id + "/cancel").exchange().expectStatus().isOk();
		List<ServerSentEvent<Map<String, Object>>> events = this.webClient.get()
			.uri("/api/fine-tuning/jobs/" + id + "/follow")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("event", "event", "done");
		assertThat((String) events.get(0).data().get("message")).startsWith("Validating training file");
		assertThat((String) events.get(1).data().get("message")).isEqualTo("Fine-tuning job cancelled");
		assertThat((String) events.get(2).data().get("status")).isEqualTo("cancelled");
		assertThat(this.simulator.requestCount(Endpoint.FINE_TUNING)).isGreaterThanOrEqualTo(4);
	}

	@Test
	void followingAJobThatDoesNotExistEndsWithAProblemEvent() {
		List<ServerSentEvent<Map<String, Object>>> events = this.webClient.get()
			.uri("/api/fine-tuning/jobs/ftjob-missing/follow")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>>() {
			})
			.getResponseBody()
			.collectList()
			.block(Duration.ofSeconds(20));
		assertThat(events).extracting(ServerSentEvent::event).containsExactly("problem");
	}

}
