package io.github.openaiboot.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;

/**
 * Where the token buckets of a {@link TokenBucketPacer} live: in this JVM, or shared
 * by several instances of an application.
 *
 * @author openai-spring-boot
 * @see LocalBucketStore
 * @see RedisBucketStore
 */
public interface BucketStore {

	/**
	 * Return the bucket for a key, creating it with the given configuration if it does
	 * not exist yet.
	 * @param key the key, such as {@code org-123:gpt-4o-mini:tokens}
	 * @param configuration the configuration of a new bucket
	 * @param clock the time source of the bucket's refill
	 * @return the bucket
	 */
	Bucket bucket(String key, BucketConfiguration configuration, TimeMeter clock);

	/**
	 * Return whether the buckets live outside this JVM, so that their operations may
	 * block on the network and may fail.
	 * @return {@code true} for a remote store
	 */
	default boolean isRemote() {
		return false;
	}

	/**
	 * Open what the store needs ahead of its first bucket, such as its connection, so
	 * that the first calls do not wait for it. A pacer calls it once, off the caller's
	 * thread, when it is built; a failure is left for the first bucket to meet.
	 */
	default void connect() {
	}

}
