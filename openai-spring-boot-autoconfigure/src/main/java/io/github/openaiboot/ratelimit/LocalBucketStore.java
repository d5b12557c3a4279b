package io.github.openaiboot.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Keeps buckets in this JVM, on a given time source.
 *
 * @author openai-spring-boot
 */
public final class LocalBucketStore implements BucketStore {

	private final TimeMeter timeMeter;

	/**
	 * Create a store.
	 * @param timeMeter the time source of the buckets' refill
	 */
	public LocalBucketStore(TimeMeter timeMeter) {
		this.timeMeter = timeMeter;
	}

	@Override
	public Bucket bucket(String key, BucketConfiguration configuration) {
		LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(this.timeMeter);
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
