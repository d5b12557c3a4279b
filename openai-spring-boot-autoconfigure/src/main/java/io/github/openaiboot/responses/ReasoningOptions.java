package io.github.openaiboot.responses;

import org.jspecify.annotations.Nullable;

/**
 * How a reasoning model reasons: how hard, and whether it summarizes its reasoning.
 *
 * @param effort {@code minimal}, {@code low}, {@code medium} or {@code high}, or
 * {@code null} for the model's default
 * @param summary {@code auto}, {@code concise} or {@code detailed} for a summary of the
 * reasoning, or {@code null} for none
 * @author openai-spring-boot
 */
public record ReasoningOptions(@Nullable String effort, @Nullable String summary) {

	/**
	 * Reasoning of the given effort, without a summary.
	 * @param effort {@code minimal}, {@code low}, {@code medium} or {@code high}
	 * @return the options
	 */
	public static ReasoningOptions effort(String effort) {
		return new ReasoningOptions(effort, null);
	}

}
