package io.github.openaiboot.observation;

import java.time.Duration;
import java.util.function.Function;

import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.core.RateLimitTracker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of the rate-limit headroom OpenAI reported with its latest response, success or
 * error, streams included: {@code openai.ratelimit.limit}, {@code
 * openai.ratelimit.remaining} and {@code openai.ratelimit.reset} (seconds until the
 * window resets), each for {@code limit=requests} and {@code limit=tokens}. A gauge reads
 * {@code NaN} until a response has carried the header.
 *
 * @author openai-spring-boot
 */
public final class OpenAiRateLimitMeterBinder implements MeterBinder {

	private final RateLimitTracker tracker;

	private final String clientName;

	/**
	 * Create a binder.
	 * @param tracker where the latest headroom is kept
	 * @param clientName the client name, the value of {@code openai.client}
	 */
	public OpenAiRateLimitMeterBinder(RateLimitTracker tracker, String clientName) {
		this.tracker = tracker;
		this.clientName = clientName;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "openai.ratelimit.limit", "requests", "Requests per minute allowed", null,
				RateLimitHeaders::limitRequests);
		gauge(registry, "openai.ratelimit.limit", "tokens", "Tokens per minute allowed", null,
				RateLimitHeaders::limitTokens);
		gauge(registry, "openai.ratelimit.remaining", "requests", "Requests left in the current window", null,
				RateLimitHeaders::remainingRequests);
		gauge(registry, "openai.ratelimit.remaining", "tokens", "Tokens left in the current window", null,
				RateLimitHeaders::remainingTokens);
		gauge(registry, "openai.ratelimit.reset", "requests", "Time until the requests window resets", "seconds",
				(headers) -> seconds(headers.resetRequests()));
		gauge(registry, "openai.ratelimit.reset", "tokens", "Time until the tokens window resets", "seconds",
				(headers) -> seconds(headers.resetTokens()));
	}

	private void gauge(MeterRegistry registry, String name, String limit, String description,
			@Nullable String baseUnit, Function<RateLimitHeaders, @Nullable Number> value) {
		Gauge.builder(name, this.tracker, (tracker) -> read(tracker, value))
			.description(description)
			.baseUnit(baseUnit)
			.tag("limit", limit)
			.tag("openai.client", this.clientName)
			.strongReference(true)
			.register(registry);
	}

	private static double read(RateLimitTracker tracker, Function<RateLimitHeaders, @Nullable Number> value) {
		RateLimitTracker.Snapshot snapshot = tracker.latest();
		if (snapshot == null) {
			return Double.NaN;
		}
		Number number = value.apply(snapshot.headers());
		return (number != null) ? number.doubleValue() : Double.NaN;
	}

	private static @Nullable Double seconds(@Nullable Duration duration) {
		return (duration != null) ? duration.toNanos() / 1e9 : null;
	}

}
