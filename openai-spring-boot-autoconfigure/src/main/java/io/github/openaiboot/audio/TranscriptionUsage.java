package io.github.openaiboot.audio;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What a transcription used, by its {@code type}: {@code tokens} (the gpt-4o transcribe
 * models) or {@code duration} (whisper-1, seconds of audio rounded up).
 *
 * @param type {@code tokens} or {@code duration}
 * @param inputTokens input tokens (type {@code tokens})
 * @param inputTokenDetails text and audio input tokens (type {@code tokens})
 * @param outputTokens output tokens (type {@code tokens})
 * @param totalTokens total tokens (type {@code tokens})
 * @param seconds seconds of audio (type {@code duration})
 * @author openai-spring-boot
 */
public record TranscriptionUsage(@Nullable String type, @Nullable Integer inputTokens,
		@Nullable InputTokenDetails inputTokenDetails, @Nullable Integer outputTokens, @Nullable Integer totalTokens,
		@Nullable Double seconds) {

	/**
	 * Return whether this usage counts tokens.
	 * @return whether its type is {@code tokens}
	 */
	public boolean isTokens() {
		return "tokens".equals(this.type) || (this.type == null && this.inputTokens != null);
	}

	/**
	 * Return the tokens as the token meters count them.
	 * @return the usage, or {@code null} when this usage counts seconds
	 */
	public @Nullable Usage toUsage() {
		if (!isTokens()) {
			return null;
		}
		int input = (this.inputTokens != null) ? this.inputTokens : 0;
		int output = (this.outputTokens != null) ? this.outputTokens : 0;
		Integer audio = (this.inputTokenDetails != null) ? this.inputTokenDetails.audioTokens() : null;
		return new Usage(input, output, input + output, new Usage.PromptTokensDetails(null, audio), null);
	}

	/**
	 * Text and audio input tokens.
	 *
	 * @param textTokens text tokens (the prompt)
	 * @param audioTokens audio tokens
	 */
	public record InputTokenDetails(@Nullable Integer textTokens, @Nullable Integer audioTokens) {

	}

}
