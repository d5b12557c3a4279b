package io.github.openaiboot.autoconfigure;

import java.util.function.Consumer;

import io.github.openaiboot.core.OpenAiAccounts;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.observation.OpenAiRateLimitMeterBinder;
import io.github.openaiboot.pool.PoolListener;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * {@link OpenAiClientMetrics} in a {@link MeterRegistry}: the same meters as the default
 * client's, tagged with each client's name, and the {@code openai.pool.failovers}
 * counter.
 *
 * @author openai-spring-boot
 */
final class MicrometerOpenAiClientMetrics implements OpenAiClientMetrics {

	static final String FAILOVERS = "openai.pool.failovers";

	static final String ACCOUNT_CALLS = "openai.account.calls";

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
	public OpenAiAccounts.Listener accounts(String client) {
		return new OpenAiAccounts.Listener() {

			@Override
			public void onCall(OpenAiAccounts.Account account, @Nullable Throwable failure) {
				OpenAiErrorKind kind = (failure instanceof OpenAiException ex) ? ex.kind()
						: (failure != null) ? OpenAiErrorKind.UNKNOWN : null;
				Counter.builder(ACCOUNT_CALLS)
					.description("Calls made with an account an OpenAiAccountResolver resolved")
					.tag("openai.client", client)
					.tag("openai.account", account.id())
					.tag("error.type", (kind != null) ? kind.name() : "none")
					.register(MicrometerOpenAiClientMetrics.this.registry)
					.increment();
			}

			@Override
			public void onForgotten(OpenAiAccounts.Account account) {
				MicrometerOpenAiClientMetrics.this.registry.find(ACCOUNT_CALLS)
					.tag("openai.client", client)
					.tag("openai.account", account.id())
					.meters()
					.forEach(MicrometerOpenAiClientMetrics.this.registry::remove);
			}

		};
	}

	@Override
	public PoolListener failovers() {
		return (pool, from, kind) -> Counter.builder(FAILOVERS)
			.description("Attempts a pool moved from one member to another")
			.tag("openai.pool", pool)
			.tag("from", from)
			.tag("error.type", kind.name())
			.register(this.registry)
			.increment();
	}

}
