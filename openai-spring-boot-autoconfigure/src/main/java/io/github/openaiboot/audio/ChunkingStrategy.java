package io.github.openaiboot.audio;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a transcription model cuts long audio into chunks ({@code chunking_strategy}):
 * {@link #AUTO automatically}, or by {@link #serverVad(Integer, Integer, Double) voice
 * activity detection} with the given settings. OpenAI requires one for
 * {@code gpt-4o-transcribe-diarize} inputs longer than 30 seconds.
 *
 * @param type {@code auto} or {@code server_vad}
 * @param prefixPaddingMs audio kept before detected speech, in milliseconds
 * ({@code server_vad}; OpenAI's default is 300)
 * @param silenceDurationMs silence that ends a chunk, in milliseconds
 * ({@code server_vad}; OpenAI's default is 200)
 * @param threshold voice activity threshold, 0 to 1 ({@code server_vad}; OpenAI's default
 * is 0.5)
 * @author openai-spring-boot
 */
public record ChunkingStrategy(String type, @Nullable Integer prefixPaddingMs, @Nullable Integer silenceDurationMs,
		@Nullable Double threshold) {

	/**
	 * Let the server normalize loudness and choose the chunk boundaries.
	 */
	public static final ChunkingStrategy AUTO = new ChunkingStrategy("auto", null, null, null);

	/**
	 * Create a strategy.
	 */
	public ChunkingStrategy {
		Objects.requireNonNull(type, "A chunking strategy needs a type");
		if (prefixPaddingMs != null && prefixPaddingMs < 0) {
			throw new IllegalArgumentException("'prefixPaddingMs' must not be negative but was " + prefixPaddingMs);
		}
		if (silenceDurationMs != null && silenceDurationMs < 0) {
			throw new IllegalArgumentException(
					"'silenceDurationMs' must not be negative but was " + silenceDurationMs);
		}
		if (threshold != null && (threshold < 0 || threshold > 1)) {
			throw new IllegalArgumentException("'threshold' must be between 0 and 1 but was " + threshold);
		}
	}

	/**
	 * Chunk by the server's voice activity detection with OpenAI's default settings.
	 * @return the strategy
	 */
	public static ChunkingStrategy serverVad() {
		return new ChunkingStrategy("server_vad", null, null, null);
	}

	/**
	 * Chunk by the server's voice activity detection.
	 * @param prefixPaddingMs audio kept before detected speech, in milliseconds, or
	 * {@code null} for OpenAI's default
	 * @param silenceDurationMs silence that ends a chunk, in milliseconds, or
	 * {@code null} for OpenAI's default
	 * @param threshold voice activity threshold, 0 to 1, or {@code null} for OpenAI's
	 * default
	 * @return the strategy
	 */
	public static ChunkingStrategy serverVad(@Nullable Integer prefixPaddingMs, @Nullable Integer silenceDurationMs,
			@Nullable Double threshold) {
		return new ChunkingStrategy("server_vad", prefixPaddingMs, silenceDurationMs, threshold);
	}

	/**
	 * Return whether this is the {@code auto} strategy, sent as a plain string.
	 * @return whether the type is {@code auto}
	 */
	public boolean isAuto() {
		return "auto".equals(this.type);
	}

}
