package io.github.openaiboot.sample;

import java.util.Map;

import io.github.openaiboot.test.AutoConfigureOpenAiSimulator;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample's pool of two simulated organisations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator=never", "openai.pools.orgs.members=org-a,org-b",
				"openai.pools.orgs.strategy=headroom" })
@AutoConfigureOpenAiSimulator(clients = { "org-a", "org-b" })
@AutoConfigureWebTestClient(timeout = "20s")
class PoolSampleTests {

	@Autowired
	private WebTestClient webClient;

	@Autowired
	@Qualifier("openAiSimulator.org-a")
	private OpenAiSimulator orgA;

	@Autowired
	@Qualifier("openAiSimulator.org-b")
	private OpenAiSimulator orgB;

	private void ask() {
		this.webClient.post()
			.uri("/api/pool/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("message", "hi"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reply")
			.value((reply) -> assertThat((String) reply).startsWith("Simulated answer to: hi"));
	}

	@Test
	void thePoolSharesCallsAndTheOtherMemberServesWhenOneRunsOutOfCredit() {
		for (int i = 0; i < 4; i++) {
			ask();
		}
		assertThat(this.orgA.requestCount(Endpoint.CHAT)).isEqualTo(2);
		assertThat(this.orgB.requestCount(Endpoint.CHAT)).isEqualTo(2);
		this.webClient.post().uri("/api/pool/members/org-a/exhaust-quota").exchange().expectStatus().isOk();
		for (int i = 0; i < 4; i++) {
			ask();
		}
		assertThat(this.orgB.requestCount(Endpoint.CHAT)).isGreaterThanOrEqualTo(5);
		this.webClient.get()
			.uri("/api/pool")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.members[0].name")
			.isEqualTo("org-a")
			.jsonPath("$.members[0].inRotation")
			.isEqualTo(false)
			.jsonPath("$.members[0].outOfRotation")
			.isEqualTo("QUOTA_EXCEEDED")
			.jsonPath("$.members[1].inRotation")
			.isEqualTo(true);
		this.webClient.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.openai.components.orgs.status")
			.isEqualTo("UP")
			.jsonPath("$.components.openai.components.orgs.details.members.org-a.kind")
			.isEqualTo("QUOTA_EXCEEDED");
	}

	@Test
	void anUnknownMemberIsNotFound() {
		this.webClient.post().uri("/api/pool/members/org-z/exhaust-quota").exchange().expectStatus().isNotFound();
	}

}
