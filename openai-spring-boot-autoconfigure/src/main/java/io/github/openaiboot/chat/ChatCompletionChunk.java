package io.github.openaiboot.chat;

import java.util.List;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * One chunk of a streamed chat completion. Content and tool-call arguments arrive in
 * pieces; {@link ChatCompletionAccumulator} merges them into a {@link ChatCompletion}.
 * With usage included (the default), the last chunk has no choices and carries the
 * usage of the whole request.
 *
 * @param id the completion's id, the same in every chunk
 * @param object always {@code chat.completion.chunk}
 * @param created when it was created, in epoch seconds
 * @param model the model that answers
 * @param choices the pieces of each answer
 * @param usage the tokens used, only in the last chunk
 * @param systemFingerprint the backend configuration that answered
 * @param serviceTier the processing tier that answers, such as {@code default} or
 * {@code flex}
 * @author openai-spring-boot
 */
public record ChatCompletionChunk(@Nullable String id, @Nullable String object, long created, @Nullable String model,
		List<ChunkChoice> choices, @Nullable Usage usage, @Nullable String systemFingerprint,
		@Nullable String serviceTier) {

	/**
	 * Create a chunk.
	 */
	public ChatCompletionChunk {
		choices = (choices != null) ? List.copyOf(choices) : List.of();
	}

	/**
	 * Create a chunk that does not say its processing tier.
	 * @param id the completion's id
	 * @param object always {@code chat.completion.chunk}
	 * @param created when it was created, in epoch seconds
	 * @param model the model that answers
	 * @param choices the pieces of each answer
	 * @param usage the tokens used, only in the last chunk
	 * @param systemFingerprint the backend configuration that answered
	 */
	public ChatCompletionChunk(@Nullable String id, @Nullable String object, long created, @Nullable String model,
			List<ChunkChoice> choices, @Nullable Usage usage, @Nullable String systemFingerprint) {
		this(id, object, created, model, choices, usage, systemFingerprint, null);
	}

	/**
	 * Return the content piece of the first answer.
	 * @return the piece, or an empty string when this chunk has none
	 */
	public String content() {
		if (this.choices.isEmpty()) {
			return "";
		}
		String content = this.choices.get(0).delta().content();
		return (content != null) ? content : "";
	}

	/**
	 * The piece of one answer in a chunk.
	 *
	 * @param index the answer's index
	 * @param delta what this chunk adds
	 * @param finishReason why the answer ended, on its last chunk
	 * @param logprobs log probabilities of this piece, when requested
	 */
	public record ChunkChoice(int index, Delta delta, @Nullable String finishReason,
			ChatCompletion.@Nullable Logprobs logprobs) {

		/**
		 * Create a chunk choice.
		 */
		public ChunkChoice {
			delta = (delta != null) ? delta : new Delta(null, null, null, null);
		}

	}

	/**
	 * What a chunk adds to an answer.
	 *
	 * @param role the role, on the first chunk
	 * @param content a piece of content
	 * @param refusal a piece of a refusal
	 * @param toolCalls pieces of tool calls
	 */
	public record Delta(@Nullable String role, @Nullable String content, @Nullable String refusal,
			@Nullable List<ToolCallDelta> toolCalls) {

	}

	/**
	 * A piece of a tool call: the first piece of each call has its id and function
	 * name; later pieces add to the arguments.
	 *
	 * @param index the call's position among the answer's tool calls
	 * @param id the call's id, on its first piece
	 * @param type {@code function}, on its first piece
	 * @param function the function name and a piece of the arguments
	 */
	public record ToolCallDelta(int index, @Nullable String id, @Nullable String type,
			@Nullable FunctionDelta function) {

	}

	/**
	 * A piece of a function call.
	 *
	 * @param name the function name, on the first piece
	 * @param arguments a piece of the JSON arguments
	 */
	public record FunctionDelta(@Nullable String name, @Nullable String arguments) {

	}

}
