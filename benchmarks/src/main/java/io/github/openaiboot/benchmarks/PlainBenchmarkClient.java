package io.github.openaiboot.benchmarks;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.embedding.EncodingFormat;
import io.github.openaiboot.embedding.EmbeddingRequest;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The same exchanges written by hand on a plain {@link WebClient}: the same Reactor Netty
 * connector, the same request and response records and a mapper configured like the
 * starter's, with no retry, observation, rate-limit tracking or error decoding. This is
 * the baseline the starter is measured against.
 *
 * @author openai-spring-boot
 */
public final class PlainBenchmarkClient implements BenchmarkClient {

	private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
	};

	private static final EmbeddingRequest EMBEDDING_REQUEST = EmbeddingRequest.builder()
		.model("text-embedding-3-small")
		.input(EMBEDDING_INPUT)
		.encodingFormat(EncodingFormat.BASE64)
		.build();

	private final JsonMapper mapper = OpenAiJson.mapper();

	private final WebClient webClient;

	private PlainBenchmarkClient(WebClient.Builder builder) {
		this.webClient = builder.defaultHeaders((headers) -> headers.setBearerAuth(BenchmarkContexts.API_KEY)).build();
	}

	/**
	 * Create a client over Reactor Netty.
	 * @param baseUrl the OpenAI base URL
	 * @return the client
	 */
	public static PlainBenchmarkClient create(String baseUrl) {
		return create(WebClient.builder(), baseUrl);
	}

	/**
	 * Create a client over Reactor Netty from a given builder, such as Spring Boot's.
	 * @param builder the builder, which is changed
	 * @param baseUrl the OpenAI base URL
	 * @return the client
	 */
	public static PlainBenchmarkClient create(WebClient.Builder builder, String baseUrl) {
		return new PlainBenchmarkClient(
				builder.baseUrl(baseUrl).clientConnector(new ReactorClientHttpConnector(HttpClient.create())));
	}

	/**
	 * Create a client that answers from memory.
	 * @param exchangeFunction the exchange function
	 * @return the client
	 */
	public static PlainBenchmarkClient create(ExchangeFunction exchangeFunction) {
		return new PlainBenchmarkClient(
				WebClient.builder().baseUrl("http://127.0.0.1:9/v1").exchangeFunction(exchangeFunction));
	}

	// Bodies are serialized per call, as the starter does, so that both pay for it.
	@Override
	public Mono<Integer> chat() {
		return this.webClient.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(CHAT_REQUEST))
			.retrieve()
			.bodyToMono(byte[].class)
			.map((body) -> BenchmarkClient.check(this.mapper.readValue(body, ChatCompletion.class)));
	}

	@Override
	public Mono<Integer> stream() {
		return BenchmarkClient.check(this.webClient.post()
			.uri("/chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(this.mapper.writeValueAsBytes(BenchmarkClient.streamingChatRequest()))
			.retrieve()
			.bodyToFlux(SSE)
			// read on to the end, as the starter does: cancelling at [DONE] would leave the
			// response unread and cost a new connection per stream
			.filter((event) -> event.data() != null && !event.data().isBlank() && !"[DONE]".equals(event.data()))
			.map((event) -> this.mapper.readValue(event.data(), ChatCompletionChunk.class)));
	}

	@Override
	public Mono<Integer> embed() {
		return this.webClient.post()
			.uri("/embeddings")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.mapper.writeValueAsBytes(EMBEDDING_REQUEST))
			.retrieve()
			.bodyToMono(byte[].class)
			.map((body) -> BenchmarkClient.check(this.mapper.readValue(body, EmbeddingResponse.class)));
	}

}
