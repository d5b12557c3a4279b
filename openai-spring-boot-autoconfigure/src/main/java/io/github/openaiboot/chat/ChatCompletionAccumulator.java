package io.github.openaiboot.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Merges the chunks of a streamed chat completion into one {@link ChatCompletion}:
 * content pieces are concatenated per answer, tool-call fragments are joined by index,
 * and the usage of the last chunk is kept. Not thread-safe; feed it the chunks of one
 * stream in order.
 *
 * @author openai-spring-boot
 */
public final class ChatCompletionAccumulator {

	private final Map<Integer, ChoiceState> choices = new TreeMap<>();

	private @Nullable String id;

	private long created;

	private @Nullable String model;

	private @Nullable String systemFingerprint;

	private @Nullable String serviceTier;

	private @Nullable Usage usage;

	/**
	 * Collect a whole stream into a completion.
	 * @param chunks the stream
	 * @return the completion, once the stream completes
	 */
	public static Mono<ChatCompletion> collect(Flux<ChatCompletionChunk> chunks) {
		return chunks.collect(ChatCompletionAccumulator::new, ChatCompletionAccumulator::add)
			.map(ChatCompletionAccumulator::toCompletion);
	}

	/**
	 * Add the next chunk.
	 * @param chunk the chunk
	 * @return this accumulator
	 */
	public ChatCompletionAccumulator add(ChatCompletionChunk chunk) {
		if (this.id == null) {
			this.id = chunk.id();
			this.created = chunk.created();
			this.model = chunk.model();
		}
		if (chunk.systemFingerprint() != null) {
			this.systemFingerprint = chunk.systemFingerprint();
		}
		if (chunk.serviceTier() != null) {
			this.serviceTier = chunk.serviceTier();
		}
		if (chunk.usage() != null) {
			this.usage = chunk.usage();
		}
		for (ChatCompletionChunk.ChunkChoice choice : chunk.choices()) {
			this.choices.computeIfAbsent(choice.index(), (index) -> new ChoiceState()).add(choice);
		}
		return this;
	}

	/**
	 * Return what has been accumulated so far as a completion.
	 * @return the completion
	 */
	public ChatCompletion toCompletion() {
		List<ChatCompletion.Choice> merged = new ArrayList<>();
		this.choices.forEach((index, state) -> merged.add(state.toChoice(index)));
		return new ChatCompletion(this.id, "chat.completion", this.created, this.model, merged, this.usage,
				this.systemFingerprint, this.serviceTier);
	}

	private static final class ChoiceState {

		private final StringBuilder content = new StringBuilder();

		private final StringBuilder refusal = new StringBuilder();

		private final Map<Integer, ToolCallState> toolCalls = new TreeMap<>();

		private final List<ChatCompletion.TokenLogprob> logprobs = new ArrayList<>();

		private boolean hasContent;

		private @Nullable String finishReason;

		void add(ChatCompletionChunk.ChunkChoice choice) {
			ChatCompletionChunk.Delta delta = choice.delta();
			if (delta.content() != null) {
				this.content.append(delta.content());
				this.hasContent = true;
			}
			if (delta.refusal() != null) {
				this.refusal.append(delta.refusal());
			}
			if (delta.toolCalls() != null) {
				for (ChatCompletionChunk.ToolCallDelta fragment : delta.toolCalls()) {
					this.toolCalls.computeIfAbsent(fragment.index(), (index) -> new ToolCallState()).add(fragment);
				}
			}
			if (choice.finishReason() != null) {
				this.finishReason = choice.finishReason();
			}
			if (choice.logprobs() != null && choice.logprobs().content() != null) {
				this.logprobs.addAll(choice.logprobs().content());
			}
		}

		ChatCompletion.Choice toChoice(int index) {
			List<ToolCall> calls = this.toolCalls.values().stream().map(ToolCallState::toToolCall).toList();
			String text = (this.hasContent || calls.isEmpty()) ? this.content.toString() : null;
			ChatMessage message = ChatMessage.fromJson("assistant", text, null, calls.isEmpty() ? null : calls, null,
					(this.refusal.length() > 0) ? this.refusal.toString() : null);
			ChatCompletion.Logprobs logprobs = this.logprobs.isEmpty() ? null
					: new ChatCompletion.Logprobs(this.logprobs, null);
			return new ChatCompletion.Choice(index, message, this.finishReason, logprobs);
		}

	}

	private static final class ToolCallState {

		private final StringBuilder arguments = new StringBuilder();

		private @Nullable String id;

		private @Nullable String type;

		private @Nullable String name;

		void add(ChatCompletionChunk.ToolCallDelta fragment) {
			if (fragment.id() != null) {
				this.id = fragment.id();
			}
			if (fragment.type() != null) {
				this.type = fragment.type();
			}
			if (fragment.function() != null) {
				if (fragment.function().name() != null) {
					this.name = fragment.function().name();
				}
				if (fragment.function().arguments() != null) {
					this.arguments.append(fragment.function().arguments());
				}
			}
		}

		ToolCall toToolCall() {
			return new ToolCall((this.id != null) ? this.id : "", (this.type != null) ? this.type : "function",
					new ToolCall.FunctionCall((this.name != null) ? this.name : "", this.arguments.toString()));
		}

	}

}
