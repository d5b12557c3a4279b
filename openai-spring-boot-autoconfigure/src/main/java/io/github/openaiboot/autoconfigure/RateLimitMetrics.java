package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.openaiboot.ratelimit.PacingListener;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of the pacer: the {@code openai.ratelimit.wait} timer, and an
 * {@code openai.ratelimit.available} gauge of the permits left in each model's
 * requests and tokens buckets.
 *
 * @author openai-spring-boot
 */
final class RateLimitMetrics implements PacingListener {

	static final String WAIT = "openai.ratelimit.wait";

	static final String AVAILABLE = "openai.ratelimit.available";

	private final MeterRegistry registry;

	private final String clientName;

	private final Timer wait;

	private final AtomicReference<@Nullable TokenBucketPacer> pacer = new AtomicReference<>();

	RateLimitMetrics(MeterRegistry registry, String clientName) {
		this.registry = registry;
		this.clientName = clientName;
		this.wait = Timer.builder(WAIT)
			.description("Time requests waited for requests and tokens per minute permits")
			.tag("openai.client", clientName)
			.register(registry);
	}

	void bindTo(TokenBucketPacer pacer) {
		this.pacer.set(pacer);
	}

	@Override
	public void onAcquired(String model, Duration wait) {
		this.wait.record(wait);
	}

	@Override
	public void onModel(String model) {
		for (RateLimitType type : RateLimitType.values()) {
			Gauge.builder(AVAILABLE, this, (metrics) -> metrics.available(model, type))
				.description("Requests or tokens available now in the pacer's bucket, negative while callers wait")
				.baseUnit(type.tagValue())
				.tag("limit", type.tagValue())
				.tag("gen_ai.request.model", model)
				.tag("openai.client", this.clientName)
				.register(this.registry);
		}
	}

	private double available(String model, RateLimitType type) {
		TokenBucketPacer pacer = this.pacer.get();
		Long available = (pacer != null) ? pacer.available(model, type) : null;
		return (available != null) ? available : Double.NaN;
	}

}
