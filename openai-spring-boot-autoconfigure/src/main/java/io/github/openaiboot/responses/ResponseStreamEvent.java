package io.github.openaiboot.responses;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.github.openaiboot.core.StreamEvent;
import io.github.openaiboot.error.OpenAiError;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One event of a streamed response, decoded by its {@code type}. A stream starts with
 * {@link Created}, builds the output with item, content part and delta events, and ends
 * with {@link Completed} or {@link Incomplete}; the stream of a response that fails
 * ends with a {@link io.github.openaiboot.error.StreamErrorException} instead, whether
 * OpenAI reports the failure as an {@link Error} event (flat or with a nested
 * {@code error}) or as {@link Failed}. Events of types this client does not model are
 * passed on as {@link Unknown}, with their JSON, and never fail the stream.
 * {@link ResponseAccumulator} folds the events into the final {@link Response}.
 *
 * @author openai-spring-boot
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "type",
		visible = true, defaultImpl = ResponseStreamEvent.Unknown.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = ResponseStreamEvent.Created.class, name = "response.created"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.InProgress.class, name = "response.in_progress"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.Queued.class, name = "response.queued"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.Completed.class, name = "response.completed"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.Incomplete.class, name = "response.incomplete"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.Failed.class, name = "response.failed"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.OutputItemAdded.class, name = "response.output_item.added"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.OutputItemDone.class, name = "response.output_item.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.ContentPartAdded.class, name = "response.content_part.added"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.ContentPartDone.class, name = "response.content_part.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.OutputTextDelta.class, name = "response.output_text.delta"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.OutputTextDone.class, name = "response.output_text.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.RefusalDelta.class, name = "response.refusal.delta"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.RefusalDone.class, name = "response.refusal.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.FunctionCallArgumentsDelta.class, name = "response.function_call_arguments.delta"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.FunctionCallArgumentsDone.class, name = "response.function_call_arguments.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.ReasoningSummaryPartAdded.class, name = "response.reasoning_summary_part.added"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.ReasoningSummaryPartDone.class, name = "response.reasoning_summary_part.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.ReasoningSummaryTextDelta.class, name = "response.reasoning_summary_text.delta"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.ReasoningSummaryTextDone.class, name = "response.reasoning_summary_text.done"),
		@JsonSubTypes.Type(value = ResponseStreamEvent.Error.class, name = "error") })
public sealed interface ResponseStreamEvent extends StreamEvent {

	/**
	 * Return the event's type, such as {@code response.output_text.delta}.
	 * @return the type
	 */
	String type();

	/**
	 * Return the event's position in its stream.
	 * @return the sequence number, from {@code 0}
	 */
	int sequenceNumber();

	@Override
	default boolean endsStream() {
		return false;
	}

	/**
	 * An event that carries the whole response as it stands: when it is created, while
	 * it is in progress, and when it ends.
	 */
	sealed interface Lifecycle extends ResponseStreamEvent permits Created, InProgress, Queued, Completed, Incomplete,
			Failed {

		/**
		 * Return the response as it stands.
		 * @return the response
		 */
		Response response();

	}

	/**
	 * {@code response.created}: The response was created; its output is still empty.
	 *
	 * @param type always {@code response.created}
	 * @param sequenceNumber the event's position in its stream
	 * @param response the response as it stands
	 */
	record Created(String type, int sequenceNumber, Response response) implements Lifecycle {

	}

	/**
	 * {@code response.in_progress}: The response is being generated.
	 *
	 * @param type always {@code response.in_progress}
	 * @param sequenceNumber the event's position in its stream
	 * @param response the response as it stands
	 */
	record InProgress(String type, int sequenceNumber, Response response) implements Lifecycle {

	}

	/**
	 * {@code response.queued}: The response waits to be generated.
	 *
	 * @param type always {@code response.queued}
	 * @param sequenceNumber the event's position in its stream
	 * @param response the response as it stands
	 */
	record Queued(String type, int sequenceNumber, Response response) implements Lifecycle {

	}

