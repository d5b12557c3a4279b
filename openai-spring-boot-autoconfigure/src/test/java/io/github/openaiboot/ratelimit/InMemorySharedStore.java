package io.github.openaiboot.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/**
 * A store that says it is shared ({@link #isRemote()}), as Redis is, keeping its buckets
 * in memory.
 */
public class InMemorySharedStore implements BucketStore {

	private final LocalBucketStore buckets = new LocalBucketStore();

	@Override
	public Bucket bucket(String key, BucketConfiguration configuration, TimeMeter clock) {
		return this.buckets.bucket(key, configuration, clock);
	}

	@Override
	public boolean isRemote() {
		return true;
	}

}
