package io.github.openaiboot.benchmarks;

import java.util.Locale;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * The load scenarios.
 *
 * @author openai-spring-boot
 */
public enum Scenario {

	/**
	 * Chat completion, one JSON answer.
	 */
	CHAT(BenchmarkClient::chat),

	/**
	 * Streaming chat completion, {@value CannedResponses#CHUNKS_PER_STREAM} chunks.
	 */
	STREAM(BenchmarkClient::stream),

	/**
	 * Embedding of one text, 1536 dimensions in base64.
	 */
	EMBEDDINGS(BenchmarkClient::embed);

	private final Function<BenchmarkClient, Mono<Integer>> call;

	Scenario(Function<BenchmarkClient, Mono<Integer>> call) {
		this.call = call;
	}

	Mono<Integer> call(BenchmarkClient client) {
		return this.call.apply(client);
	}

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Scenario of(String id) {
		return valueOf(id.strip().toUpperCase(Locale.ROOT));
	}

}
