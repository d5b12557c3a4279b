package io.github.openaiboot.chat;

import java.util.List;
import java.util.Map;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * A chat completion: one or more answers ({@link Choice choices}) and the usage of the
 * request.
 *
 * @param id the completion's id
 * @param object always {@code chat.completion}
 * @param created when it was created, in epoch seconds
 * @param model the model that answered (often a dated name such as
 * {@code gpt-4o-mini-2024-07-18})
 * @param choices the answers
 * @param usage the tokens used, if reported
 * @param systemFingerprint the backend configuration that answered
 * @param serviceTier the processing tier that answered
 * @author openai-spring-boot
 */
public record ChatCompletion(@Nullable String id, @Nullable String object, long created, @Nullable String model,
		List<Choice> choices, @Nullable Usage usage, @Nullable String systemFingerprint,
		@Nullable String serviceTier) {

	/**
	 * Create a completion.
	 */
	public ChatCompletion {
		choices = (choices != null) ? List.copyOf(choices) : List.of();
	}

	/**
	 * Return the text of the first answer.
	 * @return the text, or {@code null} when the first answer has none (a tool call)
	 */
	public @Nullable String content() {
		return this.choices.isEmpty() ? null : this.choices.get(0).message().content();
	}

	/**
	 * Return the tool calls of the first answer.
	 * @return the tool calls, empty when there are none
	 */
	public List<ToolCall> toolCalls() {
		return this.choices.isEmpty() ? List.of() : this.choices.get(0).message().toolCalls();
	}

	/**
	 * Return why the first answer ended: {@code stop}, {@code length},
	 * {@code tool_calls} or {@code content_filter}.
	 * @return the finish reason, or {@code null}
	 */
	public @Nullable String finishReason() {
		return this.choices.isEmpty() ? null : this.choices.get(0).finishReason();
	}

	/**
	 * One answer.
	 *
	 * @param index the answer's index, below the request's {@code n}
	 * @param message the answer
	 * @param finishReason why it ended
	 * @param logprobs log probabilities, when requested
	 * @param contentFilterResults what Azure OpenAI's content filters found in the
	 * answer, by category, when it reports them
	 */
	public record Choice(int index, ChatMessage message, @Nullable String finishReason, @Nullable Logprobs logprobs,
			@Nullable Map<String, Object> contentFilterResults) {

		/**
		 * Create an answer without content filter results.
		 * @param index the answer's index, below the request's {@code n}
		 * @param message the answer
		 * @param finishReason why it ended
		 * @param logprobs log probabilities, when requested
		 */
		public Choice(int index, ChatMessage message, @Nullable String finishReason, @Nullable Logprobs logprobs) {
			this(index, message, finishReason, logprobs, null);
		}

	}

	/**
	 * Log probabilities of an answer's tokens.
	 *
	 * @param content those of the content tokens
	 * @param refusal those of the refusal tokens
	 */
	public record Logprobs(@Nullable List<TokenLogprob> content, @Nullable List<TokenLogprob> refusal) {

	}

	/**
	 * Log probability of one token, with the most likely alternatives.
	 *
	 * @param token the token
	 * @param logprob its log probability
	 * @param bytes its UTF-8 bytes
	 * @param topLogprobs the most likely tokens at this position
	 */
	public record TokenLogprob(String token, double logprob, @Nullable List<Integer> bytes,
			@Nullable List<TopLogprob> topLogprobs) {

	}

	/**
	 * One of the most likely tokens at a position.
	 *
	 * @param token the token
	 * @param logprob its log probability
	 * @param bytes its UTF-8 bytes
	 */
	public record TopLogprob(String token, double logprob, @Nullable List<Integer> bytes) {

	}

}
