package io.github.openaiboot.sample;

import java.math.BigDecimal;

import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.responses.Response;
import io.github.openaiboot.responses.ResponseRequest;
import io.github.openaiboot.responses.ResponseStreamEvent;
import io.github.openaiboot.responses.ResponseUsage;
import io.github.openaiboot.responses.ResponsesClient;
import io.github.openaiboot.usage.PricingTable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The sample's chat over the Responses API: OpenAI keeps the conversation, and each
 * answer names the response the next message continues ({@code previousResponseId}).
 *
 * @author openai-spring-boot
 */
@RestController
@RequestMapping("/api/responses")
class ResponsesController {

	private final ResponsesClient responsesClient;

	private final PricingTable pricingTable;

	ResponsesController(ResponsesClient responsesClient, PricingTable pricingTable) {
		this.responsesClient = responsesClient;
		this.pricingTable = pricingTable;
	}

	@PostMapping
	Mono<ResponsesReply> respond(@RequestBody ResponsesInput input) {
		return this.responsesClient.create(request(input.message(), input.previousResponseId(), input.model()))
			.map((response) -> new ResponsesReply(response.outputText(), response.id(), response.model(),
					response.usage(), cost(response)));
	}

	/**
	 * Stream an answer: {@code content} events of its text, then a {@code done} event
	 * naming the response the next message continues; a failure ends the stream with a
	 * {@code problem} event, as the chat stream does.
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestParam String message,
			@RequestParam(required = false) @Nullable String previousResponseId,
			@RequestParam(required = false) @Nullable String model) {
		return this.responsesClient.stream(request(message, previousResponseId, model))
			.<ServerSentEvent<Object>>handle((event, sink) -> {
				if (event instanceof ResponseStreamEvent.OutputTextDelta delta && !delta.delta().isEmpty()) {
					sink.next(event("content", new Piece(delta.delta(), null)));
				}
				else if (event.endsStream() && event instanceof ResponseStreamEvent.Lifecycle end) {
					sink.next(event("done", new Piece("", end.response().id())));
				}
			})
			.onErrorResume(OpenAiException.class,
					(ex) -> Mono.just(event("problem", OpenAiProblemHandler.problemFor(ex))));
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	private static ResponseRequest request(@Nullable String message, @Nullable String previousResponseId,
			@Nullable String model) {
		if (message == null || message.isBlank()) {
			throw new ServerWebInputException("'message' must not be blank");
		}
		return ResponseRequest.builder()
			.model(model)
			.input(message)
			.previousResponseId((previousResponseId != null && !previousResponseId.isBlank()) ? previousResponseId
					: null)
			.build();
	}

	private @Nullable BigDecimal cost(Response response) {
		ResponseUsage usage = response.usage();
		return (usage != null) ? this.pricingTable.cost(response.model(), usage.toUsage()).orElse(null) : null;
	}

	record Piece(String content, @Nullable String responseId) {
	}

	record ResponsesInput(@Nullable String message, @Nullable String previousResponseId, @Nullable String model) {
	}

	record ResponsesReply(String reply, @Nullable String responseId, @Nullable String model,
			@Nullable ResponseUsage usage, @Nullable BigDecimal costUsd) {
	}

}
