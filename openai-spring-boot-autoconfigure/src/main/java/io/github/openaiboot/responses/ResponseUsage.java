package io.github.openaiboot.responses;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Token usage of a response, as the Responses API reports it.
 *
 * @param inputTokens tokens of the input, earlier turns of the conversation included
 * @param inputTokensDetails breakdown of the input tokens, if reported
 * @param outputTokens tokens generated, reasoning included
 * @param outputTokensDetails breakdown of the output tokens, if reported
 * @param totalTokens sum of input and output tokens
 * @author openai-spring-boot
 */
public record ResponseUsage(int inputTokens, @Nullable InputTokensDetails inputTokensDetails, int outputTokens,
		@Nullable OutputTokensDetails outputTokensDetails, int totalTokens) {

	/**
	 * Return the input tokens served from OpenAI's prompt cache, billed at a lower price.
	 * @return the cached input tokens, {@code 0} if not reported
	 */
	public int cachedTokens() {
		return (this.inputTokensDetails != null && this.inputTokensDetails.cachedTokens() != null)
				? this.inputTokensDetails.cachedTokens() : 0;
	}

	/**
	 * Return the output tokens spent on reasoning.
	 * @return the reasoning tokens, {@code 0} if not reported
	 */
	public int reasoningTokens() {
		return (this.outputTokensDetails != null && this.outputTokensDetails.reasoningTokens() != null)
				? this.outputTokensDetails.reasoningTokens() : 0;
	}

	/**
	 * Return this usage as the {@link Usage} of every other call, for token accounting and
	 * pricing: input as prompt tokens, output as completion tokens.
	 * @return the usage
	 */
	public Usage toUsage() {
		return new Usage(this.inputTokens, this.outputTokens, this.totalTokens,
				new Usage.PromptTokensDetails(cachedTokens(), null),
				new Usage.CompletionTokensDetails(reasoningTokens(), null, null, null));
	}

	/**
	 * Breakdown of the input tokens.
	 *
	 * @param cachedTokens input tokens served from the prompt cache
	 * @param cacheWriteTokens input tokens written to the prompt cache, where reported
	 */
	public record InputTokensDetails(@Nullable Integer cachedTokens, @Nullable Integer cacheWriteTokens) {

	}

	/**
	 * Breakdown of the output tokens.
	 *
	 * @param reasoningTokens tokens spent on reasoning
	 */
	public record OutputTokensDetails(@Nullable Integer reasoningTokens) {

	}

}
