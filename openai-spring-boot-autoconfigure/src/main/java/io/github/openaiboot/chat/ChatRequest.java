package io.github.openaiboot.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A chat completion request. Build one with {@link #builder()}; fields left
 * {@code null} are not sent, or take the {@code openai.chat.*} defaults.
 *
 * @param model model to use, such as {@code gpt-4o-mini}; {@code null} for the configured default
 * @param messages conversation so far
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling probability mass
 * @param n number of answers to generate
 * @param stop sequences where generation stops
 * @param maxCompletionTokens upper bound of generated tokens, reasoning included
 * @param presencePenalty penalty for tokens already present, -2 to 2
 * @param frequencyPenalty penalty by frequency of tokens so far, -2 to 2
 * @param logitBias bias per token id, -100 to 100
 * @param logprobs whether to return log probabilities of the output tokens
 * @param topLogprobs number of most likely tokens to return at each position, 0 to 20
 * @param seed seed for best-effort deterministic sampling
 * @param user stable identifier of the end user, for abuse monitoring
 * @param responseFormat format the answer must take
 * @param tools tools the model may call
 * @param toolChoice whether and which tool the model must call
 * @param parallelToolCalls whether the model may call several tools at once
 * @param reasoningEffort reasoning effort of reasoning models: {@code low}, {@code medium} or {@code high}
 * @param serviceTier processing tier, such as {@code auto}, {@code default} or {@code flex}
 * @param stream whether to stream the answer; set by the client
 * @param streamOptions options of a streamed answer; set by the client
 * @author openai-spring-boot
 */
public record ChatRequest(@Nullable String model,
		List<ChatMessage> messages,
		@Nullable Double temperature,
		@Nullable Double topP,
		@Nullable Integer n,
		@Nullable List<String> stop,
		@Nullable Integer maxCompletionTokens,
		@Nullable Double presencePenalty,
		@Nullable Double frequencyPenalty,
		@Nullable Map<String, Integer> logitBias,
		@Nullable Boolean logprobs,
		@Nullable Integer topLogprobs,
		@Nullable Long seed,
		@Nullable String user,
		@Nullable ResponseFormat responseFormat,
		@Nullable List<Tool> tools,
		@Nullable ToolChoice toolChoice,
		@Nullable Boolean parallelToolCalls,
		@Nullable String reasoningEffort,
		@Nullable String serviceTier,
		@Nullable Boolean stream,
		@Nullable StreamOptions streamOptions) {

	/**
	 * Create a request.
	 */
	public ChatRequest {
		messages = List.copyOf(messages);
		stop = (stop != null) ? List.copyOf(stop) : null;
		tools = (tools != null) ? List.copyOf(tools) : null;
	}

	/**
	 * Start building a request.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start building a copy of this request.
	 * @return a builder holding this request's values
	 */
	public Builder mutate() {
		Builder builder = new Builder();
		builder.model = this.model;
		builder.messages.addAll(this.messages);
		builder.temperature = this.temperature;
		builder.topP = this.topP;
		builder.n = this.n;
		builder.stop = this.stop;
		builder.maxCompletionTokens = this.maxCompletionTokens;
		builder.presencePenalty = this.presencePenalty;
		builder.frequencyPenalty = this.frequencyPenalty;
		builder.logitBias = this.logitBias;
		builder.logprobs = this.logprobs;
		builder.topLogprobs = this.topLogprobs;
		builder.seed = this.seed;
		builder.user = this.user;
		builder.responseFormat = this.responseFormat;
		builder.tools = this.tools;
		builder.toolChoice = this.toolChoice;
		builder.parallelToolCalls = this.parallelToolCalls;
		builder.reasoningEffort = this.reasoningEffort;
		builder.serviceTier = this.serviceTier;
		builder.stream = this.stream;
		builder.streamOptions = this.streamOptions;
		return builder;
	}

	/**
	 * Options of a streamed answer.
	 *
	 * @param includeUsage whether a last chunk carries the usage of the whole request
	 */
	public record StreamOptions(@Nullable Boolean includeUsage) {

	}

	/**
	 * Builder of {@link ChatRequest}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private final List<ChatMessage> messages = new ArrayList<>();

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable Integer n;

		private @Nullable List<String> stop;

		private @Nullable Integer maxCompletionTokens;

		private @Nullable Double presencePenalty;

		private @Nullable Double frequencyPenalty;

		private @Nullable Map<String, Integer> logitBias;

		private @Nullable Boolean logprobs;

		private @Nullable Integer topLogprobs;

		private @Nullable Long seed;

		private @Nullable String user;

		private @Nullable ResponseFormat responseFormat;

		private @Nullable List<Tool> tools;

		private @Nullable ToolChoice toolChoice;

		private @Nullable Boolean parallelToolCalls;

		private @Nullable String reasoningEffort;

		private @Nullable String serviceTier;

		private @Nullable Boolean stream;

		private @Nullable StreamOptions streamOptions;

		private Builder() {
		}

		/**
		 * Add a system message.
		 * @param text the instructions
		 * @return this builder
		 */
		public Builder system(String text) {
			return message(ChatMessage.system(text));
		}

		/**
		 * Add a user message.
		 * @param text the text
		 * @return this builder
		 */
		public Builder user(String text) {
			return message(ChatMessage.user(text));
		}

		/**
		 * Add a user message of parts, such as text and images.
		 * @param parts the parts
		 * @return this builder
		 */
		public Builder user(ContentPart... parts) {
			return message(ChatMessage.user(parts));
		}

		/**
		 * Add an assistant message.
		 * @param text the earlier answer
		 * @return this builder
		 */
		public Builder assistant(String text) {
			return message(ChatMessage.assistant(text));
		}

		/**
		 * Add a message.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(ChatMessage message) {
			this.messages.add(message);
			return this;
		}

		/**
		 * Add messages.
		 * @param messages the messages
		 * @return this builder
		 */
		public Builder messages(List<ChatMessage> messages) {
			this.messages.addAll(messages);
			return this;
		}

		/**
		 * Set the sequences where generation stops.
		 * @param stop up to four sequences
		 * @return this builder
		 */
		public Builder stop(String... stop) {
			this.stop = Arrays.asList(stop);
			return this;
		}

		/**
		 * Set the tools the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(List<Tool> tools) {
			this.tools = tools;
			return this;
		}

		/**
		 * Set the tools the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(Tool... tools) {
			return tools(List.of(tools));
		}

		/**
		 * Set whether to stream; used by the client.
		 * @param stream whether to stream
		 * @param includeUsage whether the last chunk carries the usage
		 * @return this builder
		 */
		Builder stream(boolean stream, boolean includeUsage) {
			this.stream = stream ? Boolean.TRUE : null;
			this.streamOptions = stream ? new StreamOptions(includeUsage) : null;
			return this;
		}

		/**
		 * Set the model to use, such as {@code gpt-4o-mini}; {@code null} for the configured default.
		 * @param model the value
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the sampling temperature, 0 to 2.
		 * @param temperature the value
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Set the nucleus sampling probability mass.
		 * @param topP the value
		 * @return this builder
		 */
		public Builder topP(@Nullable Double topP) {
			this.topP = topP;
			return this;
		}

		/**
		 * Set the number of answers to generate.
		 * @param n the value
		 * @return this builder
		 */
		public Builder n(@Nullable Integer n) {
			this.n = n;
			return this;
		}

		/**
		 * Set the upper bound of generated tokens, reasoning included.
		 * @param maxCompletionTokens the value
		 * @return this builder
		 */
		public Builder maxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
			return this;
		}

		/**
		 * Set the penalty for tokens already present, -2 to 2.
		 * @param presencePenalty the value
		 * @return this builder
		 */
		public Builder presencePenalty(@Nullable Double presencePenalty) {
			this.presencePenalty = presencePenalty;
			return this;
		}

		/**
		 * Set the penalty by frequency of tokens so far, -2 to 2.
		 * @param frequencyPenalty the value
		 * @return this builder
		 */
		public Builder frequencyPenalty(@Nullable Double frequencyPenalty) {
			this.frequencyPenalty = frequencyPenalty;
			return this;
		}

		/**
		 * Set the bias per token id, -100 to 100.
		 * @param logitBias the value
		 * @return this builder
		 */
		public Builder logitBias(@Nullable Map<String, Integer> logitBias) {
			this.logitBias = logitBias;
			return this;
		}

		/**
		 * Set the whether to return log probabilities of the output tokens.
		 * @param logprobs the value
		 * @return this builder
		 */
		public Builder logprobs(@Nullable Boolean logprobs) {
			this.logprobs = logprobs;
			return this;
		}

		/**
		 * Set the number of most likely tokens to return at each position, 0 to 20.
		 * @param topLogprobs the value
		 * @return this builder
		 */
		public Builder topLogprobs(@Nullable Integer topLogprobs) {
			this.topLogprobs = topLogprobs;
			return this;
		}

		/**
		 * Set the seed for best-effort deterministic sampling.
		 * @param seed the value
		 * @return this builder
		 */
		public Builder seed(@Nullable Long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Set the stable identifier of the end user, sent as {@code user}, for abuse
		 * monitoring.
		 * @param user the value
		 * @return this builder
		 */
		public Builder endUser(@Nullable String user) {
			this.user = user;
			return this;
		}

		/**
		 * Set the format the answer must take.
		 * @param responseFormat the value
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable ResponseFormat responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Set the whether and which tool the model must call.
		 * @param toolChoice the value
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Set the whether the model may call several tools at once.
		 * @param parallelToolCalls the value
		 * @return this builder
		 */
		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Set the reasoning effort of reasoning models: {@code low}, {@code medium} or {@code high}.
		 * @param reasoningEffort the value
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Set the processing tier, such as {@code auto}, {@code default} or {@code flex}.
		 * @param serviceTier the value
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException if the request has no messages
		 */
		public ChatRequest build() {
			if (this.messages.isEmpty()) {
				throw new IllegalArgumentException("A chat request needs at least one message");
			}
			return new ChatRequest(this.model, List.copyOf(this.messages), this.temperature, this.topP, this.n, this.stop, this.maxCompletionTokens, this.presencePenalty, this.frequencyPenalty, this.logitBias, this.logprobs, this.topLogprobs, this.seed, this.user, this.responseFormat, this.tools, this.toolChoice, this.parallelToolCalls, this.reasoningEffort, this.serviceTier, this.stream, this.streamOptions);
		}

	}

}
