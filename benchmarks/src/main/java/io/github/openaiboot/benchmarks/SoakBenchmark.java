package io.github.openaiboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Soak: {@code soak.requests} calls (chat, chat streams and embeddings in turn) at
 * {@code soak.concurrency} against the OpenAI simulator, {@code soak.fault-rate} of
 * whose answers are a {@code 503}, with the starter's default retry. Every
 * {@code soak.sample} calls it samples the heap after a full GC and the live thread
 * count, and at the end prints the heap's slope (least squares, MB per 10,000 calls),
 * the thread counts and every failure by type: an {@link OpenAiException} is an expected
 * failure (a call whose every attempt met a fault), anything else is unexpected.
 *
 * @author openai-spring-boot
 */
public final class SoakBenchmark {

	private SoakBenchmark() {
	}

	public static void main(String[] args) {
		int requests = Integer.getInteger("soak.requests", 100_000);
		int concurrency = Integer.getInteger("soak.concurrency", 256);
		int sample = Integer.getInteger("soak.sample", 10_000);
		double faultRate = Double.parseDouble(System.getProperty("soak.fault-rate", "0.01"));
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		try (OpenAiSimulator simulator = OpenAiSimulator.builder().streamChunks(8).build().start()) {
			simulator.inject(SimulatedFault.serverError(503)).fraction(faultRate);
			List<String> properties = new ArrayList<>(List.of("openai.api-key=" + BenchmarkContexts.API_KEY,
					"openai.base-url=" + simulator.baseUrl(), "openai.rate-limit.enabled=false",
					"openai.retry.initial-backoff=10ms", "openai.retry.max-backoff=50ms",
					"management.health.openai.enabled=false"));
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
					BenchmarkContexts.BenchmarkApplication.class)
				.web(WebApplicationType.NONE)
				.properties(properties.toArray(String[]::new))
				.run()) {
				ChatClient chat = context.getBean(ChatClient.class);
				EmbeddingClient embeddings = context.getBean(EmbeddingClient.class);
				AtomicLong succeeded = new AtomicLong();
				AtomicLong expected = new AtomicLong();
				Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
				List<double[]> heap = new ArrayList<>();
				List<Integer> threadCounts = new ArrayList<>();
				long simulatorRequests = 0;
				long start = System.nanoTime();
				for (int done = 0; done < requests; done += sample) {
					int batch = Math.min(sample, requests - done);
					int offset = done;
					Flux.range(offset, batch).flatMap((i) -> call(i, chat, embeddings).doOnSuccess((v) -> succeeded.incrementAndGet())
						.onErrorResume((ex) -> {
							if (ex instanceof OpenAiException) {
								expected.incrementAndGet();
							}
							else {
								unexpected.computeIfAbsent(ex.getClass().getName(), (k) -> new AtomicLong()).incrementAndGet();
							}
							return Mono.empty();
						}), concurrency).blockLast();
					// the simulator keeps every request body it received: drop them, so that the heap is the starter's
					simulatorRequests += simulator.requestCount();
					simulator.reset();
					simulator.inject(SimulatedFault.serverError(503)).fraction(faultRate);
					System.gc();
					double usedMb = memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
					heap.add(new double[] { done + batch, usedMb });
					threadCounts.add(threads.getThreadCount());
					System.out.printf(Locale.ROOT, "%,7d calls  heap after GC %6.1f MB  threads %d%n", done + batch,
							usedMb, threads.getThreadCount());
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				System.out.printf(Locale.ROOT,
						"%n%,d calls in %.1f s (%.0f/s) at concurrency %d, fault rate %.3f: %,d succeeded, %,d failed "
								+ "with an OpenAiException, unexpected %s; simulator requests %,d%n",
						requests, seconds, requests / seconds, concurrency, faultRate, succeeded.get(), expected.get(),
						unexpected, simulatorRequests);
				System.out.printf(Locale.ROOT, "heap slope %.3f MB per 10k calls (first %.1f MB, last %.1f MB)%n",
						slope(heap) * 10_000, heap.get(0)[1], heap.get(heap.size() - 1)[1]);
				System.out.println("threads " + threadCounts);
			}
		}
	}

	private static Mono<?> call(int i, ChatClient chat, EmbeddingClient embeddings) {
		return switch (i % 3) {
			case 0 -> chat.ask("soak " + i);
			case 1 -> chat.stream(ChatRequest.builder().user("soak " + i).build()).then(Mono.just(i));
			default -> embeddings.embed("soak " + i);
		};
	}

	// least squares over (calls, MB)
	private static double slope(List<double[]> points) {
		double n = points.size();
		double sx = 0;
		double sy = 0;
		double sxx = 0;
		double sxy = 0;
		for (double[] p : points) {
			sx += p[0];
			sy += p[1];
			sxx += p[0] * p[0];
			sxy += p[0] * p[1];
		}
		double denominator = n * sxx - sx * sx;
		return (denominator == 0) ? 0 : (n * sxy - sx * sy) / denominator;
	}

}
