package io.github.openaiboot.autoconfigure;

import java.util.function.Consumer;

import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.observation.OpenAiRateLimitMeterBinder;
import io.github.openaiboot.pool.PoolListener;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link OpenAiClientMetrics} in a {@link MeterRegistry}: the same meters as the default
 * client's, tagged with each client's name, and the {@code openai.pool.failovers}
 * counter.
 *
 * @author openai-spring-boot
 */
final class MicrometerOpenAiClientMetrics implements OpenAiClientMetrics {

	static final String FAILOVERS = "openai.pool.failovers";

	private final MeterRegistry registry;

	MicrometerOpenAiClientMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Consumer<TokenBucketPacer> pacer(String client, TokenBucketPacer.Builder builder) {
		RateLimitMetrics metrics = new RateLimitMetrics(this.registry, client);
		builder.listener(metrics);
		return metrics::bindTo;
	}

	@Override
	public OpenAiRetryListener retries(String client) {
		return new OpenAiRetryMetrics(() -> this.registry, client);
	}

	@Override
	public void rateLimits(String client, RateLimitTracker tracker) {
		new OpenAiRateLimitMeterBinder(tracker, client).bindTo(this.registry);
	}

	@Override
	public PoolListener failovers() {
		return (pool, from, kind) -> Counter.builder(FAILOVERS)
			.description("Attempts a pool moved from one member to another")
			.tag("openai.pool", pool)
			.tag("from", from)
			.tag("error.type", kind.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.registry)
			.increment();
	}

}
