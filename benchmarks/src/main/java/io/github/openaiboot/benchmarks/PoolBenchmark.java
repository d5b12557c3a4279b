package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.pool.OpenAiClients;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A pool of several organisations, each a fake enforcing its own requests-per-minute
 * limit over one-second windows, offered a multiple of one organisation's limit at a
 * steady rate (open loop) through the starter's pool with its defaults: goodput against
 * the combined limit, server 429s, and errors the callers saw. With
 * {@code -Dpool.exhaust-at=S}, the last organisation answers every call with
 * {@code insufficient_quota} from second S on, and the others are expected to absorb its
 * traffic.
 * <p>
 * Settings (system properties): {@code pool.members} (3), {@code pool.rpm} (600 per
 * organisation), {@code pool.load} (3, in organisations' limits), {@code pool.duration}
 * (60 s), {@code pool.window} (1 s, the enforcement window), {@code pool.latency} (200 ms
 * per answer), {@code pool.exhaust-at} (-1: never), {@code pool.strategy} (headroom).
 *
 * @author openai-spring-boot
 */
public final class PoolBenchmark {

	private PoolBenchmark() {
	}

	public static void main(String[] args) {
		int members = Integer.getInteger("pool.members", 3);
		int rpm = Integer.getInteger("pool.rpm", 600);
		double load = Double.parseDouble(System.getProperty("pool.load", "3"));
		Duration duration = Duration.ofSeconds(Long.getLong("pool.duration", 60));
		Duration window = Duration.parse("PT" + System.getProperty("pool.window", "1s").toUpperCase(Locale.ROOT));
		Duration latency = Duration.ofMillis(Long.getLong("pool.latency", 200));
		long exhaustAt = Long.getLong("pool.exhaust-at", -1);
		String strategy = System.getProperty("pool.strategy", "headroom");
		List<QuotaFakeOrganisation> organisations = new ArrayList<>();
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.main.log-startup-info=false", "logging.level.root=WARN", "openai.api-key=sk-benchmark",
				"openai.base-url=http://127.0.0.1:1/v1", "openai.pools.orgs.strategy=" + strategy,
				"management.metrics.enable.all=false"));
		List<String> names = new ArrayList<>();
		for (int i = 0; i < members; i++) {
			String name = "org-" + (char) ('a' + i);
			QuotaFakeOrganisation organisation = new QuotaFakeOrganisation(name, rpm, window, latency);
			organisations.add(organisation);
			names.add(name);
			properties.add("openai.clients." + name + ".base-url=" + organisation.baseUrl());
			properties.add("openai.clients." + name + ".organization=" + name);
		}
		properties.add("openai.pools.orgs.members=" + String.join(",", names));
		properties.addAll(BenchmarkContexts.extraProperties());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
				BenchmarkContexts.BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			ChatClient chat = context.getBean(OpenAiClients.class).chat("orgs");
			double perSecond = rpm / 60.0 * load;
			long total = Math.round(perSecond * duration.toSeconds());
			Duration period = Duration.ofNanos(Math.round(1_000_000_000 / perSecond));
			AtomicLong succeeded = new AtomicLong();
			AtomicLong succeededInTime = new AtomicLong();
			Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
			long start = System.nanoTime();
			long deadline = start + duration.toNanos();
			Flux.interval(period, Schedulers.parallel()).take(total).doOnNext((tick) -> {
				if (exhaustAt >= 0 && tick == Math.round(perSecond * exhaustAt)) {
					organisations.get(members - 1).exhaustQuota();
				}
			})
				.flatMap((tick) -> chat.ask("Hi").doOnNext((answer) -> {
					succeeded.incrementAndGet();
					if (System.nanoTime() <= deadline) {
						succeededInTime.incrementAndGet();
					}
				}).onErrorResume((ex) -> {
					String kind = (ex instanceof OpenAiException openai) ? openai.kind().name()
							: ex.getClass().getSimpleName();
					errors.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
					return Mono.empty();
				}), Integer.MAX_VALUE)
				.blockLast(duration.multipliedBy(3));
			double elapsed = (System.nanoTime() - start) / 1e9;
			long rateLimited = organisations.stream().mapToLong(QuotaFakeOrganisation::rateLimited).sum();
			long quota = organisations.stream().mapToLong(QuotaFakeOrganisation::quotaRefused).sum();
			long requests = organisations.stream()
				.mapToLong((organisation) -> organisation.served() + organisation.rateLimited()
						+ organisation.quotaRefused())
				.sum();
			double combinedLimit = members * rpm / 60.0 * duration.toSeconds();
			System.out.printf(Locale.ROOT,
					"pool of %d organisations x %d RPM (enforced per %s), %s strategy, offered %.1fx one organisation for %ds%s%n",
					members, rpm, window, strategy, load, duration.toSeconds(),
					(exhaustAt >= 0) ? ", " + names.get(members - 1) + " out of credit from " + exhaustAt + "s" : "");
			System.out.printf(Locale.ROOT,
					"offered %d calls; %d succeeded within the %ds (goodput %.3f of the combined limit), all %d by %.1fs%n",
					total, succeededInTime.get(), duration.toSeconds(), succeededInTime.get() / combinedLimit,
					succeeded.get(), elapsed);
			System.out.printf(Locale.ROOT, "server requests %d: 429 rate_limit_exceeded %d (%.2f %%), insufficient_quota %d%n",
					requests, rateLimited, 100.0 * rateLimited / Math.max(1, requests), quota);
			System.out.println("caller errors: " + (errors.isEmpty() ? "none" : errors));
			for (QuotaFakeOrganisation organisation : organisations) {
				System.out.printf(Locale.ROOT, "  %s served %d, 429 %d, insufficient_quota %d%n", organisation.name(),
						organisation.served(), organisation.rateLimited(), organisation.quotaRefused());
				if (Boolean.getBoolean("pool.verbose")) {
					System.out.println("    429s at (tenths of a second): " + organisation.rejectedAt());
				}
			}
		}
		finally {
			organisations.forEach(QuotaFakeOrganisation::close);
		}
	}

}
