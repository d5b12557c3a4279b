package io.github.openaiboot.simulator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.AudioFormat;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.TranscriptionEvent;
import io.github.openaiboot.audio.TranscriptionRequest;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.file.FileListRequest;
import io.github.openaiboot.file.FilePurpose;
import io.github.openaiboot.file.FileUpload;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.file.OpenAiFile;
import io.github.openaiboot.moderation.ModerationCategory;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.moderation.ModerationInput;
import io.github.openaiboot.moderation.ModerationRequest;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audio, moderation and files clients against the simulator.
 */
class SimulatorAudioModerationFilesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder());

	private final ApplicationContextRunner contextRunner = SimulatorContexts.clientsRetryingFast(openai);

	private void run(Consumer<AssertableApplicationContext> test) {
		this.contextRunner.run(test::accept);
	}

	private static UploadFile audio() {
		return UploadFile.of(new ByteArrayResource(new byte[48_000]), "hello.wav");
	}

	@Test
	void transcribesInEveryResponseFormat() {
		run((context) -> {
			AudioClient client = context.getBean(AudioClient.class);
			StepVerifier.create(client.transcribe(TranscriptionRequest.builder(audio())
				.responseFormat(AudioFormat.VERBOSE_JSON)
				.timestampGranularities("word")
				.build())).assertNext((transcription) -> {
					assertThat(transcription.text()).startsWith("The quick brown fox");
					assertThat(transcription.duration()).isEqualTo(3.0);
					assertThat(transcription.words()).hasSize(9);
					assertThat(transcription.usage().seconds()).isEqualTo(3.0);
				}).expectComplete().verify(TIMEOUT);
			for (String format : new String[] { AudioFormat.TEXT, AudioFormat.SRT, AudioFormat.VTT }) {
				StepVerifier.create(client.transcribe(TranscriptionRequest.builder(audio()).responseFormat(format).build()))
					.assertNext((transcription) -> assertThat(transcription.text()).contains("lazy dog")
						.satisfies((text) -> assertThat(text.startsWith("WEBVTT")).isEqualTo(format.equals("vtt")))
						.satisfies((text) -> assertThat(text.contains("-->")).isEqualTo(!format.equals("text"))))
					.expectComplete()
					.verify(TIMEOUT);
			}
			StepVerifier.create(client.translate(TranscriptionRequest.builder(audio()).build()))
				.assertNext((translation) -> assertThat(translation.text()).isNotBlank())
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(openai.simulator().requestCount(Endpoint.AUDIO)).isEqualTo(5);
		});
	}

	@Test
	void streamsTranscriptionEventsForGpt4oModels() {
		run((context) -> StepVerifier.create(context.getBean(AudioClient.class)
			.transcribeStream(TranscriptionRequest.builder(audio()).model(AudioFormat.GPT_4O_MINI_TRANSCRIBE).build())
			.collectList()).assertNext((events) -> {
				assertThat(events).hasSize(10);
				assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(TranscriptionEvent.Done.class,
						(done) -> assertThat(done.text()).isEqualTo("The quick brown fox jumps over the lazy dog."));
			}).expectComplete().verify(TIMEOUT));
	}

	@Test
	void speaksInTheRequestedFormat(@TempDir Path dir) {
		run((context) -> {
			Path wav = dir.resolve("answer.wav");
			StepVerifier.create(context.getBean(AudioClient.class)
				.speech(SpeechRequest.builder("Hello there").responseFormat(AudioFormat.WAV).build(), wav))
				.expectComplete()
				.verify(TIMEOUT);
			byte[] bytes = readAll(wav);
			assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
			assertThat(new String(bytes, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WAVE");
			StepVerifier.create(DataBufferUtils.join(context.getBean(AudioClient.class)
				.speech(SpeechRequest.builder("Hello").build())).map((buffer) -> {
					byte[] head = new byte[3];
					buffer.read(head);
					DataBufferUtils.release(buffer);
					return new String(head, StandardCharsets.US_ASCII);
				})).expectNext("ID3").expectComplete().verify(TIMEOUT);
		});
	}

	@Test
	void audioFaultsApply() {
		openai.simulator().inject(SimulatedFault.insufficientQuota()).on(Endpoint.AUDIO).times(1);
		run((context) -> StepVerifier.create(context.getBean(AudioClient.class)
			.transcribe(TranscriptionRequest.builder(audio()).build()))
			.expectError(QuotaExceededException.class)
			.verify(TIMEOUT));
	}

	@Test
	void aStreamedUploadIsNotRetriedAfterAServerError() {
		openai.simulator().inject(SimulatedFault.overloaded()).on(Endpoint.AUDIO).times(1);
		run((context) -> {
			Flux<org.springframework.core.io.buffer.DataBuffer> content = Flux
				.just(org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(new byte[100]));
			StepVerifier.create(context.getBean(AudioClient.class)
				.transcribe(TranscriptionRequest.builder(UploadFile.of(content, "a.wav")).build()))
				.expectError()
				.verify(TIMEOUT);
			assertThat(openai.simulator().requestCount(Endpoint.AUDIO)).isEqualTo(1);
			// a resource is retried after the same fault
			openai.simulator().inject(SimulatedFault.overloaded()).on(Endpoint.AUDIO).times(1);
			StepVerifier.create(context.getBean(AudioClient.class).transcribe(TranscriptionRequest.builder(audio()).build()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(openai.simulator().requestCount(Endpoint.AUDIO)).isEqualTo(3);
		});
	}

	@Test
	void moderatesTextAndImages() {
		run((context) -> {
			ModerationClient client = context.getBean(ModerationClient.class);
			StepVerifier.create(client.moderate("I will kill them all")).assertNext((result) -> {
				assertThat(result.flagged()).isTrue();
				assertThat(result.isFlagged(ModerationCategory.VIOLENCE)).isTrue();
				assertThat(result.categories()).hasSize(13);
			}).expectComplete().verify(TIMEOUT);
			StepVerifier.create(client.moderate(ModerationRequest.of(ModerationInput.text("a sunset"),
					ModerationInput.imageUrl("data:image/png;base64,iVBORw0KGgo="))))
				.assertNext((response) -> {
					assertThat(response.flagged()).isFalse();
					assertThat(response.results().get(0).categoryAppliedInputTypes().get("violence"))
						.containsExactly("text", "image");
					assertThat(response.results().get(0).categoryAppliedInputTypes().get("hate"))
						.containsExactly("text");
				})
				.expectComplete()
				.verify(TIMEOUT);
		});
	}

	@Test
	void uploadsListsRetrievesDownloadsAndDeletesFiles() {
		run((context) -> {
			FilesClient files = context.getBean(FilesClient.class);
			for (int i = 1; i <= 3; i++) {
				byte[] content = ("{\"line\":" + i + "}\n").getBytes(StandardCharsets.UTF_8);
				StepVerifier.create(files.upload(FileUpload.of(UploadFile.of(new ByteArrayResource(content), "f" + i + ".jsonl"),
						(i == 3) ? FilePurpose.FINE_TUNE : FilePurpose.BATCH)))
					.assertNext((file) -> assertThat(file.bytes()).isEqualTo(content.length))
					.expectComplete()
					.verify(TIMEOUT);
			}
			long before = openai.simulator().requestCount(Endpoint.FILES);
			StepVerifier.create(files.list(FileListRequest.builder().limit(1).build()).map(OpenAiFile::filename))
				.expectNext("f3.jsonl", "f2.jsonl", "f1.jsonl")
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(openai.simulator().requestCount(Endpoint.FILES) - before).isEqualTo(3);
			StepVerifier.create(files.list(FileListRequest.builder().purpose("batch").order("asc").build())
				.map(OpenAiFile::filename)).expectNext("f1.jsonl", "f2.jsonl").expectComplete().verify(TIMEOUT);
			String id = openai.simulator().fileIds().get(0);
			StepVerifier.create(DataBufferUtils.join(files.content(id)).map((buffer) -> {
				String text = buffer.toString(StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				return text;
			})).expectNext("{\"line\":1}\n").expectComplete().verify(TIMEOUT);
			StepVerifier.create(files.delete(id))
				.assertNext((deletion) -> assertThat(deletion.deleted()).isTrue())
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(files.retrieve(id))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("No such File object"))
				.verify(TIMEOUT);
		});
	}

	private static byte[] readAll(Path path) {
		try {
			return Files.readAllBytes(path);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
