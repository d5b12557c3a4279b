package io.github.openaiboot.responses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.openaiboot.chat.Tool;
import io.github.openaiboot.chat.ToolChoice;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A request to the Responses API. Build one with {@link #builder()}; fields left
 * {@code null} are not sent, or take the {@code openai.responses.*} defaults.
 *
 * @param model model to use, such as {@code gpt-4o-mini}; {@code null} for the configured default
 * @param input text or items the model answers
 * @param instructions system instructions; not carried over from a previous response
 * @param previousResponseId id of the stored response this one continues, so that the conversation need not be sent again
 * @param store whether OpenAI stores the response, so that it can be continued and retrieved; OpenAI's default is to store
 * @param background whether the response is made in the background, to be retrieved or cancelled later
 * @param tools tools the model may use
 * @param toolChoice whether and which tool the model must call
 * @param parallelToolCalls whether the model may call several tools at once
 * @param maxToolCalls upper bound of built-in tool calls in the response
 * @param text format and verbosity of the answer's text
 * @param reasoning reasoning effort and summary of reasoning models
 * @param maxOutputTokens upper bound of generated tokens, reasoning included
 * @param temperature sampling temperature, 0 to 2
 * @param topP nucleus sampling probability mass
 * @param metadata up to 16 key-value pairs stored with the response
 * @param serviceTier processing tier, such as {@code auto}, {@code default}, {@code flex} or {@code priority}
 * @param include extra output to return, such as {@code reasoning.encrypted_content}
 * @param promptCacheKey key that groups requests sharing a prompt prefix, for better cache hits
 * @param safetyIdentifier stable, hashed identifier of the end user, for abuse monitoring
 * @param stream whether to stream the response; set by the client
 * @author openai-spring-boot
 */
public record ResponseRequest(@Nullable String model,
		ResponseInput input,
		@Nullable String instructions,
		@Nullable String previousResponseId,
		@Nullable Boolean store,
		@Nullable Boolean background,
		@Nullable List<ResponseTool> tools,
		@JsonSerialize(using = ToolChoiceSerializer.class) @Nullable ToolChoice toolChoice,
		@Nullable Boolean parallelToolCalls,
		@Nullable Integer maxToolCalls,
		@Nullable TextOptions text,
		@Nullable ReasoningOptions reasoning,
		@Nullable Integer maxOutputTokens,
		@Nullable Double temperature,
		@Nullable Double topP,
		@Nullable Map<String, String> metadata,
		@Nullable String serviceTier,
		@Nullable List<String> include,
		@Nullable String promptCacheKey,
		@Nullable String safetyIdentifier,
		@Nullable Boolean stream) {

	/**
	 * Create a request.
	 */
	public ResponseRequest {
		tools = (tools != null) ? List.copyOf(tools) : null;
		metadata = (metadata != null) ? Map.copyOf(metadata) : null;
		include = (include != null) ? List.copyOf(include) : null;
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
		builder.text = this.input.text();
		builder.items.addAll(this.input.items());
		builder.instructions = this.instructions;
		builder.previousResponseId = this.previousResponseId;
		builder.store = this.store;
		builder.background = this.background;
		if (this.tools != null) {
			builder.tools = new ArrayList<>(this.tools);
		}
		builder.toolChoice = this.toolChoice;
		builder.parallelToolCalls = this.parallelToolCalls;
		builder.maxToolCalls = this.maxToolCalls;
		builder.textOptions = this.text;
		builder.reasoning = this.reasoning;
		builder.maxOutputTokens = this.maxOutputTokens;
		builder.temperature = this.temperature;
		builder.topP = this.topP;
		builder.metadata = this.metadata;
		builder.serviceTier = this.serviceTier;
		builder.include = this.include;
		builder.promptCacheKey = this.promptCacheKey;
		builder.safetyIdentifier = this.safetyIdentifier;
		builder.stream = this.stream;
		return builder;
	}

	/**
	 * Builder of {@link ResponseRequest}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable String text;

		private final List<ResponseItem> items = new ArrayList<>();

		private @Nullable String instructions;

		private @Nullable String previousResponseId;

		private @Nullable Boolean store;

		private @Nullable Boolean background;

		private @Nullable List<ResponseTool> tools;

		private @Nullable ToolChoice toolChoice;

		private @Nullable Boolean parallelToolCalls;

		private @Nullable Integer maxToolCalls;

		private @Nullable TextOptions textOptions;

		private @Nullable ReasoningOptions reasoning;

		private @Nullable Integer maxOutputTokens;

		private @Nullable Double temperature;

		private @Nullable Double topP;

		private @Nullable Map<String, String> metadata;

		private @Nullable String serviceTier;

		private @Nullable List<String> include;

		private @Nullable String promptCacheKey;

		private @Nullable String safetyIdentifier;

		private @Nullable Boolean stream;

		private Builder() {
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
		 * Set the input to one text, as from the user. A request's input is a text or
		 * items, not both.
		 * @param text the text
		 * @return this builder
		 */
		public Builder input(String text) {
			this.text = text;
			return this;
		}

		/**
		 * Add input items, such as the output of an earlier response.
		 * @param items the items
		 * @return this builder
		 */
		public Builder input(List<? extends ResponseItem> items) {
			this.items.addAll(items);
			return this;
		}

		/**
		 * Add input items.
		 * @param items the items
		 * @return this builder
		 */
		public Builder input(ResponseItem... items) {
			return input(Arrays.asList(items));
		}

		/**
		 * Add a user message.
		 * @param text the text
		 * @return this builder
		 */
		public Builder user(String text) {
			return input(ResponseItem.user(text));
		}

		/**
		 * Add a user message of parts, such as text and images.
		 * @param parts the parts
		 * @return this builder
		 */
		public Builder user(ResponseContent... parts) {
			return input(ResponseItem.user(parts));
		}

		/**
		 * Add a developer message.
		 * @param text the instructions
		 * @return this builder
		 */
		public Builder developer(String text) {
			return input(ResponseItem.developer(text));
		}

		/**
		 * Add an assistant message, replaying an earlier answer.
		 * @param text the earlier answer
		 * @return this builder
		 */
		public Builder assistant(String text) {
			return input(ResponseItem.assistant(text));
		}

		/**
		 * Add the output of a function call the model asked for.
		 * @param callId the call's id
		 * @param output what the function returned, usually JSON
		 * @return this builder
		 */
		public Builder functionCallOutput(String callId, String output) {
			return input(ResponseItem.functionCallOutput(callId, output));
		}

		/**
		 * Set the system instructions; not carried over from a previous response.
		 * @param instructions the value
		 * @return this builder
		 */
		public Builder instructions(@Nullable String instructions) {
			this.instructions = instructions;
			return this;
		}

		/**
		 * Set the id of the stored response this one continues, so that the conversation need not be sent again.
		 * @param previousResponseId the value
		 * @return this builder
		 */
		public Builder previousResponseId(@Nullable String previousResponseId) {
			this.previousResponseId = previousResponseId;
			return this;
		}

		/**
		 * Set whether OpenAI stores the response, so that it can be continued and retrieved.
		 * @param store the value
		 * @return this builder
		 */
		public Builder store(@Nullable Boolean store) {
			this.store = store;
			return this;
		}

		/**
		 * Set whether the response is made in the background, to be retrieved or cancelled later.
		 * @param background the value
		 * @return this builder
		 */
		public Builder background(@Nullable Boolean background) {
			this.background = background;
			return this;
		}

		/**
		 * Add function tools the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(Tool... tools) {
			return tools(Arrays.asList(tools));
		}

		/**
		 * Add function tools the model may call.
		 * @param tools the tools
		 * @return this builder
		 */
		public Builder tools(List<Tool> tools) {
			for (Tool tool : tools) {
				tool(ResponseTool.function(tool));
			}
			return this;
		}

		/**
		 * Add a built-in tool, such as {@code Map.of("type", "web_search")}.
		 * @param json the tool's JSON, with its {@code type}
		 * @return this builder
		 */
		public Builder builtInTool(Map<String, Object> json) {
			return tool(ResponseTool.builtIn(json));
		}

		/**
		 * Add a tool the model may use.
		 * @param tool the tool
		 * @return this builder
		 */
		public Builder tool(ResponseTool tool) {
			if (this.tools == null) {
				this.tools = new ArrayList<>();
			}
			this.tools.add(tool);
			return this;
		}

		/**
		 * Set whether and which tool the model must call.
		 * @param toolChoice the value
		 * @return this builder
		 */
		public Builder toolChoice(@Nullable ToolChoice toolChoice) {
			this.toolChoice = toolChoice;
			return this;
		}

		/**
		 * Set whether the model may call several tools at once.
		 * @param parallelToolCalls the value
		 * @return this builder
		 */
		public Builder parallelToolCalls(@Nullable Boolean parallelToolCalls) {
			this.parallelToolCalls = parallelToolCalls;
			return this;
		}

		/**
		 * Set the upper bound of built-in tool calls in the response.
		 * @param maxToolCalls the value
		 * @return this builder
		 */
		public Builder maxToolCalls(@Nullable Integer maxToolCalls) {
			this.maxToolCalls = maxToolCalls;
			return this;
		}

		/**
		 * Set the format and verbosity of the answer's text.
		 * @param text the value
		 * @return this builder
		 */
		public Builder text(@Nullable TextOptions text) {
			this.textOptions = text;
			return this;
		}

		/**
		 * Set the format of the answer's text, such as a JSON schema.
		 * @param format the format
		 * @return this builder
		 */
		public Builder textFormat(TextOptions.Format format) {
			this.textOptions = new TextOptions(format,
					(this.textOptions != null) ? this.textOptions.verbosity() : null);
			return this;
		}

		/**
		 * Set the reasoning effort and summary of reasoning models.
		 * @param reasoning the value
		 * @return this builder
		 */
		public Builder reasoning(@Nullable ReasoningOptions reasoning) {
			this.reasoning = reasoning;
			return this;
		}

		/**
		 * Set the reasoning effort of reasoning models: {@code minimal}, {@code low},
		 * {@code medium} or {@code high}.
		 * @param effort the effort
		 * @return this builder
		 */
		public Builder reasoningEffort(@Nullable String effort) {
			this.reasoning = new ReasoningOptions(effort, (this.reasoning != null) ? this.reasoning.summary() : null);
			return this;
		}

		/**
		 * Set the upper bound of generated tokens, reasoning included.
		 * @param maxOutputTokens the value
		 * @return this builder
		 */
		public Builder maxOutputTokens(@Nullable Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
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
		 * Set up to 16 key-value pairs stored with the response.
		 * @param metadata the value
		 * @return this builder
		 */
		public Builder metadata(@Nullable Map<String, String> metadata) {
			this.metadata = metadata;
			return this;
		}

		/**
		 * Set the processing tier, such as {@code auto}, {@code default}, {@code flex} or {@code priority}.
		 * @param serviceTier the value
		 * @return this builder
		 */
		public Builder serviceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
			return this;
		}

		/**
		 * Set the extra output to return, such as {@code reasoning.encrypted_content}.
		 * @param include the values
		 * @return this builder
		 */
		public Builder include(String... include) {
			this.include = List.of(include);
			return this;
		}

		/**
		 * Set the key that groups requests sharing a prompt prefix, for better cache hits.
		 * @param promptCacheKey the value
		 * @return this builder
		 */
		public Builder promptCacheKey(@Nullable String promptCacheKey) {
			this.promptCacheKey = promptCacheKey;
			return this;
		}

		/**
		 * Set the stable, hashed identifier of the end user, for abuse monitoring.
		 * @param safetyIdentifier the value
		 * @return this builder
		 */
		public Builder safetyIdentifier(@Nullable String safetyIdentifier) {
			this.safetyIdentifier = safetyIdentifier;
			return this;
		}

		/**
		 * Set whether to stream; used by the client.
		 * @param stream whether to stream
		 * @return this builder
		 */
		Builder stream(boolean stream) {
			this.stream = stream ? Boolean.TRUE : null;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException if the request has no input, or both a text
		 * and items
		 */
		public ResponseRequest build() {
			if (this.text != null && !this.items.isEmpty()) {
				throw new IllegalArgumentException("A response request's input is a text or items, not both");
			}
			if (this.text == null && this.items.isEmpty()) {
				throw new IllegalArgumentException("A response request needs input: a text or items");
			}
			ResponseInput input = (this.text != null) ? ResponseInput.of(this.text) : ResponseInput.of(this.items);
			return new ResponseRequest(this.model, input, this.instructions, this.previousResponseId, this.store,
					this.background, this.tools, this.toolChoice, this.parallelToolCalls, this.maxToolCalls,
					this.textOptions, this.reasoning, this.maxOutputTokens, this.temperature, this.topP,
					this.metadata, this.serviceTier, this.include, this.promptCacheKey, this.safetyIdentifier,
					this.stream);
		}

	}

}
