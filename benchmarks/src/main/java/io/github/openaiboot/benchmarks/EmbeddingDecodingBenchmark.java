package io.github.openaiboot.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.embedding.EmbeddingResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * An embedding of {@value CannedResponses#DIMENSIONS} dimensions, decoded from base64
 * (the starter's default) and from a JSON array of numbers, and the whole call through
 * the starter's pipeline.
 *
 * @author openai-spring-boot
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EmbeddingDecodingBenchmark {

	private static final byte[] BASE64 = CannedResponses.embeddingBase64();

	private static final byte[] FLOATS = CannedResponses.embeddingFloats();

	@Benchmark
	public EmbeddingResponse decodeBase64() {
		return OpenAiJson.mapper().readValue(BASE64, EmbeddingResponse.class);
	}

	@Benchmark
	public EmbeddingResponse decodeFloats() {
		return OpenAiJson.mapper().readValue(FLOATS, EmbeddingResponse.class);
	}

	@Benchmark
	public Integer starterEmbed(InMemoryClients clients) {
		return clients.starter.embed().block();
	}

	@Benchmark
	public Integer plainEmbed(InMemoryClients clients) {
		return clients.plain.embed().block();
	}

}
