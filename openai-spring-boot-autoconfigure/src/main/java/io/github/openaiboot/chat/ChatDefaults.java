package io.github.openaiboot.chat;

import org.jspecify.annotations.Nullable;

/**
 * Values a {@link ChatRequest} takes when it leaves them unset.
 *
 * @param model the model
 * @param temperature the sampling temperature, or {@code null} for OpenAI's default
 * @param topP the nucleus sampling mass, or {@code null} for OpenAI's default
 * @param maxCompletionTokens the completion token bound, or {@code null} for none
 * @param includeUsage whether streamed answers end with a usage chunk
 * @author openai-spring-boot
 */
public record ChatDefaults(String model, @Nullable Double temperature, @Nullable Double topP,
		@Nullable Integer maxCompletionTokens, boolean includeUsage) {

	/**
	 * Defaults with the given model and nothing else set; usage included in streams.
	 * @param model the model
	 * @return the defaults
	 */
	public static ChatDefaults of(String model) {
		return new ChatDefaults(model, null, null, null, true);
	}

	/**
	 * Return the request with every unset value filled from these defaults.
	 * @param request the request
	 * @return the completed request
	 */
	public ChatRequest applyTo(ChatRequest request) {
		return changes(request) ? fill(request).build() : request;
	}

	/**
	 * Return whether filling the request from these defaults would change it: whether a
	 * value it leaves unset has a default.
	 * @param request the request
	 * @return whether a default applies
	 */
	boolean changes(ChatRequest request) {
		return request.model() == null
				|| (request.temperature() == null && this.temperature != null)
				|| (request.topP() == null && this.topP != null)
				|| (request.maxCompletionTokens() == null && this.maxCompletionTokens != null);
	}

	/**
	 * Return a builder holding the request with every unset value filled from these
	 * defaults, for a client that still sets fields of its own.
	 * @param request the request
	 * @return the builder
	 */
	ChatRequest.Builder fill(ChatRequest request) {
		ChatRequest.Builder builder = request.mutate();
		builder.model((request.model() != null) ? request.model() : this.model);
		builder.temperature((request.temperature() != null) ? request.temperature() : this.temperature);
		builder.topP((request.topP() != null) ? request.topP() : this.topP);
		builder.maxCompletionTokens(
				(request.maxCompletionTokens() != null) ? request.maxCompletionTokens() : this.maxCompletionTokens);
		return builder;
	}

}
