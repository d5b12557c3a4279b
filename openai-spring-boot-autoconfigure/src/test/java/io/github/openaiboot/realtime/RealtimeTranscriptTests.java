package io.github.openaiboot.realtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.StreamErrorException;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Decoding of a session transcript. The transcript ({@code realtime/transcript-ga.jsonl})
 * is not a capture of a real session: it is composed from the example events of OpenAI's
 * Realtime API reference (generally available names, with the beta names of the events
 * that were renamed appended), one event per line.
 */
class RealtimeTranscriptTests {

	private final RealtimeEvents decoder = new RealtimeEvents(OpenAiJson.mapper());

	@Test
	void everyEventOfTheTranscriptDecodesToItsType() throws IOException {
		List<String> lines = new ClassPathResource("realtime/transcript-ga.jsonl")
			.getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.filter((line) -> !line.isBlank())
			.toList();
		List<RealtimeServerEvent> events = lines.stream().map(this.decoder::decode).toList();
		for (RealtimeServerEvent event : events) {
			boolean lifecycle = event.type().startsWith("response.output_item.")
					|| event.type().startsWith("response.content_part.")
					|| event.type().startsWith("conversation.item.") && !event.type().contains("transcription")
					|| event.type().startsWith("output_audio_buffer.") || event.type().equals("response.output_audio.done");
			assertThat(event instanceof RealtimeServerEvent.Other).as(event.type()).isEqualTo(lifecycle);
			assertThat(event.eventId()).as(event.type()).isNotBlank();
		}
		assertThat(events).hasSize(lines.size());
	}

	@Test
	void theFieldsClientsReadAreDecoded() throws IOException {
		List<RealtimeServerEvent> events = new ClassPathResource("realtime/transcript-ga.jsonl")
			.getContentAsString(StandardCharsets.UTF_8)
			.lines()
			.map(this.decoder::decode)
			.toList();
		RealtimeServerEvent.InputAudioTranscription failed = events.stream()
			.filter(RealtimeServerEvent.InputAudioTranscription.class::isInstance)
			.map(RealtimeServerEvent.InputAudioTranscription.class::cast)
			.filter(RealtimeServerEvent.InputAudioTranscription::isFailed)
			.findFirst()
			.orElseThrow();
		assertThat(failed.itemId()).isEqualTo("msg_003");
		assertThat(failed.error().code()).isEqualTo("audio_unintelligible");
		assertThat(failed.error().message()).isEqualTo("The audio could not be transcribed.");
		RealtimeServerEvent.SessionEvent created = first(events, RealtimeServerEvent.SessionEvent.class);
		assertThat(created.session().id()).isEqualTo("sess_C9G5QPteg4UIbotdKLoYQ");
		assertThat(created.session().outputModalities()).containsExactly("audio");
		RealtimeServerEvent.ResponseEvent done = events.stream()
			.filter(RealtimeServerEvent.ResponseEvent.class::isInstance)
			.map(RealtimeServerEvent.ResponseEvent.class::cast)
			.filter(RealtimeServerEvent.ResponseEvent::isDone)
			.findFirst()
			.orElseThrow();
		RealtimeUsage usage = done.response().usage();
		assertThat(usage.inputAudioTokens()).isEqualTo(13);
		assertThat(usage.outputAudioTokens()).isEqualTo(91);
		assertThat(usage.toUsage().cachedTokens()).isEqualTo(64);
		assertThat(usage.toUsage().promptTokens()).isEqualTo(132);
		RealtimeServerEvent.AudioDelta audio = first(events, RealtimeServerEvent.AudioDelta.class);
		assertThat(audio.audio()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
		RealtimeServerEvent.FunctionCallArguments call = events.stream()
			.filter(RealtimeServerEvent.FunctionCallArguments.class::isInstance)
			.map(RealtimeServerEvent.FunctionCallArguments.class::cast)
			.filter(RealtimeServerEvent.FunctionCallArguments::isDone)
			.findFirst()
			.orElseThrow();
		assertThat(call.name()).isEqualTo("get_weather");
		assertThat(call.arguments()).isEqualTo("{\"location\": \"San Francisco\"}");
		RealtimeServerEvent.RateLimitsUpdated limits = first(events, RealtimeServerEvent.RateLimitsUpdated.class);
		assertThat(limits.rateLimits()).extracting(RealtimeServerEvent.RateLimit::remaining)
			.containsExactly(4999L, 39745L);
		RealtimeServerEvent.Error error = first(events, RealtimeServerEvent.Error.class);
		assertThat(error.error().eventId()).isEqualTo("event_567");
		assertThat(error.toException()).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("The 'type' field is missing.");
		assertThat(events).filteredOn(RealtimeServerEvent.TextDelta.class::isInstance)
			.extracting(RealtimeServerEvent::type)
			.contains("response.output_text.delta", "response.text.delta", "response.output_audio_transcript.delta",
					"response.audio_transcript.delta");
	}

	@Test
	void anUnknownTypeIsKeptWithItsJson() {
		RealtimeServerEvent event = this.decoder.decode("{\"type\":\"future.event\",\"event_id\":\"e1\",\"x\":1}");
		assertThat(event).isInstanceOfSatisfying(RealtimeServerEvent.Other.class,
				(other) -> assertThat(other.json().get("x").asInt()).isEqualTo(1));
	}

	@Test
	void textThatIsNotAnEventIsAnInvalidResponse() {
		assertThatExceptionOfType(StreamErrorException.class).isThrownBy(() -> this.decoder.decode("not json"));
		assertThatExceptionOfType(StreamErrorException.class).isThrownBy(() -> this.decoder.decode("{\"a\":1}"));
	}

	private static <T> T first(List<RealtimeServerEvent> events, Class<T> type) {
		return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
	}

}
