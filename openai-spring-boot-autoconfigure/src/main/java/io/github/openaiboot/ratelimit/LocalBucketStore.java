package io.github.openaiboot.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * Keeps buckets in this JVM. Each bucket guards its state with a lock, which it updates
 * in place: Bucket4j's default lock-free buckets copy their state on every operation,
 * reads included, and a {@link TokenBucketPacer} already serializes the operations on
 * a model's buckets, so the lock is never contended.
 *
 * @author openai-spring-boot
 */
public final class LocalBucketStore implements BucketStore {

	@Override
	public Bucket bucket(String key, BucketConfiguration configuration, TimeMeter clock) {
		LocalBucketBuilder builder = Bucket.builder()
			.withCustomTimePrecision(clock)
			.withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED);
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
