package io.github.openaiboot.benchmarks;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingRequest;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationContext;

/**
 * The exchanges through the starter's auto-configured {@link ChatClient} and
 * {@link EmbeddingClient}.
 *
 * @author openai-spring-boot
 */
public final class StarterBenchmarkClient implements BenchmarkClient {

	private static final EmbeddingRequest EMBEDDING_REQUEST = EmbeddingRequest.of(EMBEDDING_INPUT);

	private final ChatClient chatClient;

	private final EmbeddingClient embeddingClient;

	/**
	 * Create a client from the beans of an application context.
	 * @param context the context, started with the starter's auto-configurations
	 */
	public StarterBenchmarkClient(ApplicationContext context) {
		this.chatClient = context.getBean(ChatClient.class);
		this.embeddingClient = context.getBean(EmbeddingClient.class);
	}

	@Override
	public Mono<Integer> chat() {
		return this.chatClient.complete(CHAT_REQUEST).map(BenchmarkClient::check);
	}

	@Override
	public Mono<Integer> stream() {
		return BenchmarkClient.check(this.chatClient.stream(CHAT_REQUEST));
	}

	@Override
	public Mono<Integer> embed() {
		return this.embeddingClient.embed(EMBEDDING_REQUEST).map(BenchmarkClient::check);
	}

}
