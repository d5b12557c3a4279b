package io.github.openaiboot.responses;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One item of a conversation with the Responses API: a message, a function call the
 * model asked for and its output, a reasoning item, or a reference to a stored item.
 * The items of a response's output can be sent back as input unchanged, which is how a
 * conversation goes on without {@code previous_response_id}. Items of other types, such
 * as those of built-in tools, are kept as {@link Other}, with their JSON.
 *
 * @author openai-spring-boot
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type", visible = true,
		defaultImpl = ResponseItem.Other.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = ResponseItem.Message.class, name = "message"),
		@JsonSubTypes.Type(value = ResponseItem.FunctionCall.class, name = "function_call"),
		@JsonSubTypes.Type(value = ResponseItem.FunctionCallOutput.class, name = "function_call_output"),
		@JsonSubTypes.Type(value = ResponseItem.Reasoning.class, name = "reasoning"),
		@JsonSubTypes.Type(value = ResponseItem.ItemReference.class, name = "item_reference") })
public sealed interface ResponseItem {

	/**
	 * Create a user message of text.
	 * @param text the text
	 * @return the item
	 */
	static Message user(String text) {
		return message("user", ResponseContent.text(text));
	}

	/**
	 * Create a user message of parts, such as text and images.
	 * @param parts the parts
	 * @return the item
	 */
	static Message user(ResponseContent... parts) {
		return message("user", parts);
	}

	/**
	 * Create a system message.
	 * @param text the instructions
	 * @return the item
	 */
	static Message system(String text) {
		return message("system", ResponseContent.text(text));
	}

	/**
	 * Create a developer message: instructions that rank below system ones.
	 * @param text the instructions
	 * @return the item
	 */
	static Message developer(String text) {
		return message("developer", ResponseContent.text(text));
	}

	/**
	 * Create an assistant message, to replay an earlier answer.
	 * @param text the earlier answer
	 * @return the item
	 */
	static Message assistant(String text) {
		return message("assistant", new ResponseContent.OutputText(text));
	}

	/**
	 * Create the output of a function call, answering the call the model asked for.
	 * @param callId the {@link FunctionCall#callId() call id} of the call
	 * @param output what the function returned, usually JSON
	 * @return the item
	 */
	static FunctionCallOutput functionCallOutput(String callId, String output) {
		return new FunctionCallOutput(null, callId, output, null);
	}

	/**
	 * Create a reference to a stored item, such as one of an earlier response.
	 * @param id the item's id
	 * @return the item
	 */
	static ItemReference reference(String id) {
		return new ItemReference(id);
	}

	private static Message message(String role, ResponseContent... parts) {
		return new Message(null, role, null, List.of(parts));
	}

	/**
	 * A message: sent in by the user, system or developer, or answered by the model.
	 *
	 * @param id the item's id, {@code null} for a message not yet sent
	 * @param role {@code user}, {@code system}, {@code developer} or {@code assistant}
	 * @param status {@code in_progress}, {@code completed} or {@code incomplete}, for
	 * answers
	 * @param content the parts
	 */
	record Message(@Nullable String id, String role, @Nullable String status, List<ResponseContent> content)
			implements ResponseItem {

		/**
		 * Create a message.
		 */
		public Message {
			content = (content != null) ? List.copyOf(content) : List.of();
		}

		/**
		 * Return the text of this message: its text parts, in order.
		 * @return the text, empty when there is none
		 */
		public String text() {
			StringBuilder text = new StringBuilder();
			for (ResponseContent part : this.content) {
				if (part instanceof ResponseContent.OutputText output) {
					text.append(output.text());
				}
				else if (part instanceof ResponseContent.InputText input) {
					text.append(input.text());
				}
			}
			return text.toString();
		}

		/**
		 * Return the refusal of this message, if the model refused.
		 * @return the refusal, or {@code null}
		 */
		public @Nullable String refusal() {
			for (ResponseContent part : this.content) {
				if (part instanceof ResponseContent.Refusal refusal) {
					return refusal.refusal();
				}
			}
			return null;
		}

	}

	/**
	 * A call of a function tool that the model asks for.
	 *
	 * @param id the item's id
	 * @param callId the call's id, to quote in the {@link FunctionCallOutput} that
	 * answers it
	 * @param name the function name
	 * @param arguments the arguments as a JSON object string (generated by the model, so
	 * validate before use)
	 * @param status {@code in_progress}, {@code completed} or {@code incomplete}
	 */
	record FunctionCall(@Nullable String id, String callId, String name, String arguments,
			@Nullable String status) implements ResponseItem {

	}

	/**
	 * What a function returned, answering a call the model asked for.
	 *
	 * @param id the item's id, {@code null} for one not yet sent
	 * @param callId the {@link FunctionCall#callId() call id} of the call
	 * @param output what the function returned, usually JSON
	 * @param status the item's status, when OpenAI reports it
	 */
	record FunctionCallOutput(@Nullable String id, String callId, String output, @Nullable String status)
			implements ResponseItem {

	}

	/**
	 * The reasoning of a reasoning model: a summary, when asked for, and the encrypted
	 * reasoning to send back when responses are not stored.
	 *
	 * @param id the item's id
	 * @param summary the parts of the summary
	 * @param encryptedContent the encrypted reasoning, when asked for with
	 * {@code include: reasoning.encrypted_content}
	 * @param status the item's status, when OpenAI reports it
	 */
	record Reasoning(@Nullable String id, List<ResponseContent.SummaryText> summary,
			@Nullable String encryptedContent, @Nullable String status) implements ResponseItem {

		/**
		 * Create a reasoning item.
		 */
		public Reasoning {
			summary = (summary != null) ? List.copyOf(summary) : List.of();
		}

		/**
		 * Return the summary of the reasoning: its parts, one paragraph each.
		 * @return the summary, empty when there is none
		 */
		public String summaryText() {
			StringBuilder text = new StringBuilder();
			for (ResponseContent.SummaryText part : this.summary) {
				if (!text.isEmpty()) {
					text.append("\n\n");
				}
				text.append(part.text());
			}
			return text.toString();
		}

	}

	/**
	 * A reference to a stored item.
	 *
	 * @param id the item's id
	 */
	record ItemReference(String id) implements ResponseItem {

	}

	/**
	 * An item of a type this client does not model, such as a web search call, kept as
	 * OpenAI sent it and sent back the same way.
	 *
	 * @param type the item's type
	 * @param json the item's JSON
	 */
	@JsonSerialize(using = RawJsonSerializer.class)
	record Other(String type, JsonNode json) implements ResponseItem {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Other of(JsonNode json) {
			return new Other(json.path("type").asString(""), json);
		}

	}

}
