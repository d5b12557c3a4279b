package io.github.openaiboot.audio;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The tokens speech used, as {@code speech.audio.done} reports them: text tokens in,
 * audio tokens out.
 *
 * @param inputTokens text input tokens (the input and instructions)
 * @param outputTokens audio output tokens
 * @param totalTokens total tokens
 * @author openai-spring-boot
 */
public record SpeechUsage(@Nullable Integer inputTokens, @Nullable Integer outputTokens,
		@Nullable Integer totalTokens) {

	/**
	 * Return the tokens as the token meters count them.
	 * @return the usage
	 */
	public Usage toUsage() {
		int input = (this.inputTokens != null) ? this.inputTokens : 0;
		int output = (this.outputTokens != null) ? this.outputTokens : 0;
		return new Usage(input, output, input + output, null, null);
	}

}
