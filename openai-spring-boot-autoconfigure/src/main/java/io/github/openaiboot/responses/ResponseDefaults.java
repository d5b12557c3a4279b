package io.github.openaiboot.responses;

import org.jspecify.annotations.Nullable;

/**
 * Values a {@link ResponseRequest} takes when it leaves them unset.
 *
 * @param model the model
 * @param temperature the sampling temperature, or {@code null} for OpenAI's default
 * @param maxOutputTokens the output token bound, or {@code null} for none
 * @param reasoningEffort the reasoning effort of reasoning models, or {@code null} for
 * the model's default
 * @param store whether responses are stored, or {@code null} for OpenAI's default (they
 * are)
 * @param serviceTier the processing tier, or {@code null} for the project's default
 * @author openai-spring-boot
 */
public record ResponseDefaults(String model, @Nullable Double temperature, @Nullable Integer maxOutputTokens,
		@Nullable String reasoningEffort, @Nullable Boolean store, @Nullable String serviceTier) {

	/**
	 * Defaults with the given model and nothing else set.
	 * @param model the model
	 * @return the defaults
	 */
	public static ResponseDefaults of(String model) {
		return new ResponseDefaults(model, null, null, null, null, null);
	}

	/**
	 * Return the request with every unset value filled from these defaults.
	 * @param request the request
	 * @return the completed request
	 */
	public ResponseRequest applyTo(ResponseRequest request) {
		return changes(request) ? fill(request).build() : request;
	}

	/**
	 * Return whether filling the request from these defaults would change it.
	 * @param request the request
	 * @return whether a default applies
	 */
	boolean changes(ResponseRequest request) {
		return request.model() == null || (request.temperature() == null && this.temperature != null)
				|| (request.maxOutputTokens() == null && this.maxOutputTokens != null)
				|| (reasoningEffort(request) == null && this.reasoningEffort != null)
				|| (request.store() == null && this.store != null)
				|| (request.serviceTier() == null && this.serviceTier != null);
	}

	/**
	 * Return a builder holding the request with every unset value filled from these
	 * defaults, for a client that still sets fields of its own.
	 * @param request the request
	 * @return the builder
	 */
	ResponseRequest.Builder fill(ResponseRequest request) {
		ResponseRequest.Builder builder = request.mutate();
		builder.model((request.model() != null) ? request.model() : this.model);
		builder.temperature((request.temperature() != null) ? request.temperature() : this.temperature);
		builder.maxOutputTokens((request.maxOutputTokens() != null) ? request.maxOutputTokens() : this.maxOutputTokens);
		if (reasoningEffort(request) == null && this.reasoningEffort != null) {
			builder.reasoningEffort(this.reasoningEffort);
		}
		builder.store((request.store() != null) ? request.store() : this.store);
		builder.serviceTier((request.serviceTier() != null) ? request.serviceTier() : this.serviceTier);
		return builder;
	}

	private static @Nullable String reasoningEffort(ResponseRequest request) {
		return (request.reasoning() != null) ? request.reasoning().effort() : null;
	}

}
