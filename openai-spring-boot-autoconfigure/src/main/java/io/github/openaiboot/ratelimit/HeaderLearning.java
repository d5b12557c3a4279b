package io.github.openaiboot.ratelimit;

import java.time.Duration;

import io.github.openaiboot.core.RateLimitHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link TokenBucketPacer} learns from the {@code x-ratelimit-*} headers of a
 * response: the limits that were not configured; the window the server enforces each
 * limit over (what remains of its bucket plus what refills until the reset is all the
 * bucket holds, see {@link BurstWindow}); and the remaining budget, to which a bucket
 * is lowered (never raised, since a header may be older than the requests sent since).
 * The first answer also lets the calls go that waited for it ({@link FirstContact}).
 *
 * @author openai-spring-boot
 */
final class HeaderLearning {

	private HeaderLearning() {
	}

	static void learn(ModelBuckets buckets, RateLimitHeaders headers) {
		try {
			synchronized (buckets) {
				learn(buckets, RateLimitType.REQUESTS, headers.limitRequests(), headers.remainingRequests(),
						headers.resetRequests());
				learn(buckets, RateLimitType.TOKENS, headers.limitTokens(), headers.remainingTokens(),
						headers.resetTokens());
			}
		}
		finally {
			buckets.contacted();
		}
	}

	private static void learn(ModelBuckets buckets, RateLimitType type, @Nullable Long limit,
			@Nullable Long remaining, @Nullable Duration reset) {
		if (limit != null && limit > 0 && !buckets.isConfigured(type) && limit != buckets.limit(type)) {
			buckets.learn(type, limit, (remaining != null) ? remaining : limit);
		}
		long serverLimit = (limit != null && limit > 0) ? limit : buckets.limit(type);
		if (serverLimit > 0 && remaining != null && reset != null) {
			buckets.learnWindow(type, serverLimit, remaining, reset);
		}
		if (remaining != null) {
			buckets.lowerTo(type, remaining);
		}
	}

}
