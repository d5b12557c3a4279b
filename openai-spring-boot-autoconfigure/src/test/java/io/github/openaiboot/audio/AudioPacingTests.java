package io.github.openaiboot.audio;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.file.DefaultFilesClient;
import io.github.openaiboot.moderation.DefaultModerationClient;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBufferUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Audio and moderation calls are paced per model under the requests per minute, as chat
 * is (OpenAI's notes: 50 RPM for audio); file calls use no model and are not paced.
 */
class AudioPacingTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void audioAndModerationTakeARequestPermitOfTheirModelAndFilesNone() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("{\"text\":\"hi\"}")));
		wm.stubFor(post("/v1/audio/speech").willReturn(aResponse().withBody(new byte[8])));
		wm.stubFor(post("/v1/moderations").willReturn(okJson("{\"id\":\"modr-1\",\"results\":[]}")));
		wm.stubFor(get("/v1/files/file-1").willReturn(okJson(
				"{\"id\":\"file-1\",\"object\":\"file\",\"bytes\":1,\"created_at\":1,\"filename\":\"a\",\"purpose\":\"batch\"}")));
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(VirtualTimeScheduler.create()).defaultLimits(50, 10_000).burst(Duration.ofMinutes(1))
			.build();
		OpenAiPipeline pipeline = OpenAiPipeline.builder(TestPipelines.webClient(wm.baseUrl()).build())
			.rateLimiter(pacer)
			.tokenEstimator(new TokenCounter(100))
			.build();
		AudioClient audio = new DefaultAudioClient(pipeline, AudioDefaults.OPENAI);
		StepVerifier.create(audio.transcribe(TranscriptionRequest
			.builder(UploadFile.of(new ByteArrayResource(new byte[4]), "a.mp3"))
			.build())).expectNextCount(1).expectComplete().verify(TestPipelines.TIMEOUT);
		StepVerifier.create(audio.speech(SpeechRequest.builder("hi").build()).doOnNext(DataBufferUtils::release))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		StepVerifier.create(new DefaultModerationClient(pipeline, "omni-moderation-latest").moderate(
				io.github.openaiboot.moderation.ModerationRequest.of("hello")))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		StepVerifier.create(new DefaultFilesClient(pipeline).retrieve("file-1"))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(pacer.available("whisper-1", RateLimitType.REQUESTS)).isEqualTo(49);
		assertThat(pacer.available("tts-1", RateLimitType.REQUESTS)).isEqualTo(49);
		assertThat(pacer.available("omni-moderation-latest", RateLimitType.REQUESTS)).isEqualTo(49);
	}

}
