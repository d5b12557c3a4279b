package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.bucket4j.Bucket;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.ratelimit.RateLimiter.Permit;
import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The permits of one request from a model's buckets, and the wait before it may be
 * sent; or the pacer's refusal, holding nothing.
 *
 * @author openai-spring-boot
 */
final class BucketPermit implements Permit {

	private static final AtomicIntegerFieldUpdater<BucketPermit> SETTLED = AtomicIntegerFieldUpdater
		.newUpdater(BucketPermit.class, "settled");

	private final @Nullable ModelBuckets buckets;

	private final @Nullable Bucket requestsBucket;

	private final @Nullable Bucket tokensBucket;

	private final long requests;

	private final long tokens;

	private final Duration delay;

	private final @Nullable RuntimeException refusal;

	private volatile int settled;

	BucketPermit(ModelBuckets buckets, @Nullable Bucket requestsBucket, @Nullable Bucket tokensBucket, long requests,
			long tokens, Duration delay) {
		this.buckets = buckets;
		this.requestsBucket = requestsBucket;
		this.tokensBucket = tokensBucket;
		this.requests = requests;
		this.tokens = tokens;
		this.delay = delay;
		this.refusal = null;
	}

	BucketPermit(RuntimeException refusal) {
		this.buckets = null;
		this.requestsBucket = null;
		this.tokensBucket = null;
		this.requests = 0;
		this.tokens = 0;
		this.delay = Duration.ZERO;
		this.refusal = refusal;
		this.settled = 1;
	}

	/**
	 * Return why the pacer refused the request.
	 * @return a {@link RateLimitException}, or {@code null} for a permit
	 */
	@Nullable RuntimeException refusal() {
		return this.refusal;
	}

	/**
	 * Return how long the request must wait before it is sent.
	 */
	Duration delay() {
		return this.delay;
	}

	@Override
	public void reconcile(Usage usage) {
		if (settle()) {
			giveBack(this.tokensBucket, this.tokens - usage.totalTokens());
		}
	}

	@Override
	public void refund() {
		if (settle()) {
			giveBack(this.tokensBucket, this.tokens);
		}
	}

	@Override
	public void release() {
		if (settle()) {
			giveBack(this.requestsBucket, this.requests);
			giveBack(this.tokensBucket, this.tokens);
		}
	}

	@Override
	public void complete() {
		this.settled = 1;
	}

	private boolean settle() {
		return SETTLED.compareAndSet(this, 0, 1);
	}

	private void giveBack(@Nullable Bucket bucket, long permits) {
		ModelBuckets buckets = this.buckets;
		if (bucket == null || permits == 0 || buckets == null) {
			return;
		}
		buckets.stores().update(() -> {
			try {
				buckets.giveBack(bucket, permits);
			}
			catch (RuntimeException ex) {
				buckets.stores().updateFailed(buckets, ex);
			}
		});
	}

}
