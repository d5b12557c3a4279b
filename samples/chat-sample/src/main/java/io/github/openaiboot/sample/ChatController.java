package io.github.openaiboot.sample;

import java.math.BigDecimal;
import java.util.List;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.Usage;
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
 * The sample's API: chat, streamed chat, embeddings and images.
 *
 * @author openai-spring-boot
 */
@RestController
@RequestMapping("/api")
class ChatController {

	private final ChatClient chatClient;

	private final EmbeddingClient embeddingClient;

	private final ImageClient imageClient;

	private final PricingTable pricingTable;

	ChatController(ChatClient chatClient, EmbeddingClient embeddingClient, ImageClient imageClient,
			PricingTable pricingTable) {
		this.chatClient = chatClient;
		this.embeddingClient = embeddingClient;
		this.imageClient = imageClient;
		this.pricingTable = pricingTable;
	}

	@PostMapping("/chat")
	Mono<ChatReply> chat(@RequestBody ChatInput input) {
		String message = requireText(input.message(), "message");
		ChatRequest request = ChatRequest.builder().model(input.model()).user(message).build();
		return this.chatClient.complete(request)
			.map((completion) -> new ChatReply(completion.content(), completion.model(), completion.usage(),
					cost(completion)));
	}

	/**
	 * Streams the answer as {@code content} events, then {@code done}; a failure, before
	 * or after the first piece, ends the stream with a {@code problem} event carrying the
	 * same problem detail as the other endpoints, since a browser's EventSource cannot
	 * read the body of a failed response.
	 */
	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> stream(@RequestParam String message, @RequestParam(required = false) String model) {
		ChatRequest request = ChatRequest.builder().model(model).user(requireText(message, "message")).build();
		// JSON data: SSE readers drop a leading space of plain-text data, which would glue words together
		return this.chatClient.stream(request)
			.map((chunk) -> chunk.content())
			.filter((content) -> !content.isEmpty())
			.map((content) -> event("content", new Piece(content)))
			.concatWithValues(event("done", new Piece("")))
			.onErrorResume(OpenAiException.class,
					(ex) -> Mono.just(event("problem", OpenAiProblemHandler.problemFor(ex))));
	}

	@PostMapping("/embeddings")
	Mono<EmbeddingsReply> embeddings(@RequestBody EmbeddingsInput input) {
		if (input.texts() == null || input.texts().isEmpty()) {
			throw new ServerWebInputException("'texts' must be a non-empty list of strings");
		}
		return this.embeddingClient.embed(EmbeddingRequest.builder().input(input.texts()).build())
			.map((response) -> new EmbeddingsReply(response.model(),
					response.data().isEmpty() ? 0 : response.data().get(0).embedding().length, response.vectors(),
					response.usage()));
	}

	@PostMapping("/images")
	Mono<ImageReply> images(@RequestBody ImageInput input) {
		String prompt = requireText(input.prompt(), "prompt");
		ImageRequest request = ImageRequest.builder(prompt).responseFormat(input.responseFormat()).build();
		return this.imageClient.generate(request).map((response) -> {
			var image = response.data().get(0);
			return new ImageReply(image.url(), image.b64Json(), image.revisedPrompt());
		});
	}

	private @Nullable BigDecimal cost(ChatCompletion completion) {
		Usage usage = completion.usage();
		return (usage != null) ? this.pricingTable.cost(completion.model(), usage).orElse(null) : null;
	}

	private static ServerSentEvent<Object> event(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	private static String requireText(@Nullable String value, String name) {
		if (value == null || value.isBlank()) {
			throw new ServerWebInputException("'" + name + "' must not be blank");
		}
		return value;
	}

	record Piece(String content) {
	}

	record ChatInput(@Nullable String message, @Nullable String model) {
	}

	record ChatReply(@Nullable String reply, @Nullable String model, @Nullable Usage usage,
			@Nullable BigDecimal costUsd) {
	}

	record EmbeddingsInput(@Nullable List<String> texts) {
	}

	record EmbeddingsReply(@Nullable String model, int dimensions, List<float[]> vectors, @Nullable Usage usage) {
	}

	record ImageInput(@Nullable String prompt, @Nullable String responseFormat) {
	}

	record ImageReply(@Nullable String url, @Nullable String b64Json, @Nullable String revisedPrompt) {
	}

}
