package io.github.openaiboot.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A response of the Responses API: its output items, status and usage.
 *
 * @param id the response's id, {@code resp_…}, to continue or retrieve it by
 * @param object always {@code response}
 * @param createdAt when it was created, in epoch seconds
 * @param completedAt when it was completed, in epoch seconds, or {@code null}
 * @param status {@code completed}, {@code failed}, {@code in_progress},
 * {@code cancelled}, {@code queued} or {@code incomplete}
 * @param error why it failed, for a failed response
 * @param incompleteDetails why it is incomplete, for an incomplete response
 * @param model the model that answered (often a dated name such as
 * {@code gpt-4o-mini-2024-07-18})
 * @param output the output items: messages, function calls, reasoning, built-in tool
 * calls
 * @param previousResponseId the id of the response it continues, or {@code null}
 * @param usage the tokens used, once known
 * @param serviceTier the processing tier that answered
 * @param store whether it is stored
 * @param background whether it was made in the background
 * @param temperature the sampling temperature it was made with
 * @param topP the nucleus sampling mass it was made with
 * @param maxOutputTokens the bound of its output tokens, or {@code null}
 * @param parallelToolCalls whether the model could call several tools at once
 * @param text the format and verbosity of its text
 * @param reasoning the reasoning effort and summary it was made with
 * @param metadata the key-value pairs stored with it
 * @author openai-spring-boot
 */
public record Response(@Nullable String id, @Nullable String object, long createdAt, @Nullable Long completedAt,
		@Nullable String status, @Nullable ResponseError error, @Nullable IncompleteDetails incompleteDetails,
		@Nullable String model, List<ResponseItem> output, @Nullable String previousResponseId,
		@Nullable ResponseUsage usage, @Nullable String serviceTier, @Nullable Boolean store,
		@Nullable Boolean background, @Nullable Double temperature, @Nullable Double topP,
		@Nullable Integer maxOutputTokens, @Nullable Boolean parallelToolCalls, @Nullable TextOptions text,
		@Nullable ReasoningOptions reasoning, @Nullable Map<String, String> metadata) {

	/**
	 * Create a response.
	 */
	public Response {
		output = (output != null) ? List.copyOf(output) : List.of();
	}

	/**
	 * Return the text of the answer, as the official SDKs' {@code output_text} does: every
	 * output text part of every message item, concatenated in output order.
	 * @return the text, empty when the output has none (a function call, a refusal)
	 */
	public String outputText() {
		StringBuilder text = new StringBuilder();
		for (ResponseItem item : this.output) {
			if (item instanceof ResponseItem.Message message) {
				for (ResponseContent part : message.content()) {
					if (part instanceof ResponseContent.OutputText outputText) {
						text.append(outputText.text());
					}
				}
			}
		}
		return text.toString();
	}

	/**
	 * Return the function calls the model asks for, in output order.
	 * @return the calls, empty when there are none
	 */
	public List<ResponseItem.FunctionCall> functionCalls() {
		List<ResponseItem.FunctionCall> calls = new ArrayList<>();
		for (ResponseItem item : this.output) {
			if (item instanceof ResponseItem.FunctionCall call) {
				calls.add(call);
			}
		}
		return calls;
	}

	/**
	 * Return a copy of this response with other output items.
	 * @param output the output items
	 * @return the copy
	 */
	public Response withOutput(List<ResponseItem> output) {
		return new Response(this.id, this.object, this.createdAt, this.completedAt, this.status, this.error,
				this.incompleteDetails, this.model, output, this.previousResponseId, this.usage, this.serviceTier,
				this.store, this.background, this.temperature, this.topP, this.maxOutputTokens,
				this.parallelToolCalls, this.text, this.reasoning, this.metadata);
	}

	/**
	 * Why a response is incomplete.
	 *
	 * @param reason {@code max_output_tokens} or {@code content_filter}
	 */
	public record IncompleteDetails(@Nullable String reason) {

	}

}
