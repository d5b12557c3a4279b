package io.github.openaiboot.usage;

import org.jspecify.annotations.Nullable;

/**
 * Token usage of one call as reported by OpenAI.
 *
 * @param promptTokens tokens in the prompt (input)
 * @param completionTokens tokens generated (output), {@code 0} for embeddings
 * @param totalTokens sum of prompt and completion tokens
 * @param promptTokensDetails breakdown of the prompt tokens, if reported
 * @param completionTokensDetails breakdown of the completion tokens, if reported
 * @author openai-spring-boot
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens,
		@Nullable PromptTokensDetails promptTokensDetails,
		@Nullable CompletionTokensDetails completionTokensDetails) {

	/**
	 * Create usage with no breakdown.
	 * @param promptTokens tokens in the prompt
	 * @param completionTokens tokens generated
	 * @return the usage
	 */
	public static Usage of(int promptTokens, int completionTokens) {
		return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, null, null);
	}

	/**
	 * Return the prompt tokens that were served from OpenAI's prompt cache, which are
	 * billed at a lower price.
	 * @return the cached prompt tokens, {@code 0} if not reported
	 */
	public int cachedTokens() {
		return (this.promptTokensDetails != null && this.promptTokensDetails.cachedTokens() != null)
				? this.promptTokensDetails.cachedTokens() : 0;
	}

	/**
	 * Return the sum of this usage and another, as for a request split into batches.
	 * @param other the other usage
	 * @return the sum
	 */
	public Usage plus(Usage other) {
		return new Usage(this.promptTokens + other.promptTokens, this.completionTokens + other.completionTokens,
				this.totalTokens + other.totalTokens,
				new PromptTokensDetails(cachedTokens() + other.cachedTokens(), null), null);
	}

	/**
	 * Breakdown of the prompt tokens.
	 *
	 * @param cachedTokens prompt tokens served from the prompt cache
	 * @param audioTokens audio input tokens
	 */
	public record PromptTokensDetails(@Nullable Integer cachedTokens, @Nullable Integer audioTokens) {

	}

	/**
	 * Breakdown of the completion tokens.
	 *
	 * @param reasoningTokens tokens spent on reasoning by reasoning models
	 * @param audioTokens audio output tokens
	 * @param acceptedPredictionTokens tokens of a prediction that appeared in the answer
	 * @param rejectedPredictionTokens tokens of a prediction that did not
	 */
	public record CompletionTokensDetails(@Nullable Integer reasoningTokens, @Nullable Integer audioTokens,
			@Nullable Integer acceptedPredictionTokens, @Nullable Integer rejectedPredictionTokens) {

	}

}
