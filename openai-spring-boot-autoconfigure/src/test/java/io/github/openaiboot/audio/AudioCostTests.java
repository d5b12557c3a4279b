package io.github.openaiboot.audio;

import java.math.BigDecimal;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.moderation.DefaultModerationClient;
import io.github.openaiboot.observation.ObservationOpenAiCallObserver;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBufferUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests of the cost of audio and moderation calls, in each pricing unit, and of their
 * operation names.
 */
class AudioCostTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AudioClient client;

	private final OpenAiPipeline pipeline;

	AudioCostTests() {
		TestObservationRegistry observations = TestObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new OpenAiMeterObservationHandler(this.meters, PricingTable.builtIn()));
		this.pipeline = OpenAiPipeline.builder(TestPipelines.webClient(wm.baseUrl()).build())
			.callObserver(new ObservationOpenAiCallObserver(observations, null, "default"))
			.build();
		this.client = new DefaultAudioClient(this.pipeline, AudioDefaults.OPENAI);
	}

	private static TranscriptionRequest.Builder request() {
		return TranscriptionRequest.builder(UploadFile.of(new ByteArrayResource(new byte[10]), "a.mp3"));
	}

	private double cost(String operation, String model) {
		return this.meters.get("openai.client.cost")
			.tag("gen_ai.operation.name", operation)
			.tag("gen_ai.request.model", model)
			.counter()
			.count();
	}

	@Test
	void whisperIsPricedPerMinuteOfItsBilledSeconds() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson(
				"{\"task\":\"transcribe\",\"language\":\"english\",\"duration\":89.5,\"text\":\"hi\",\"usage\":{\"type\":\"duration\",\"seconds\":90}}")));
		StepVerifier.create(this.client.transcribe(request().responseFormat("verbose_json").build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		// 1.5 minutes at $0.006
		assertThat(cost("transcription", "whisper-1")).isCloseTo(0.009, within(1e-12));
	}

	@Test
	void whisperTranslationWithoutUsageIsPricedByItsDuration() {
		wm.stubFor(post("/v1/audio/translations")
			.willReturn(okJson("{\"language\":\"german\",\"duration\":30.0,\"text\":\"Hello\"}")));
		StepVerifier.create(this.client.translate(request().responseFormat("verbose_json").build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(cost("translation", "whisper-1")).isCloseTo(0.003, within(1e-12));
	}

	@Test
	void gpt4oTranscribeIsPricedPerTextAudioAndOutputToken() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("""
				{"text":"Imagine","usage":{"type":"tokens","input_tokens":1014,"input_token_details":{"text_tokens":14,"audio_tokens":1000},"output_tokens":45,"total_tokens":1059}}""")));
		StepVerifier.create(this.client.transcribe(request().model("gpt-4o-transcribe").build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		// 14 × 2.50 + 1000 × 6.00 + 45 × 10.00 per million
		assertThat(cost("transcription", "gpt-4o-transcribe")).isCloseTo(0.006485, within(1e-12));
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary().totalAmount())
			.isEqualTo(1014.0);
		assertThat(BigDecimal.valueOf(cost("transcription", "gpt-4o-transcribe"))).isPositive();
	}

	@Test
	void ttsIsPricedPerCharacter() {
		wm.stubFor(post("/v1/audio/speech").willReturn(aResponse().withBody(new byte[1000])));
		String input = "x".repeat(2000);
		StepVerifier.create(this.client.speech(SpeechRequest.builder(input).model("tts-1-hd").build())
			.doOnNext(DataBufferUtils::release)
			.then()).expectComplete().verify(TestPipelines.TIMEOUT);
		// 2000 characters at $30 per million
		assertThat(cost("speech", "tts-1-hd")).isCloseTo(0.06, within(1e-12));
	}

	@Test
	void gpt4oMiniTtsIsPricedPerTextTokenInAndAudioTokenOutFromItsEvents() {
		wm.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("""
					data: {"type":"speech.audio.delta","audio":"SUQz"}

					data: {"type":"speech.audio.done","usage":{"input_tokens":1000,"output_tokens":5000,"total_tokens":6000}}

					""")));
		StepVerifier.create(this.client.speech(SpeechRequest.builder("Hello").model("gpt-4o-mini-tts").build())
			.doOnNext(DataBufferUtils::release)
			.then()).expectComplete().verify(TestPipelines.TIMEOUT);
		// 1000 × 0.60 + 5000 × 12.00 per million
		assertThat(cost("speech", "gpt-4o-mini-tts")).isCloseTo(0.0606, within(1e-12));
		assertThat(this.meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().totalAmount())
			.isEqualTo(5000.0);
	}

	@Test
	void diarizedTranscriptionIsPricedPerMinuteOfItsBilledSeconds() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("""
				{"task":"transcribe","duration":42.7,"text":"Hi.","segments":[{"type":"transcript.text.segment","id":"seg_001","start":0.0,"end":42.7,"text":"Hi.","speaker":"A"}],
				 "usage":{"type":"duration","seconds":43}}""")));
		StepVerifier
			.create(this.client.transcribe(
					request().model("gpt-4o-transcribe-diarize").responseFormat(AudioFormat.DIARIZED_JSON).build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		// 43 s at $0.006 a minute
		assertThat(cost("transcription", "gpt-4o-transcribe-diarize")).isCloseTo(0.0043, within(1e-9));
	}

	@Test
	void moderationIsFree() {
		wm.stubFor(post("/v1/moderations").willReturn(okJson(
				"{\"id\":\"modr-1\",\"model\":\"omni-moderation-latest\",\"results\":[{\"flagged\":false,\"categories\":{},\"category_scores\":{},\"category_applied_input_types\":{}}]}")));
		StepVerifier.create(new DefaultModerationClient(this.pipeline, "omni-moderation-latest").moderate("hello"))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(cost("moderation", "omni-moderation-latest")).isZero();
		assertThat(this.meters.get("gen_ai.client.operation").tag("gen_ai.operation.name", "moderation").timer().count())
			.isEqualTo(1);
	}

}
