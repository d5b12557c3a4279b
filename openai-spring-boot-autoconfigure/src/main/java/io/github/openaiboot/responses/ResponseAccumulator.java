package io.github.openaiboot.responses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Folds the events of a streamed response into one {@link Response}: the latest response
 * the lifecycle events carry (the terminal one has the status and usage), with the
 * output built from the item, content part and delta events. Text, refusal, reasoning
 * summary and function call argument pieces are appended in order, and the done events'
 * whole values replace what the pieces made, so the output is exactly what OpenAI sent
 * even if a piece was missed. Before the stream ends, {@link #toResponse()} returns the
 * response so far. Not thread-safe; feed it the events of one stream in order.
 *
 * @author openai-spring-boot
 */
public final class ResponseAccumulator {

	private final Map<Integer, ItemState> items = new TreeMap<>();

	private @Nullable Response response;

	/**
	 * Collect a whole stream into its response.
	 * @param events the stream
	 * @return the response, once the stream completes
	 */
	public static Mono<Response> collect(Flux<ResponseStreamEvent> events) {
		return events.collect(ResponseAccumulator::new, ResponseAccumulator::add)
			.map(ResponseAccumulator::toResponse);
	}

	/**
	 * Add the next event.
	 * @param event the event
	 * @return this accumulator
	 */
	public ResponseAccumulator add(ResponseStreamEvent event) {
		if (event instanceof ResponseStreamEvent.Lifecycle lifecycle) {
			this.response = lifecycle.response();
		}
		else if (event instanceof ResponseStreamEvent.OutputItemAdded added) {
			this.items.put(added.outputIndex(), new ItemState(added.item()));
		}
		else if (event instanceof ResponseStreamEvent.OutputItemDone done) {
			item(done.outputIndex(), null).done = done.item();
		}
		else if (event instanceof ResponseStreamEvent.ContentPartAdded added) {
			item(added.outputIndex(), added.itemId()).part(added.contentIndex()).start(added.part());
		}
		else if (event instanceof ResponseStreamEvent.ContentPartDone done) {
			item(done.outputIndex(), done.itemId()).part(done.contentIndex()).done = done.part();
		}
		else if (event instanceof ResponseStreamEvent.OutputTextDelta delta) {
			item(delta.outputIndex(), delta.itemId()).part(delta.contentIndex()).append(false, delta.delta());
		}
		else if (event instanceof ResponseStreamEvent.OutputTextDone done) {
			item(done.outputIndex(), done.itemId()).part(done.contentIndex()).replace(false, done.text());
		}
		else if (event instanceof ResponseStreamEvent.RefusalDelta delta) {
			item(delta.outputIndex(), delta.itemId()).part(delta.contentIndex()).append(true, delta.delta());
		}
		else if (event instanceof ResponseStreamEvent.RefusalDone done) {
			item(done.outputIndex(), done.itemId()).part(done.contentIndex()).replace(true, done.refusal());
		}
		else if (event instanceof ResponseStreamEvent.FunctionCallArgumentsDelta delta) {
			item(delta.outputIndex(), delta.itemId()).arguments.append(delta.delta());
		}
		else if (event instanceof ResponseStreamEvent.FunctionCallArgumentsDone done) {
			ItemState item = item(done.outputIndex(), done.itemId());
			item.arguments.setLength(0);
			item.arguments.append(done.arguments());
			if (done.name() != null) {
				item.name = done.name();
			}
		}
		else if (event instanceof ResponseStreamEvent.ReasoningSummaryPartAdded added) {
			item(added.outputIndex(), added.itemId()).summary(added.summaryIndex());
		}
		else if (event instanceof ResponseStreamEvent.ReasoningSummaryTextDelta delta) {
			item(delta.outputIndex(), delta.itemId()).summary(delta.summaryIndex()).append(delta.delta());
		}
		else if (event instanceof ResponseStreamEvent.ReasoningSummaryTextDone done) {
			StringBuilder summary = item(done.outputIndex(), done.itemId()).summary(done.summaryIndex());
			summary.setLength(0);
			summary.append(done.text());
		}
		else if (event instanceof ResponseStreamEvent.ReasoningSummaryPartDone done
				&& done.part() instanceof ResponseContent.SummaryText text) {
			StringBuilder summary = item(done.outputIndex(), done.itemId()).summary(done.summaryIndex());
			summary.setLength(0);
			summary.append(text.text());
		}
		return this;
	}

	/**
	 * Return the response accumulated so far: the latest response an event carried,
	 * with the output the events built (or, when no event built any, the output that
	 * response carries).
	 * @return the response
	 */
	public Response toResponse() {
		Response latest = (this.response != null) ? this.response
				: new Response(null, "response", 0, null, "in_progress", null, null, null, List.of(), null, null,
						null, null, null, null, null, null, null, null, null, null);
		if (this.items.isEmpty()) {
			return latest;
		}
		List<ResponseItem> output = new ArrayList<>(this.items.size());
		this.items.values().forEach((item) -> output.add(item.toItem()));
		return latest.withOutput(output);
	}

	private ItemState item(int outputIndex, @Nullable String itemId) {
		return this.items.computeIfAbsent(outputIndex, (index) -> new ItemState(null)).withId(itemId);
	}

	/**
	 * What the events said about one output item.
	 */
	private static final class ItemState {

		private final @Nullable ResponseItem added;

		private @Nullable ResponseItem done;

		private @Nullable String id;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

		private final Map<Integer, PartState> parts = new TreeMap<>();

		private final Map<Integer, StringBuilder> summary = new TreeMap<>();

		ItemState(@Nullable ResponseItem added) {
			this.added = added;
			if (added instanceof ResponseItem.FunctionCall call) {
				this.arguments.append(call.arguments());
			}
		}

		ItemState withId(@Nullable String itemId) {
			if (this.id == null) {
				this.id = itemId;
			}
			return this;
		}

		PartState part(int contentIndex) {
			return this.parts.computeIfAbsent(contentIndex, (index) -> new PartState());
		}

		StringBuilder summary(int summaryIndex) {
			return this.summary.computeIfAbsent(summaryIndex, (index) -> new StringBuilder());
		}

		ResponseItem toItem() {
			if (this.done != null) {
				return this.done;
			}
			if (this.added instanceof ResponseItem.FunctionCall call) {
				return new ResponseItem.FunctionCall(call.id(), call.callId(),
						(this.name != null) ? this.name : call.name(), this.arguments.toString(), call.status());
			}
			if (this.added instanceof ResponseItem.Reasoning reasoning) {
				List<ResponseContent.SummaryText> parts = new ArrayList<>();
				this.summary.values().forEach((text) -> parts.add(new ResponseContent.SummaryText(text.toString())));
				return new ResponseItem.Reasoning(reasoning.id(), parts, reasoning.encryptedContent(),
						reasoning.status());
			}
			if (this.added instanceof ResponseItem.Message message) {
				return new ResponseItem.Message(message.id(), message.role(), message.status(), content());
			}
			if (this.added != null) {
				return this.added;
			}
			// the item's added event was missed: make what its other events describe
			if (!this.parts.isEmpty()) {
				return new ResponseItem.Message(this.id, "assistant", "in_progress", content());
			}
			return new ResponseItem.FunctionCall(this.id, "", (this.name != null) ? this.name : "",
					this.arguments.toString(), "in_progress");
		}

		private List<ResponseContent> content() {
			List<ResponseContent> content = new ArrayList<>(this.parts.size());
			this.parts.values().forEach((part) -> content.add(part.toPart()));
			return content;
		}

	}

	/**
	 * What the events said about one content part of a message item.
	 */
	private static final class PartState {

		private @Nullable ResponseContent started;

		private @Nullable ResponseContent done;

		private final StringBuilder text = new StringBuilder();

		private boolean refusal;

		void start(ResponseContent part) {
			this.started = part;
			if (part instanceof ResponseContent.Refusal started) {
				this.refusal = true;
				this.text.append(started.refusal());
			}
			else if (part instanceof ResponseContent.OutputText started) {
				this.text.append(started.text());
			}
		}

		void append(boolean refusal, String piece) {
			this.refusal = refusal;
			this.text.append(piece);
		}

		void replace(boolean refusal, String whole) {
			this.refusal = refusal;
			this.text.setLength(0);
			this.text.append(whole);
		}

		ResponseContent toPart() {
			if (this.done != null) {
				return this.done;
			}
			if (this.refusal) {
				return new ResponseContent.Refusal(this.text.toString());
			}
			if (this.started instanceof ResponseContent.OutputText started) {
				return new ResponseContent.OutputText(this.text.toString(), started.annotations(),
						started.logprobs());
			}
			if (this.started instanceof ResponseContent.Other other) {
				return other;
			}
			return new ResponseContent.OutputText(this.text.toString());
		}

	}

}
