package io.github.openaiboot.realtime;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Ephemeral client secrets over the usual HTTP pipeline.
 */
class RealtimeClientSecretTests {

	private WireMockServer wireMock;

	@BeforeEach
	void start() {
		this.wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.wireMock.start();
	}

	@AfterEach
	void stop() {
		this.wireMock.stop();
	}

	@Test
	void aClientSecretIsCreatedForTheSessionAndHidesItsValue() {
		this.wireMock.stubFor(post("/v1/realtime/client_secrets").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"value":"ek_68af296e8e408191a1120ab6383263c2","expires_at":1756310470,
					 "session":{"type":"realtime","object":"realtime.session","id":"sess_C9CiUVUzUzYIssh3ELY1d",
					            "model":"gpt-realtime","output_modalities":["audio"]}}
					""")));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-secret-key", "openai.base-url=" + this.wireMock.baseUrl() + "/v1")
			.run((context) -> {
				RealtimeClient client = context.getBean(RealtimeClient.class);
				RealtimeClientSecret secret = client
					.createClientSecret(RealtimeSessionConfig.builder().instructions("Be brief").build(),
							Duration.ofMinutes(10))
					.block(Duration.ofSeconds(10));
				assertThat(secret.value()).startsWith("ek_");
				assertThat(secret.expiresAt()).isEqualTo(1756310470L);
				assertThat(secret.toString()).doesNotContain("ek_");
				this.wireMock.verify(postRequestedFor(urlEqualTo("/v1/realtime/client_secrets"))
					.withHeader("Authorization", equalTo("Bearer sk-secret-key"))
					.withRequestBody(equalToJson("""
							{"expires_after":{"anchor":"created_at","seconds":600},
							 "session":{"type":"realtime","model":"gpt-realtime","instructions":"Be brief"}}
							""")));
				assertThatIllegalArgumentException().isThrownBy(
						() -> client.createClientSecret(RealtimeSessionConfig.builder().build(), Duration.ofHours(3)))
					.withMessageContaining("expiresAfter");
			});
	}

}
