package io.github.openaiboot.simulator;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.AudioFormat;
import io.github.openaiboot.audio.SpeechEvent;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.Transcription;
import io.github.openaiboot.audio.TranscriptionEvent;
import io.github.openaiboot.audio.TranscriptionRequest;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diarized transcription and speech streamed as events, against the simulator.
 */
class SimulatorDiarizationAndSpeechEventsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder());

	private final ApplicationContextRunner contextRunner = SimulatorContexts.clientsRetryingFast(openai);

	private void run(Consumer<AssertableApplicationContext> test) {
		this.contextRunner.run(test::accept);
	}

	// the simulator hears a second of audio per 16,000 bytes: 31 s needs a chunking strategy
	private static UploadFile seconds(int seconds) {
		return UploadFile.of(new ByteArrayResource(new byte[seconds * 16_000]), "call.wav");
	}

	@Test
	void aDiarizedTranscriptionOfMoreThanThirtySecondsLabelsTheKnownSpeakers() {
		run((context) -> {
			TranscriptionRequest request = TranscriptionRequest.builder(seconds(31))
				.model(AudioFormat.GPT_4O_TRANSCRIBE_DIARIZE)
				.responseFormat(AudioFormat.DIARIZED_JSON)
				.knownSpeaker("agent", new byte[] { 1, 2, 3 }, "audio/wav")
				.knownSpeaker("customer", new byte[] { 4, 5, 6 }, "audio/wav")
				.build();
			StepVerifier.create(context.getBean(AudioClient.class).transcribe(request))
				.assertNext((transcription) -> {
					assertThat(transcription.speakerSegments()).extracting(Transcription.SpeakerSegment::speaker)
						.containsExactly("agent", "customer", "agent");
					assertThat(transcription.speakerSegments().get(0).id()).isEqualTo("seg_001");
					assertThat(transcription.conversation()).startsWith("agent: Thanks for calling");
					assertThat(transcription.usage().seconds()).isEqualTo(31.0);
				})
				.expectComplete()
				.verify(TIMEOUT);
		});
	}

	@Test
	void aStreamedDiarizationSendsSegmentEvents() {
		run((context) -> StepVerifier.create(context.getBean(AudioClient.class)
			.transcribeStream(
					TranscriptionRequest.builder(seconds(3)).model(AudioFormat.GPT_4O_TRANSCRIBE_DIARIZE).build())
			.ofType(TranscriptionEvent.Segment.class)
			.map(TranscriptionEvent.Segment::speaker)).expectNext("A", "B", "A").expectComplete().verify(TIMEOUT));
	}

	@Test
	void speechAsEventsCarriesTheSameAudioAsTheBytesAndEndsWithTheTokensUsed() {
		run((context) -> {
			AudioClient audio = context.getBean(AudioClient.class);
			SpeechRequest.Builder request = SpeechRequest.builder("Hello there, how are you today?")
				.model(AudioFormat.GPT_4O_MINI_TTS)
				.responseFormat(AudioFormat.WAV);
			byte[] asBytes = bytes(audio.speech(request.streamFormat(AudioFormat.STREAM_AUDIO).build()));
			byte[] asEvents = bytes(audio.speech(request.streamFormat(null).build()));
			assertThat(asEvents).hasSizeGreaterThan(10_000).isEqualTo(asBytes);
			StepVerifier.create(audio.speechEvents(request.build()).last())
				.assertNext((last) -> assertThat(((SpeechEvent.Done) last).usage().outputTokens()).isPositive())
				.expectComplete()
				.verify(TIMEOUT);
		});
	}

	private static byte[] bytes(reactor.core.publisher.Flux<DataBuffer> audio) {
		return DataBufferUtils.join(audio).flatMap((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return Mono.just(bytes);
		}).block(TIMEOUT);
	}

}
