package io.github.openaiboot.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Keeps buckets in this JVM.
 *
 * @author openai-spring-boot
 */
public final class LocalBucketStore implements BucketStore {

	@Override
	public Bucket bucket(String key, BucketConfiguration configuration, TimeMeter clock) {
		LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
		for (Bandwidth bandwidth : configuration.getBandwidths()) {
			builder.addLimit(bandwidth);
		}
		return builder.build();
	}

}
