package io.github.openaiboot.ratelimit;

import java.time.Duration;

import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.RateLimitDimension;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.RateLimitMessage;

/**
 * What a {@link TokenBucketPacer} learns from the server's refusals. A 429 holds the
 * model for what it is about: requests, or the requests that use tokens; per minute
 * for the hint but at most a minute, since a per-minute budget is back by then,
 * emptying the bucket it names and narrowing its burst, since pacing did not prevent
 * it; per day for the whole hint, leaving the per-minute buckets alone. A "Request too
 * large" teaches the tokens-per-minute limit, and takes nothing.
 *
 * @author openai-spring-boot
 */
final class ServerRejections {

	private static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

	private static final Duration LONGEST_PER_MINUTE_HOLD = Duration.ofMinutes(1);

	private ServerRejections() {
	}

	static void rateLimited(ModelBuckets buckets, RateLimitException exception) {
		PacerStores stores = buckets.stores();
		RateLimitDimension dimension = exception.dimension().orElse(null);
		Duration hint = exception.retryAfter().orElse(null);
		Duration delay = (hint != null) ? hint : DEFAULT_DELAY;
		boolean daily = dimension != null && dimension.isDaily();
		if (!daily && delay.compareTo(LONGEST_PER_MINUTE_HOLD) > 0) {
			delay = LONGEST_PER_MINUTE_HOLD;
		}
		buckets.hold(new ServerHold(stores.now() + delay.toNanos(), dimension, hint, exception));
		buckets.contacted();
		if (daily) {
			return;
		}
		RateLimitType type = (dimension != null) ? (dimension.isTokens() ? RateLimitType.TOKENS : RateLimitType.REQUESTS)
				: null;
		stores.update(() -> {
			try {
				synchronized (buckets) {
					buckets.drain(type);
					for (RateLimitType limit : RateLimitType.values()) {
						if (type == null || limit == type) {
							buckets.shrinkBurst(limit);
						}
					}
				}
			}
			catch (RuntimeException ex) {
				stores.updateFailed(buckets, ex);
			}
		});
	}

	static void requestTooLarge(ModelBuckets buckets, OpenAiException exception) {
		RateLimitMessage message = RateLimitMessage.parse(exception.error().message());
		Long limit = (message != null && message.dimension() == RateLimitDimension.TOKENS_PER_MINUTE)
				? message.limit() : null;
		if (limit == null || limit <= 0) {
			return;
		}
		PacerStores stores = buckets.stores();
		stores.update(() -> {
			try {
				synchronized (buckets) {
					if (!buckets.isConfigured(RateLimitType.TOKENS) && buckets.limit(RateLimitType.TOKENS) != limit) {
						buckets.learn(RateLimitType.TOKENS, limit, limit);
					}
				}
			}
			catch (RuntimeException ex) {
				stores.updateFailed(buckets, ex);
			}
		});
	}

}
