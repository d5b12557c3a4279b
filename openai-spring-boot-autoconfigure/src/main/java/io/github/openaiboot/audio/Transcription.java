package io.github.openaiboot.audio;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A transcription or translation read from a {@code json}, {@code verbose_json} or
 * {@code diarized_json} response.
 *
 * @param text the text
 * @param task {@code transcribe} or {@code translate} ({@code verbose_json})
 * @param language the detected language, such as {@code english} ({@code verbose_json})
 * @param duration the audio's duration in seconds ({@code verbose_json})
 * @param words the words with their times, when asked for
 * @param segments the segments with their times and statistics ({@code verbose_json})
 * @param logprobs the tokens' log probabilities, when asked for
 * @param usage what the call used: tokens or seconds of audio, when reported
 * @param speakerSegments the segments labelled by speaker ({@code diarized_json})
 * @author openai-spring-boot
 */
public record Transcription(String text, @Nullable String task, @Nullable String language,
		@Nullable Double duration, List<Word> words, List<Segment> segments, List<Logprob> logprobs,
		@Nullable TranscriptionUsage usage, List<SpeakerSegment> speakerSegments) {

	/**
	 * Create a transcription.
	 */
	public Transcription {
		text = (text != null) ? text : "";
		words = (words != null) ? List.copyOf(words) : List.of();
		segments = (segments != null) ? List.copyOf(segments) : List.of();
		logprobs = (logprobs != null) ? List.copyOf(logprobs) : List.of();
		speakerSegments = (speakerSegments != null) ? List.copyOf(speakerSegments) : List.of();
	}

	/**
	 * Create a transcription without speaker segments.
	 * @param text the text
	 * @param task the task
	 * @param language the detected language
	 * @param duration the duration in seconds
	 * @param words the words
	 * @param segments the segments
	 * @param logprobs the log probabilities
	 * @param usage what the call used
	 */
	public Transcription(String text, @Nullable String task, @Nullable String language, @Nullable Double duration,
			List<Word> words, List<Segment> segments, List<Logprob> logprobs, @Nullable TranscriptionUsage usage) {
		this(text, task, language, duration, words, segments, logprobs, usage, null);
	}

	/**
	 * Read a transcription from any of OpenAI's JSON response formats: the segments of
	 * a {@code diarized_json} response (string ids, a speaker) become speaker segments,
	 * those of {@code verbose_json} segments.
	 */
	@JsonCreator
	static Transcription fromJson(@JsonProperty("text") @Nullable String text,
			@JsonProperty("task") @Nullable String task, @JsonProperty("language") @Nullable String language,
			@JsonProperty("duration") @Nullable Double duration, @JsonProperty("words") @Nullable List<Word> words,
			@JsonProperty("segments") @Nullable List<AnySegment> segments,
			@JsonProperty("logprobs") @Nullable List<Logprob> logprobs,
			@JsonProperty("usage") @Nullable TranscriptionUsage usage) {
		List<Segment> whisper = new ArrayList<>();
		List<SpeakerSegment> speakers = new ArrayList<>();
		if (segments != null) {
			for (AnySegment segment : segments) {
				if (segment.isSpeakerSegment()) {
					speakers.add(new SpeakerSegment(segment.idText(), segment.start(), segment.end(), segment.text(),
							segment.speaker()));
				}
				else {
					whisper.add(segment.toSegment());
				}
			}
		}
		return new Transcription(text, task, language, duration, words, whisper, logprobs, usage, speakers);
	}

	/**
	 * Return the transcription as the lines of a conversation, one per speaker segment,
	 * such as {@code "agent: Thanks for calling."}; the text when there are no speaker
	 * segments.
	 * @return the conversation
	 */
	public String conversation() {
		if (this.speakerSegments.isEmpty()) {
			return this.text;
		}
		StringBuilder conversation = new StringBuilder();
		for (SpeakerSegment segment : this.speakerSegments) {
			if (conversation.length() > 0) {
				conversation.append('\n');
			}
			conversation.append(segment.speaker()).append(": ").append(segment.text().strip());
		}
		return conversation.toString();
	}

	/**
	 * A segment of a diarized transcription: who speaks, when, and what.
	 *
	 * @param id its id, such as {@code seg_001}
	 * @param start start time in seconds
	 * @param end end time in seconds
	 * @param text its text
	 * @param speaker who speaks: a known speaker's name, or a label such as {@code A}
	 */
	public record SpeakerSegment(@Nullable String id, double start, double end, String text, String speaker) {

		/**
		 * Create a segment.
		 */
		public SpeakerSegment {
			text = (text != null) ? text : "";
			speaker = (speaker != null) ? speaker : "";
		}

	}

	/**
	 * A word and when it is spoken.
	 *
	 * @param word the word
	 * @param start start time in seconds
	 * @param end end time in seconds
	 */
	public record Word(String word, double start, double end) {

	}

	/**
	 * A segment of the transcription.
	 *
	 * @param id its index
	 * @param seek seek offset
	 * @param start start time in seconds
	 * @param end end time in seconds
	 * @param text its text
	 * @param tokens its token ids
	 * @param temperature the temperature it was decoded at
	 * @param avgLogprob average log probability of its tokens
	 * @param compressionRatio compression ratio
	 * @param noSpeechProb probability that it holds no speech
	 */
	public record Segment(int id, int seek, double start, double end, String text, @Nullable List<Integer> tokens,
			double temperature, double avgLogprob, double compressionRatio, double noSpeechProb) {

	}

	/**
	 * The log probability of a token.
	 *
	 * @param token the token
	 * @param logprob its log probability
	 * @param bytes its bytes
	 */
	public record Logprob(String token, double logprob, @Nullable List<Integer> bytes) {

	}

	/**
	 * A segment as either response format sends it.
	 */
	record AnySegment(@Nullable Object id, @Nullable String type, @Nullable Integer seek, double start, double end,
			@Nullable String text, @Nullable List<Integer> tokens, @Nullable Double temperature,
			@Nullable Double avgLogprob, @Nullable Double compressionRatio, @Nullable Double noSpeechProb,
			@Nullable String speaker) {

		boolean isSpeakerSegment() {
			return this.speaker != null || "transcript.text.segment".equals(this.type)
					|| (this.id instanceof String && !isNumber((String) this.id));
		}

		@Nullable String idText() {
			return (this.id != null) ? String.valueOf(this.id) : null;
		}

		Segment toSegment() {
			int number = (this.id instanceof Number value) ? value.intValue()
					: (this.id instanceof String value && isNumber(value)) ? Integer.parseInt(value) : 0;
			return new Segment(number, (this.seek != null) ? this.seek : 0, this.start, this.end,
					(this.text != null) ? this.text : "", this.tokens, orZero(this.temperature),
					orZero(this.avgLogprob), orZero(this.compressionRatio), orZero(this.noSpeechProb));
		}

		private static double orZero(@Nullable Double value) {
			return (value != null) ? value : 0;
		}

		private static boolean isNumber(String value) {
			return !value.isEmpty() && value.length() < 10 && value.chars().allMatch(Character::isDigit);
		}

	}

}
