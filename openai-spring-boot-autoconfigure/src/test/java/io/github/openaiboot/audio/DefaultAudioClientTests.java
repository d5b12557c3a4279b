package io.github.openaiboot.audio;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link DefaultAudioClient}, against OpenAI's bodies.
 */
class DefaultAudioClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final byte[] AUDIO = "ID3\u0004fake-mp3-frames".getBytes(StandardCharsets.ISO_8859_1);

	private final AudioClient client = new DefaultAudioClient(TestPipelines.pipeline(wm.baseUrl()),
			AudioDefaults.OPENAI);

	private static UploadFile speech() {
		return UploadFile.of(new ByteArrayResource(AUDIO), "speech.mp3");
	}

	@Test
	void transcribeSendsThePartsAsTheSdksDoAndReadsVerboseJson() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("""
				{"task":"transcribe","language":"english","duration":8.470000267028809,
				 "text":"The beach was a popular spot on a hot summer day.",
				 "words":[{"word":"The","start":0.0,"end":0.2399999},{"word":"beach","start":0.2399999,"end":0.5}],
				 "segments":[{"id":0,"seek":0,"start":0.0,"end":3.319999933242798,"text":" The beach was a popular spot on a hot summer day.",
				   "tokens":[50364,440,7534],"temperature":0.0,"avg_logprob":-0.2860786020755768,
				   "compression_ratio":1.2363636493682861,"no_speech_prob":0.00985979475080967}],
				 "usage":{"type":"duration","seconds":9}}""")));
		TranscriptionRequest request = TranscriptionRequest.builder(speech())
			.language("en")
			.responseFormat(AudioFormat.VERBOSE_JSON)
			.timestampGranularities("word", "segment")
			.temperature(0.2)
			.build();
		StepVerifier.create(this.client.transcribe(request)).assertNext((transcription) -> {
			assertThat(transcription.text()).startsWith("The beach");
			assertThat(transcription.language()).isEqualTo("english");
			assertThat(transcription.duration()).isEqualTo(8.470000267028809);
			assertThat(transcription.words()).extracting(Transcription.Word::word).containsExactly("The", "beach");
			assertThat(transcription.segments()).singleElement()
				.satisfies((segment) -> assertThat(segment.noSpeechProb()).isEqualTo(0.00985979475080967));
			assertThat(transcription.usage().isTokens()).isFalse();
			assertThat(transcription.usage().seconds()).isEqualTo(9.0);
		}).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))
			.withHeader("Content-Type", containing("multipart/form-data"))
			.withRequestBodyPart(aMultipart().withName("file")
				.withHeader("Content-Disposition", containing("filename=\"speech.mp3\""))
				.withHeader("Content-Type", equalTo("audio/mpeg"))
				.withBody(binaryEqualTo(AUDIO))
				.build())
			.withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("whisper-1")).build())
			.withRequestBodyPart(aMultipart().withName("language").withBody(equalTo("en")).build())
			.withRequestBodyPart(aMultipart().withName("response_format").withBody(equalTo("verbose_json")).build())
			.withRequestBodyPart(aMultipart().withName("timestamp_granularities[]").withBody(equalTo("word")).build())
			.withRequestBodyPart(
					aMultipart().withName("timestamp_granularities[]").withBody(equalTo("segment")).build())
			.withRequestBodyPart(aMultipart().withName("temperature").withBody(equalTo("0.2")).build()));
	}

	@Test
	void transcribeReadsJsonWithTokenUsage() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("""
				{"text":"Imagine the wildest idea that you've ever had.",
				 "usage":{"type":"tokens","input_tokens":14,"input_token_details":{"text_tokens":0,"audio_tokens":14},"output_tokens":45,"total_tokens":59}}""")));
		StepVerifier.create(this.client.transcribe(
				TranscriptionRequest.builder(speech()).model(AudioFormat.GPT_4O_TRANSCRIBE).include("logprobs").build()))
			.assertNext((transcription) -> {
				assertThat(transcription.usage().isTokens()).isTrue();
				assertThat(transcription.usage().toUsage().promptTokens()).isEqualTo(14);
				assertThat(transcription.usage().toUsage().completionTokens()).isEqualTo(45);
				assertThat(transcription.usage().inputTokenDetails().audioTokens()).isEqualTo(14);
			})
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))
			.withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("gpt-4o-transcribe")).build())
			.withRequestBodyPart(aMultipart().withName("include[]").withBody(equalTo("logprobs")).build()));
	}

	@Test
	void textFormatsAreReadAsText() {
		String srt = "1\n00:00:00,000 --> 00:00:03,320\nThe beach was a popular spot on a hot summer day.\n\n";
		wm.stubFor(post("/v1/audio/translations")
			.willReturn(aResponse().withHeader("Content-Type", "text/plain; charset=utf-8").withBody(srt)));
		StepVerifier.create(this.client
			.translate(TranscriptionRequest.builder(speech()).responseFormat(AudioFormat.SRT).language("de").build()))
			.assertNext((translation) -> assertThat(translation.text()).isEqualTo(srt))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/audio/translations"))
			.withRequestBodyPart(aMultipart().withName("response_format").withBody(equalTo("srt")).build()));
		// a translation sends no language: it always translates into English
		assertThat(wm.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("name=\"language\"");
	}

	@Test
	void transcribeStreamReadsTypedEventsUntilDone() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody("""
					data: {"type":"transcript.text.delta","delta":"I","logprobs":[{"token":"I","logprob":-0.00007,"bytes":[73]}]}

					data: {"type":"transcript.text.delta","delta":" see","logprobs":[{"token":" see","logprob":-3.1e-7,"bytes":[32,115,101,101]}]}

					data: {"type":"transcript.text.done","text":"I see","usage":{"type":"tokens","input_tokens":14,"input_token_details":{"text_tokens":10,"audio_tokens":4},"output_tokens":31,"total_tokens":45}}

					""")));
		StepVerifier.create(this.client.transcribeStream(
				TranscriptionRequest.builder(speech()).model(AudioFormat.GPT_4O_MINI_TRANSCRIBE).build()))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(TranscriptionEvent.Delta.class,
					(delta) -> assertThat(delta.delta()).isEqualTo("I")))
			.assertNext((event) -> assertThat(event).isInstanceOf(TranscriptionEvent.Delta.class))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(TranscriptionEvent.Done.class,
					(done) -> assertThat(done.usage().totalTokens()).isEqualTo(45)))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))
			.withRequestBodyPart(aMultipart().withName("stream").withBody(equalTo("true")).build()));
	}

	@Test
	void whisperStreamingIsRefusedBeforeAnythingIsSent() {
		StepVerifier.create(this.client.transcribeStream(TranscriptionRequest.builder(speech()).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("whisper-1 does not stream"))
			.verify(TIMEOUT);
		wm.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void speechSendsJsonAndWritesTheAudioToAPath(@TempDir Path dir) throws Exception {
		byte[] mp3 = new byte[100_000];
		for (int i = 0; i < mp3.length; i++) {
			mp3[i] = (byte) i;
		}
		wm.stubFor(post("/v1/audio/speech")
			.willReturn(aResponse().withHeader("Content-Type", "audio/mpeg").withBody(mp3)));
		Path target = dir.resolve("answer.mp3");
		StepVerifier
			.create(this.client.speech(SpeechRequest.builder("Today is a wonderful day to build something people love!")
				.voice(Voice.CORAL)
				.responseFormat(AudioFormat.OPUS)
				.speed(1.25)
				.build(), target))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(Files.readAllBytes(target)).isEqualTo(mp3);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("tts-1");
		assertThat(body.get("voice").asString()).isEqualTo("coral");
		assertThat(body.get("response_format").asString()).isEqualTo("opus");
		assertThat(body.get("speed").asDouble()).isEqualTo(1.25);
		assertThat(body.get("input").asString()).startsWith("Today is");
	}

	@Test
	void diarizedJsonIsReadAsSpeakerSegmentsAndTheKnownSpeakersAndChunkingAreSentAsTheSdksDo() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("""
				{"task":"transcribe","duration":42.7,"text":"Agent: Thanks for calling OpenAI support. Customer: Hi, I need help with diarization.",
				 "segments":[
				  {"type":"transcript.text.segment","id":"seg_001","start":0.0,"end":5.2,"text":"Thanks for calling OpenAI support.","speaker":"agent"},
				  {"type":"transcript.text.segment","id":"seg_002","start":5.2,"end":12.8,"text":"Hi, I need help with diarization.","speaker":"A"}],
				 "usage":{"type":"duration","seconds":43}}""")));
		byte[] voice = { 'R', 'I', 'F', 'F', 1, 2, 3 };
		TranscriptionRequest request = TranscriptionRequest.builder(speech())
			.model(AudioFormat.GPT_4O_TRANSCRIBE_DIARIZE)
			.responseFormat(AudioFormat.DIARIZED_JSON)
			.knownSpeaker("agent", voice, "audio/wav")
			.build();
		StepVerifier.create(this.client.transcribe(request)).assertNext((transcription) -> {
			assertThat(transcription.duration()).isEqualTo(42.7);
			assertThat(transcription.segments()).isEmpty();
			assertThat(transcription.speakerSegments()).extracting(Transcription.SpeakerSegment::id,
					Transcription.SpeakerSegment::speaker, Transcription.SpeakerSegment::end)
				.containsExactly(tuple("seg_001", "agent", 5.2), tuple("seg_002", "A", 12.8));
			assertThat(transcription.conversation())
				.isEqualTo("agent: Thanks for calling OpenAI support.\nA: Hi, I need help with diarization.");
			assertThat(transcription.usage().seconds()).isEqualTo(43.0);
		}).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))
			.withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("gpt-4o-transcribe-diarize")).build())
			.withRequestBodyPart(aMultipart().withName("response_format").withBody(equalTo("diarized_json")).build())
			.withRequestBodyPart(aMultipart().withName("known_speaker_names[]").withBody(equalTo("agent")).build())
			.withRequestBodyPart(aMultipart().withName("known_speaker_references[]")
				.withBody(equalTo("data:audio/wav;base64,UklGRgECAw=="))
				.build())
			// not set, so sent as auto: OpenAI requires a strategy for diarized audio over 30 seconds
			.withRequestBodyPart(aMultipart().withName("chunking_strategy").withBody(equalTo("auto")).build()));
	}

	@Test
	void aServerVadChunkingStrategyIsSentAsNestedFields() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("{\"text\":\"hi\"}")));
		TranscriptionRequest request = TranscriptionRequest.builder(speech())
			.model(AudioFormat.GPT_4O_TRANSCRIBE)
			.chunkingStrategy(ChunkingStrategy.serverVad(300, 500, 0.6))
			.build();
		StepVerifier.create(this.client.transcribe(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions"))
			.withRequestBodyPart(
					aMultipart().withName("chunking_strategy[type]").withBody(equalTo("server_vad")).build())
			.withRequestBodyPart(
					aMultipart().withName("chunking_strategy[prefix_padding_ms]").withBody(equalTo("300")).build())
			.withRequestBodyPart(
					aMultipart().withName("chunking_strategy[silence_duration_ms]").withBody(equalTo("500")).build())
			.withRequestBodyPart(
					aMultipart().withName("chunking_strategy[threshold]").withBody(equalTo("0.6")).build()));
		assertThat(wm.getAllServeEvents().get(0).getRequest().getBodyAsString())
			.doesNotContain("name=\"chunking_strategy\"\r");
	}

	@Test
	void aTranscriptionWithoutADiarizationModelSendsNoChunkingStrategy() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(okJson("{\"text\":\"hi\"}")));
		StepVerifier.create(this.client.transcribe(TranscriptionRequest.builder(speech()).build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(wm.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("chunking_strategy");
	}

	@Test
	void badKnownSpeakersAreRefused() {
		TranscriptionRequest.Builder five = TranscriptionRequest.builder(speech());
		for (int i = 0; i < 5; i++) {
			five.knownSpeaker("s" + i, "data:audio/wav;base64,AA==");
		}
		assertThatIllegalArgumentException().isThrownBy(five::build)
			.withMessageContaining("at most 4 known speakers but had 5");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TranscriptionRequest.builder(speech()).knownSpeaker("agent", "https://x/a.wav").build())
			.withMessageContaining("must be a data URL");
		assertThatIllegalArgumentException().isThrownBy(() -> ChunkingStrategy.serverVad(null, null, 1.5))
			.withMessageContaining("'threshold' must be between 0 and 1 but was 1.5");
	}

	@Test
	void speechEventsAreDecodedAndEndWithTheTokensUsed() {
		wm.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("""
					data: {"type":"speech.audio.delta","audio":"SUQzBAAAAAAA"}

					data: {"type":"speech.audio.delta","audio":"AQID"}

					data: {"type":"speech.audio.done","usage":{"input_tokens":14,"output_tokens":101,"total_tokens":115}}

					""")));
		StepVerifier
			.create(this.client.speechEvents(SpeechRequest.builder("Hello").model(AudioFormat.GPT_4O_MINI_TTS).build()))
			.assertNext((event) -> assertThat(((SpeechEvent.Delta) event).audioBytes()).startsWith('I', 'D', '3'))
			.assertNext((event) -> assertThat(((SpeechEvent.Delta) event).audioBytes()).containsExactly(1, 2, 3))
			.assertNext((event) -> assertThat(((SpeechEvent.Done) event).usage())
				.isEqualTo(new SpeechUsage(14, 101, 115)))
			.expectComplete()
			.verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("stream_format").asString()).isEqualTo("sse");
		assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini-tts");
	}

	@Test
	void speechOfAModelPricedPerTokenIsAskedForAsEventsAndReturnedAsItsAudio(@TempDir Path dir) throws Exception {
		wm.stubFor(post("/v1/audio/speech").willReturn(aResponse().withHeader("Content-Type", "text/event-stream")
			.withBody("""
					data: {"type":"speech.audio.delta","audio":"SUQz"}

					data: {"type":"speech.audio.delta","audio":"AQID"}

					data: {"type":"speech.audio.done","usage":{"input_tokens":2,"output_tokens":20,"total_tokens":22}}

					""")));
		Path target = dir.resolve("answer.mp3");
		StepVerifier
			.create(this.client.speech(SpeechRequest.builder("Hello").model("gpt-4o-mini-tts-2025-12-15").build(),
					target))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(Files.readAllBytes(target)).containsExactly('I', 'D', '3', 1, 2, 3);
		assertThat(TestPipelines.onlyRequestBody(wm).get("stream_format").asString()).isEqualTo("sse");
	}

	@Test
	void speechFollowsTheConfiguredStreamFormatUnlessTheRequestSetsOne() {
		wm.stubFor(post("/v1/audio/speech")
			.willReturn(aResponse().withHeader("Content-Type", "audio/mpeg").withBody(new byte[] { 1, 2 })));
		AudioClient bytes = new DefaultAudioClient(TestPipelines.pipeline(wm.baseUrl()),
				new AudioDefaults("whisper-1", "gpt-4o-mini-tts", "alloy", SpeechStreamFormat.AUDIO));
		StepVerifier.create(bytes.speech(SpeechRequest.builder("Hello").build()).map(DataBuffer::readableByteCount))
			.expectNext(2)
			.expectComplete()
			.verify(TIMEOUT);
		// tts-1 under auto: the bytes, never events, which tts-1 does not stream
		StepVerifier.create(this.client.speech(SpeechRequest.builder("Hello").build()).then())
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(wm.getAllServeEvents()).extracting((event) -> event.getRequest().getBodyAsString())
			.allSatisfy((request) -> assertThat(request).doesNotContain("stream_format"));
	}

	@Test
	void speechEventsOfATtsModelAreRefusedBeforeAnythingIsSent() {
		StepVerifier.create(this.client.speechEvents(SpeechRequest.builder("Hello").model("tts-1-hd").build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("tts-1-hd does not stream speech as events"))
			.verify(TIMEOUT);
		StepVerifier
			.create(this.client.speech(SpeechRequest.builder("Hello").streamFormat(AudioFormat.STREAM_SSE).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("tts-1 does not stream speech as events"))
			.verify(TIMEOUT);
		wm.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void anErrorIsTyped() {
		wm.stubFor(post("/v1/audio/transcriptions").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":{"message":"Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']","type":"invalid_request_error","param":null,"code":"unsupported_value"}}""")));
		StepVerifier.create(this.client.transcribe(TranscriptionRequest.builder(speech()).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("Invalid file format"))
			.verify(TIMEOUT);
	}

	@Test
	void aFileOverTwentyFiveMegabytesIsRefusedBeforeAnythingIsSent(@TempDir Path dir) throws Exception {
		Path big = dir.resolve("meeting.wav");
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			file.setLength(AudioClient.MAX_UPLOAD_BYTES + 1);
		}
		StepVerifier.create(this.client.transcribe(TranscriptionRequest.builder(big).build()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'meeting.wav' is 26214401 bytes, more than the 25 MB"))
			.verify(TIMEOUT);
		wm.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void badSpeechInputIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SpeechRequest.builder("x".repeat(4097)).build())
			.withMessageContaining("at most 4096 characters but was 4097");
		assertThatIllegalArgumentException().isThrownBy(() -> SpeechRequest.builder("hi").speed(5.0).build())
			.withMessageContaining("'speed'");
		assertThat(List.of(Voice.ALLOY, Voice.MARIN, Voice.CEDAR)).doesNotContainNull();
	}

}
