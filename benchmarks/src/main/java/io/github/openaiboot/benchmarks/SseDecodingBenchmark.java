package io.github.openaiboot.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A streamed chat answer of {@value CannedResponses#CONTENT_CHUNKS} content chunks (23
 * events and {@code [DONE]}), from response to decoded chunks, through the starter's
 * pipeline and through a plain {@code WebClient}.
 *
 * @author openai-spring-boot
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SseDecodingBenchmark {

	@Benchmark
	public Integer starterStream(InMemoryClients clients) {
		return clients.starter.stream().block();
	}

	@Benchmark
	public Integer plainStream(InMemoryClients clients) {
		return clients.plain.stream().block();
	}

}
