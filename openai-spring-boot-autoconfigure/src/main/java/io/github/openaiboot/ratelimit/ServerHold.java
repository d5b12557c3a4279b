package io.github.openaiboot.ratelimit;

import java.time.Duration;

import io.github.openaiboot.error.RateLimitDimension;
import io.github.openaiboot.error.RateLimitException;
import org.jspecify.annotations.Nullable;

/**
 * A model held by the pacer after a server 429, until the time the server's hint means
 * for the limit it names.
 *
 * @param until when the hold ends, on the pacer's clock in nanoseconds
 * @param dimension the limit the 429 named, or {@code null} when it named none
 * @param hint the delay the server asked for, if any
 * @param cause the server's 429
 * @author openai-spring-boot
 */
record ServerHold(long until, @Nullable RateLimitDimension dimension, @Nullable Duration hint,
		RateLimitException cause) {

	/**
	 * Return whether a request with the given tokens is held: a hold on requests (or on an
	 * unnamed limit) holds every request, a hold on tokens those that use tokens.
	 */
	boolean holds(long tokens) {
		return this.dimension == null || !this.dimension.isTokens() || tokens > 0;
	}

}
