package io.github.openaiboot.sample;

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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the sample's voice questions against the OpenAI simulator: the upload is
 * transcribed and answered, and the answer is spoken.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator=never", "openai.retry.initial-backoff=10ms" })
@AutoConfigureOpenAiSimulator
@AutoConfigureWebTestClient(timeout = "20s")
class AudioSampleTests {

	@Autowired
	private WebTestClient webClient;

	@Autowired
	private OpenAiSimulator simulator;

	@BeforeEach
	void resetSimulator() {
		this.simulator.reset();
	}

	@Test
	void anUploadedRecordingIsTranscribedAnsweredAndSpoken() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("file", new ByteArrayResource(new byte[32_000]) {

			@Override
			public String getFilename() {
				return "question.webm";
			}

		});
		Map<String, String> reply = this.webClient.post()
			.uri("/api/audio/ask")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, String>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(reply.get("transcript")).isEqualTo("The quick brown fox jumps over the lazy dog.");
		assertThat(reply.get("answer")).contains("The quick brown fox");
		assertThat(this.simulator.requestCount(Endpoint.AUDIO)).isEqualTo(1);
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isEqualTo(1);
		byte[] audio = this.webClient.get()
			.uri((uri) -> uri.path("/api/audio/speech").queryParam("text", reply.get("answer")).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("audio/mpeg")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(new String(audio, 0, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ID3");
		assertThat(audio.length).isGreaterThan(1000);
		assertThat(this.simulator.requestCount(Endpoint.AUDIO)).isEqualTo(2);
	}

}
