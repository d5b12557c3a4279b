package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.embedding.EmbedAllOptions;
import io.github.openaiboot.embedding.EmbeddingClient;
import reactor.core.publisher.Flux;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bulk embeddings at the limit: a corpus of short texts sent through
 * {@link EmbeddingClient#embedAll(Flux, EmbedAllOptions)} with the starter's defaults
 * against a fake organisation enforcing a tokens-per-minute limit, once with the default
 * concurrency and once one call at a time (what {@code embed} did before), each with a
 * fresh fake and a fresh application. Reports the time against the least the limit
 * allows, the server's 429s and the errors the caller saw.
 * <p>
 * Settings (system properties): {@code embed.texts} (200,000), {@code embed.tpm}
 * (1,000,000), {@code embed.latency} (300 ms per answer), {@code embed.window} (60 s of
 * the limit as the fake's burst), {@code embed.concurrency} (the starter's default).
 *
 * @author openai-spring-boot
 */
public final class EmbedAllBenchmark {

	private EmbedAllBenchmark() {
	}

	public static void main(String[] args) {
		int texts = Integer.getInteger("embed.texts", 200_000);
		long tpm = Long.getLong("embed.tpm", 1_000_000);
		Duration latency = Duration.ofMillis(Long.getLong("embed.latency", 300));
		Duration window = Duration.ofSeconds(Long.getLong("embed.window", 60));
		Integer concurrency = Integer.getInteger("embed.concurrency");
		System.out.printf(Locale.ROOT, "%d short texts, fake enforcing %d TPM (burst of %ds), %d ms per answer%n", texts,
				tpm, window.toSeconds(), latency.toMillis());
		Result concurrent = run(texts, tpm, window, latency, concurrency);
		concurrent.print("embedAll, " + ((concurrency != null) ? "concurrency " + concurrency : "defaults"));
		Result sequential = run(texts, tpm, window, latency, 1);
		sequential.print("embedAll, one call at a time");
		System.out.printf(Locale.ROOT, "sequential / concurrent time: %.2f%n", sequential.seconds / concurrent.seconds);
	}

	private static Result run(int texts, long tpm, Duration window, Duration latency, Integer concurrency) {
		try (TpmFakeOrganisation organisation = new TpmFakeOrganisation(tpm, window, latency)) {
			List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
					"spring.main.log-startup-info=false", "logging.level.root=WARN", "openai.api-key=sk-benchmark",
					"openai.base-url=" + organisation.baseUrl(), "management.metrics.enable.all=false"));
			properties.addAll(BenchmarkContexts.extraProperties());
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
					BenchmarkContexts.BenchmarkApplication.class)
				.web(WebApplicationType.NONE)
				.properties(properties.toArray(String[]::new))
				.run()) {
				EmbeddingClient client = context.getBean(EmbeddingClient.class);
				Flux<String> corpus = Flux.range(0, texts)
					.map((i) -> "Chunk " + i + " of the handbook: how to rotate the API keys of service " + (i % 97)
							+ ".");
				AtomicLong received = new AtomicLong();
				long start = System.nanoTime();
				Throwable error = null;
				try {
					client.embedAll(corpus, EmbedAllOptions.builder().concurrency(concurrency).build())
						.doOnNext((embedding) -> {
							if (embedding.index() != received.getAndIncrement()) {
								throw new IllegalStateException("Out of order at " + embedding.index());
							}
						})
						.blockLast(Duration.ofMinutes(30));
				}
				catch (RuntimeException ex) {
					error = ex;
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				return new Result(seconds, received.get(), organisation.tokensServed(),
						organisation.secondsAllowedFor(organisation.tokensServed()) + latency.toMillis() / 1000.0,
						organisation.served(), organisation.rateLimited(), error);
			}
		}
	}

	private record Result(double seconds, long vectors, long tokens, double allowed, long served, long rateLimited,
			Throwable error) {

		void print(String label) {
			long requests = this.served + this.rateLimited;
			System.out.printf(Locale.ROOT,
					"%s: %d vectors, %d tokens in %.1f s; the limit allows %.1f s: %.3fx; server requests %d, 429 %d (%.2f %%); caller errors: %s%n",
					label, this.vectors, this.tokens, this.seconds, this.allowed, this.seconds / this.allowed, requests,
					this.rateLimited, 100.0 * this.rateLimited / Math.max(1, requests),
					(this.error != null) ? this.error : "none");
		}

	}

}