	/**
	 * {@code response.completed}: The response is complete: the last event of its stream, with the usage.
	 *
	 * @param type always {@code response.completed}
	 * @param sequenceNumber the event's position in its stream
	 * @param response the response as it stands
	 */
	record Completed(String type, int sequenceNumber, Response response) implements Lifecycle {

		@Override
		public boolean endsStream() {
			return true;
		}

	}

	/**
	 * {@code response.incomplete}: The response ended before it was complete, for the reason in its {@code incomplete_details}: the last event of its stream, with the usage.
	 *
	 * @param type always {@code response.incomplete}
	 * @param sequenceNumber the event's position in its stream
	 * @param response the response as it stands
	 */
	record Incomplete(String type, int sequenceNumber, Response response) implements Lifecycle {

		@Override
		public boolean endsStream() {
			return true;
		}

	}

	/**
	 * {@code response.failed}: The response failed, for the reason in its {@code error}; the stream fails with a {@link io.github.openaiboot.error.StreamErrorException} instead of passing it on.
	 *
	 * @param type always {@code response.failed}
	 * @param sequenceNumber the event's position in its stream
	 * @param response the response as it stands
	 */
	record Failed(String type, int sequenceNumber, Response response) implements Lifecycle {

		@Override
		public boolean endsStream() {
			return true;
		}

		@Override
		public OpenAiError streamError() {
			ResponseError error = this.response.error();
			return (error != null) ? error.toOpenAiError()
					: new OpenAiError("The response failed without an error", null, null, null);
		}

	}

