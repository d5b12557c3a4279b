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

	private final @Nullable Runnable onSettled;

	private volatile int settled;

	BucketPermit(ModelBuckets buckets, @Nullable Bucket requestsBucket, @Nullable Bucket tokensBucket, long requests,
			long tokens, Duration delay) {
		this(buckets, requestsBucket, tokensBucket, requests, tokens, delay, null);
	}

	/**
	 * Create a permit that runs a callback once it is settled, however.
	 */
	BucketPermit(ModelBuckets buckets, @Nullable Bucket requestsBucket, @Nullable Bucket tokensBucket, long requests,
			long tokens, Duration delay, @Nullable Runnable onSettled) {
		this.buckets = buckets;
		this.requestsBucket = requestsBucket;
		this.tokensBucket = tokensBucket;
		this.requests = requests;
		this.tokens = tokens;
		this.delay = delay;
		this.refusal = null;
		this.onSettled = onSettled;
	}

	BucketPermit(RuntimeException refusal) {
		this.buckets = null;
		this.requestsBucket = null;
		this.tokensBucket = null;
		this.requests = 0;
		this.tokens = 0;
		this.delay = Duration.ZERO;
		this.refusal = refusal;
		this.onSettled = null;
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

	/**
	 * Return a permit holding the same, that also runs a callback once it is settled.
	 */
	BucketPermit onSettled(Runnable callback) {
		ModelBuckets buckets = this.buckets;
		if (buckets == null) {
			return this;
		}
		return new BucketPermit(buckets, this.requestsBucket, this.tokensBucket, this.requests, this.tokens,
				this.delay, callback);
	}

	boolean holdsNothing() {
		return this.requestsBucket == null && this.tokensBucket == null;
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
		settle();
	}

	private boolean settle() {
		if (!SETTLED.compareAndSet(this, 0, 1)) {
			return false;
		}
		if (this.onSettled != null) {
			this.onSettled.run();
		}
		return true;
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
