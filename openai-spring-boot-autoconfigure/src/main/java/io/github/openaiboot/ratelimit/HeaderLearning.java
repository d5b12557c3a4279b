package io.github.openaiboot.ratelimit;

import io.github.openaiboot.core.RateLimitHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TokenBucketPacer} learns from the {@code x-ratelimit-*} headers of a
 * response: the limits that were not configured, and the remaining budget, to which a
 * bucket is lowered (never raised, since a header may be older than the requests sent
 * since).
 *
 * @author openai-spring-boot
 */
final class HeaderLearning {

	private HeaderLearning() {
	}

	static void learn(ModelBuckets buckets, RateLimitHeaders headers) {
		synchronized (buckets) {
			learn(buckets, RateLimitType.REQUESTS, headers.limitRequests(), headers.remainingRequests());
			learn(buckets, RateLimitType.TOKENS, headers.limitTokens(), headers.remainingTokens());
		}
	}

	private static void learn(ModelBuckets buckets, RateLimitType type, @Nullable Long limit,
			@Nullable Long remaining) {
		if (limit != null && limit > 0 && !buckets.isConfigured(type) && limit != buckets.limit(type)) {
			buckets.learn(type, limit, (remaining != null) ? remaining : limit);
		}
		if (remaining != null) {
			buckets.lowerTo(type, remaining);
		}
	}

}