	/**
	 * {@code response.output_item.added}: An output item was started.
	 *
	 * @param type always {@code response.output_item.added}
	 * @param sequenceNumber the event's position in its stream
	 * @param outputIndex the item's index in the output
	 * @param item the item as it starts
	 */
	record OutputItemAdded(String type, int sequenceNumber, int outputIndex, ResponseItem item) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.output_item.done}: An output item is complete.
	 *
	 * @param type always {@code response.output_item.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param outputIndex the item's index in the output
	 * @param item the complete item
	 */
	record OutputItemDone(String type, int sequenceNumber, int outputIndex, ResponseItem item) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.content_part.added}: A content part of a message item was started.
	 *
	 * @param type always {@code response.content_part.added}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the message item
	 * @param outputIndex the item's index in the output
	 * @param contentIndex the part's index in the item's content
	 * @param part the part as it starts
	 */
	record ContentPartAdded(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int contentIndex, ResponseContent part) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.content_part.done}: A content part of a message item is complete.
	 *
	 * @param type always {@code response.content_part.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the message item
	 * @param outputIndex the item's index in the output
	 * @param contentIndex the part's index in the item's content
	 * @param part the complete part
	 */
	record ContentPartDone(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int contentIndex, ResponseContent part) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.output_text.delta}: A piece of an output text part.
	 *
	 * @param type always {@code response.output_text.delta}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the message item
	 * @param outputIndex the item's index in the output
	 * @param contentIndex the part's index in the item's content
	 * @param delta the text to append
	 */
	record OutputTextDelta(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int contentIndex, String delta) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.output_text.done}: An output text part is complete.
	 *
	 * @param type always {@code response.output_text.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the message item
	 * @param outputIndex the item's index in the output
	 * @param contentIndex the part's index in the item's content
	 * @param text the whole text of the part
	 */
	record OutputTextDone(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int contentIndex, String text) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.refusal.delta}: A piece of a refusal part.
	 *
	 * @param type always {@code response.refusal.delta}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the message item
	 * @param outputIndex the item's index in the output
	 * @param contentIndex the part's index in the item's content
	 * @param delta the text to append
	 */
	record RefusalDelta(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int contentIndex, String delta) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.refusal.done}: A refusal part is complete.
	 *
	 * @param type always {@code response.refusal.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the message item
	 * @param outputIndex the item's index in the output
	 * @param contentIndex the part's index in the item's content
	 * @param refusal the whole refusal
	 */
	record RefusalDone(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int contentIndex, String refusal) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.function_call_arguments.delta}: A piece of the arguments of a function call item.
	 *
	 * @param type always {@code response.function_call_arguments.delta}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the function call item
	 * @param outputIndex the item's index in the output
	 * @param delta the JSON text to append
	 */
	record FunctionCallArgumentsDelta(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, String delta) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.function_call_arguments.done}: The arguments of a function call item are complete.
	 *
	 * @param type always {@code response.function_call_arguments.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the function call item
	 * @param outputIndex the item's index in the output
	 * @param name the function name, where OpenAI sends it
	 * @param arguments the whole arguments, a JSON object string
	 */
	record FunctionCallArgumentsDone(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, @Nullable String name, String arguments) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.reasoning_summary_part.added}: A part of the summary of a reasoning item was started.
	 *
	 * @param type always {@code response.reasoning_summary_part.added}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the reasoning item
	 * @param outputIndex the item's index in the output
	 * @param summaryIndex the part's index in the summary
	 * @param part the part as it starts
	 */
	record ReasoningSummaryPartAdded(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int summaryIndex, ResponseContent part) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.reasoning_summary_part.done}: A part of the summary of a reasoning item is complete.
	 *
	 * @param type always {@code response.reasoning_summary_part.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the reasoning item
	 * @param outputIndex the item's index in the output
	 * @param summaryIndex the part's index in the summary
	 * @param part the complete part
	 */
	record ReasoningSummaryPartDone(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int summaryIndex, ResponseContent part) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.reasoning_summary_text.delta}: A piece of the text of a reasoning summary part.
	 *
	 * @param type always {@code response.reasoning_summary_text.delta}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the reasoning item
	 * @param outputIndex the item's index in the output
	 * @param summaryIndex the part's index in the summary
	 * @param delta the text to append
	 */
	record ReasoningSummaryTextDelta(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int summaryIndex, String delta) implements ResponseStreamEvent {

	}

	/**
	 * {@code response.reasoning_summary_text.done}: The text of a reasoning summary part is complete.
	 *
	 * @param type always {@code response.reasoning_summary_text.done}
	 * @param sequenceNumber the event's position in its stream
	 * @param itemId the id of the reasoning item
	 * @param outputIndex the item's index in the output
	 * @param summaryIndex the part's index in the summary
	 * @param text the whole text of the part
	 */
	record ReasoningSummaryTextDone(String type, int sequenceNumber, @Nullable String itemId, int outputIndex, int summaryIndex, String text) implements ResponseStreamEvent {

	}

	/**
	 * {@code error}: the response failed. The stream fails with a
	 * {@link io.github.openaiboot.error.StreamErrorException} instead of passing it on.
	 * OpenAI's specification puts the error's fields in the event itself; the live
	 * service has been seen to nest them in an {@code error} object, which wins when
	 * present.
	 *
	 * @param type always {@code error}
	 * @param sequenceNumber the event's position in its stream
	 * @param code the machine-readable code, such as {@code insufficient_quota}
	 * @param message the human-readable message
	 * @param param the request parameter the error relates to, if any
	 * @param error the nested error, in the shape of an error body
	 */
	record Error(String type, int sequenceNumber, @Nullable String code, @Nullable String message,
			@Nullable String param, @Nullable OpenAiError error) implements ResponseStreamEvent {

		@Override
		public boolean endsStream() {
			return true;
		}

		@Override
		public OpenAiError streamError() {
			return (this.error != null) ? this.error : new OpenAiError(this.message, null, this.param, this.code);
		}

	}

	/**
	 * An event of a type this client does not model, such as those of built-in tools or
	 * annotations, passed on with its JSON.
	 *
	 * @param type the event's type
	 * @param sequenceNumber the event's position in its stream
	 * @param json the event's JSON
	 */
	record Unknown(String type, int sequenceNumber, JsonNode json) implements ResponseStreamEvent {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Unknown of(JsonNode json) {
			return new Unknown(json.path("type").asString(""), json.path("sequence_number").asInt(0), json);
		}

	}

}
