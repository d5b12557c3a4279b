package io.github.openaiboot.autoconfigure;

import java.util.function.Consumer;

import io.github.openaiboot.core.OpenAiAccounts;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.pool.PoolListener;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.retry.OpenAiRetryListener;

/**
 * The meters of one named client or pool, made by the metrics auto-configuration when a
 * {@code MeterRegistry} exists, so that building a client needs no Micrometer types.
 *
 * @author openai-spring-boot
 */
interface OpenAiClientMetrics {

	/**
	 * Instrument the pacer a builder is about to build.
	 * @param client the client name
	 * @param builder the pacer's builder
	 * @return what to call with the built pacer
	 */
	Consumer<TokenBucketPacer> pacer(String client, TokenBucketPacer.Builder builder);

	/**
	 * Return the listener that counts the retries of a client.
	 * @param client the client name
	 * @return the listener
	 */
	OpenAiRetryListener retries(String client);

	/**
	 * Register the rate-limit headroom gauges of a client.
	 * @param client the client name
	 * @param tracker the client's latest rate-limit headers
	 */
	void rateLimits(String client, RateLimitTracker tracker);

	/**
	 * Return the listener that counts the calls of each account a resolver resolved.
	 * @param client the client name
	 * @return the listener
	 */
	OpenAiAccounts.Listener accounts(String client);

	/**
	 * Return the listener that counts the failovers of pools.
	 * @return the listener
	 */
	PoolListener failovers();

}
