package io.github.openaiboot.test.simulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that streams arrive over time and that the simulator serves concurrent clients.
 *
 * @author OpenAI Spring Boot contributors
 */
class StreamingAndLoadTests {

	private static final String STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}";

	@Test
	void spreadsStreamedFramesOverTime() {
		try (OpenAiSimulator simulator = OpenAiSimulator.builder()
			.streamChunks(6)
			.chunkDelay(Duration.ofMillis(40))
			.build()
			.start()) {
			List<Long> arrivals = new ArrayList<>();
			long start = System.nanoTime();
			HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/chat/completions"))
				.POST(HttpRequest.BodyPublishers.ofString(STREAM))
				.build();
			HttpResponse<java.util.stream.Stream<String>> response = SimulatorHttp.send(request,
					HttpResponse.BodyHandlers.ofLines());
			List<String> frames = new ArrayList<>();
			response.body().filter((line) -> line.startsWith("data: ")).forEach((line) -> {
				arrivals.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
				frames.add(line);
			});
			assertThat(frames).hasSize(1 + 6 + 1 + 1).last().isEqualTo("data: [DONE]");
			// 9 frames at 40 ms each: the last arrives well after the first
			assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThanOrEqualTo(150);
		}
	}

	@Test
	void servesConcurrentClientsAndCountsEveryRequest() {
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try (OpenAiSimulator simulator = OpenAiSimulator.builder().build().start()) {
			simulator.inject(SimulatedFault.serverError()).times(10);
			SimulatorHttp http = new SimulatorHttp(simulator.baseUrl());
			List<CompletableFuture<Integer>> futures = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				futures.add(CompletableFuture.supplyAsync(
						() -> http.post("/chat/completions", STREAM.replace("true", "false")).statusCode(), executor));
			}
			List<Integer> statuses = futures.stream().map(CompletableFuture::join).toList();
			assertThat(statuses.stream().filter((status) -> status == 500)).hasSize(10);
			assertThat(statuses.stream().filter((status) -> status == 200)).hasSize(190);
			assertThat(simulator.requestCount(Endpoint.CHAT)).isEqualTo(200);
			assertThat(simulator.receivedBodies(Endpoint.CHAT)).hasSize(200);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
