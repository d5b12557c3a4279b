package io.github.openaiboot.audio;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A transcription or translation read from a {@code json} or {@code verbose_json}
 * response.
 *
 * @param text the text
 * @param task {@code transcribe} or {@code translate} ({@code verbose_json})
 * @param language the detected language, such as {@code english} ({@code verbose_json})
 * @param duration the audio's duration in seconds ({@code verbose_json})
 * @param words the words with their times, when asked for
 * @param segments the segments with their times and statistics ({@code verbose_json})
 * @param logprobs the tokens' log probabilities, when asked for
 * @param usage what the call used: tokens or seconds of audio, when reported
 * @author openai-spring-boot
 */
public record Transcription(String text, @Nullable String task, @Nullable String language,
		@Nullable Double duration, List<Word> words, List<Segment> segments, List<Logprob> logprobs,
		@Nullable TranscriptionUsage usage) {

	/**
	 * Create a transcription.
	 */
	public Transcription {
		text = (text != null) ? text : "";
		words = (words != null) ? List.copyOf(words) : List.of();
		segments = (segments != null) ? List.copyOf(segments) : List.of();
		logprobs = (logprobs != null) ? List.copyOf(logprobs) : List.of();
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

}
