package io.github.openaiboot.realtime;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Token usage of one realtime response, as carried by {@code response.done}: text and
 * audio tokens counted apart, because audio tokens are priced apart.
 *
 * @param totalTokens all tokens
 * @param inputTokens input tokens, text, audio and cached
 * @param outputTokens output tokens, text and audio
 * @param inputTokenDetails breakdown of the input tokens, if reported
 * @param outputTokenDetails breakdown of the output tokens, if reported
 * @author openai-spring-boot
 * @since 0.1.0
 */
public record RealtimeUsage(int totalTokens, int inputTokens, int outputTokens,
		@Nullable InputTokenDetails inputTokenDetails, @Nullable OutputTokenDetails outputTokenDetails) {

	/**
	 * Return the input audio tokens.
	 * @return the input audio tokens, {@code 0} if not reported
	 */
	public int inputAudioTokens() {
		return (this.inputTokenDetails != null && this.inputTokenDetails.audioTokens() != null)
				? this.inputTokenDetails.audioTokens() : 0;
	}

	/**
	 * Return the output audio tokens.
	 * @return the output audio tokens, {@code 0} if not reported
	 */
	public int outputAudioTokens() {
		return (this.outputTokenDetails != null && this.outputTokenDetails.audioTokens() != null)
				? this.outputTokenDetails.audioTokens() : 0;
	}

	/**
	 * Return this usage as the token usage every other call reports, with the audio
	 * tokens in the details, so that meters and prices treat it like the others.
	 * @return the usage
	 */
	public Usage toUsage() {
		Integer cached = (this.inputTokenDetails != null) ? this.inputTokenDetails.cachedTokens() : null;
		return new Usage(this.inputTokens, this.outputTokens, this.totalTokens,
				new Usage.PromptTokensDetails(cached, inputAudioTokens()),
				new Usage.CompletionTokensDetails(null, outputAudioTokens(), null, null));
	}

	/**
	 * Breakdown of the input tokens.
	 *
	 * @param textTokens text tokens
	 * @param audioTokens audio tokens
	 * @param imageTokens image tokens
	 * @param cachedTokens tokens served from the prompt cache, text and audio
	 * @param cachedTokensDetails breakdown of the cached tokens
	 */
	public record InputTokenDetails(@Nullable Integer textTokens, @Nullable Integer audioTokens,
			@Nullable Integer imageTokens, @Nullable Integer cachedTokens,
			@Nullable CachedTokensDetails cachedTokensDetails) {

	}

	/**
	 * Breakdown of the cached input tokens.
	 *
	 * @param textTokens cached text tokens
	 * @param audioTokens cached audio tokens
	 * @param imageTokens cached image tokens
	 */
	public record CachedTokensDetails(@Nullable Integer textTokens, @Nullable Integer audioTokens,
			@Nullable Integer imageTokens) {

	}

	/**
	 * Breakdown of the output tokens.
	 *
	 * @param textTokens text tokens
	 * @param audioTokens audio tokens
	 */
	public record OutputTokenDetails(@Nullable Integer textTokens, @Nullable Integer audioTokens) {

	}

}
