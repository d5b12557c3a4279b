package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Where a {@link TokenBucketPacer}'s buckets live, and what it does when they cannot be
 * reached: the configured store, a local fallback for a remote store that fails, the
 * scheduler a remote store's blocking updates run on, and the store's status.
 *
 * @author openai-spring-boot
 */
final class PacerStores {

	private static final Log logger = LogFactory.getLog(TokenBucketPacer.class);

	private static final Duration REMOTE_RETRY_INTERVAL = Duration.ofSeconds(10);

	/**
	 * Key of the bucket a remote store's first operations go to, ahead of the first
	 * calls; no model's bucket key is without a colon.
	 */
	static final String WARM_UP_KEY = "warm-up";

	private static final BucketConfiguration WARM_UP_CONFIGURATION = BucketConfiguration.builder()
		.addLimit((limit) -> limit.capacity(1).refillGreedy(1, Duration.ofSeconds(1)))
		.build();

	private final BucketStore store;

	private final LocalBucketStore fallbackStore = new LocalBucketStore();

	private final Scheduler scheduler;

	private final SchedulerTimeMeter clock;

	private final Scheduler storeScheduler;

	private final boolean failOpen;

	private final boolean privateBuckets;

	private final AtomicBoolean warnedStoreFailure = new AtomicBoolean();

	private volatile @Nullable String storeFailure;

	PacerStores(@Nullable BucketStore store, Scheduler scheduler, Scheduler storeScheduler, boolean failOpen) {
		this.store = (store != null) ? store : new LocalBucketStore();
		this.scheduler = scheduler;
		this.clock = new SchedulerTimeMeter(scheduler);
		this.storeScheduler = storeScheduler;
		this.failOpen = failOpen;
		// a LocalBucketStore makes a new bucket each time it is asked: only this pacer holds them
		this.privateBuckets = this.store instanceof LocalBucketStore;
		if (this.store.isRemote()) {
			// ahead of the first calls, which would otherwise wait for the connection
			BucketStore remote = this.store;
			storeScheduler.schedule(() -> {
				try {
					remote.connect();
					warmUp(remote);
				}
				catch (RuntimeException ex) {
					logger.debug("Could not connect the rate-limit store ahead of the first call", ex);
				}
			});
		}
	}

	/**
	 * Take a permit from a bucket of the remote store's own and give it back, as calls
	 * do: a remote store's first operations load and link Lettuce's and Bucket4j's code
	 * (the second paced call on Redis took 39–53 ms without this, 16–28 ms with it; the
	 * first call's larger part, the tokenizer, is the warm-up's). The bucket is full
	 * again afterwards, so that Redis lets its key ({@code <key-prefix>warm-up}) expire
	 * within a minute.
	 */
	private void warmUp(BucketStore remote) {
		Bucket bucket = remote.bucket(WARM_UP_KEY, WARM_UP_CONFIGURATION, this.clock);
		bucket.consumeIgnoringRateLimits(1);
		bucket.addTokens(1);
		bucket.estimateAbilityToConsume(1);
		bucket.getAvailableTokens();
	}

	boolean isRemote() {
		return this.store.isRemote();
	}

	/**
	 * Return whether the buckets in use are held by this pacer alone, so that permits may
	 * be taken first and given back without anyone seeing it.
	 */
	boolean isPrivate(boolean useRemote) {
		return !useRemote || this.privateBuckets;
	}

	Scheduler storeScheduler() {
		return this.storeScheduler;
	}

	long now() {
		return this.scheduler.now(TimeUnit.NANOSECONDS);
	}

	Bucket bucket(boolean useRemote, String key, BucketConfiguration configuration) {
		BucketStore store = useRemote ? this.store : this.fallbackStore;
		return store.bucket(key, configuration, this.clock);
	}

	/**
	 * Run an update of a model's buckets: at once for a local store, off the caller's
	 * thread for a remote one, since it blocks and callers include Netty's event loops.
	 */
	void update(Runnable update) {
		if (this.store.isRemote()) {
			this.storeScheduler.schedule(update);
		}
		else {
			update.run();
		}
	}

	/**
	 * Handle the failure of a reservation: a local store's failure is thrown; a remote
	 * store's fails the call when pacing fails closed, and otherwise leaves the store
	 * alone for a while, the caller then reserving from the local fallback.
	 */
	void reservationFailed(ModelBuckets buckets, RuntimeException ex) {
		if (!this.store.isRemote() || ex instanceof RateLimitStoreException) {
			throw ex;
		}
		this.storeFailure = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		if (!this.failOpen) {
			throw new RateLimitStoreException(
					"Shared rate-limit store is unreachable, and pacing fails closed: " + ex.getMessage(), ex);
		}
		if (this.warnedStoreFailure.compareAndSet(false, true)) {
			logger.warn("Shared rate-limit store is unreachable, pacing locally until it answers again", ex);
		}
		buckets.avoidRemoteFor(REMOTE_RETRY_INTERVAL);
	}

	/**
	 * Record that the remote store answered a reservation.
	 */
	void reached() {
		this.storeFailure = null;
	}

	/**
	 * Handle the failure of an update of the buckets: a local store's failure is thrown,
	 * a remote store is left alone for a while.
	 */
	void updateFailed(ModelBuckets buckets, RuntimeException ex) {
		if (!this.store.isRemote()) {
			throw ex;
		}
		buckets.avoidRemoteFor(REMOTE_RETRY_INTERVAL);
		logger.debug("Shared rate-limit store is unreachable", ex);
	}

	@Nullable RateLimitStoreStatus status() {
		if (!this.store.isRemote()) {
			return null;
		}
		String failure = this.storeFailure;
		return new RateLimitStoreStatus("redis", failure == null, this.failOpen, failure);
	}

}
