package io.github.openaiboot.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.core.OpenAiJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A chat completion: JSON decoding alone, and the whole call through the starter's
 * pipeline and through a plain {@code WebClient}.
 *
 * @author openai-spring-boot
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChatCompletionBenchmark {

	private static final byte[] BODY = CannedResponses.chatCompletion();

	@Benchmark
	public ChatCompletion decodeJson() {
		return OpenAiJson.mapper().readValue(BODY, ChatCompletion.class);
	}

	@Benchmark
	public Integer starterComplete(InMemoryClients clients) {
		return clients.starter.chat().block();
	}

	@Benchmark
	public Integer plainComplete(InMemoryClients clients) {
		return clients.plain.chat().block();
	}

}
