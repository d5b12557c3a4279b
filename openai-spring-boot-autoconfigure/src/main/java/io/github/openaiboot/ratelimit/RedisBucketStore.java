package io.github.openaiboot.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

/**
 * Keeps buckets in Redis, through Bucket4j's Lettuce integration, so that every instance
 * of an application draws on the same organization's budget. The connection is opened
 * on first use and again after a failure, so that the application starts while Redis
 * is down.
 *
 * @author openai-spring-boot
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {

	private final Supplier<RedisClient> client;

	private final boolean ownsClient;

	private final String keyPrefix;

	private final Duration timeout;

	private @Nullable StatefulRedisConnection<byte[], byte[]> connection;

	private @Nullable ProxyManager<byte[]> proxyManager;

	/**
	 * Create a store on a client of its own, shut down with the store.
	 * @param client the Redis client
	 * @param keyPrefix the prefix of every bucket's key, such as {@code openai:ratelimit:}
	 * @param timeout the longest to wait for Redis to answer
	 */
	public RedisBucketStore(RedisClient client, String keyPrefix, Duration timeout) {
		this(() -> client, true, keyPrefix, timeout);
	}

	/**
	 * Create a store.
	 * @param client supplies the Redis client when the store first connects
	 * @param ownsClient whether to shut the client down with the store
	 * @param keyPrefix the prefix of every bucket's key, such as {@code openai:ratelimit:}
	 * @param timeout the longest to wait for Redis to answer
	 */
	public RedisBucketStore(Supplier<RedisClient> client, boolean ownsClient, String keyPrefix, Duration timeout) {
		this.client = client;
		this.ownsClient = ownsClient;
		this.keyPrefix = keyPrefix;
		this.timeout = timeout;
	}

	@Override
	public Bucket bucket(String key, BucketConfiguration configuration, TimeMeter clock) {
		byte[] redisKey = (this.keyPrefix + key).getBytes(StandardCharsets.UTF_8);
		return proxyManager(clock).builder().build(redisKey, () -> configuration);
	}

	@Override
	public boolean isRemote() {
		return true;
	}

	/**
	 * Open the connection, unless one is open: a pacer on this store does so when it is
	 * built, so that its first calls, often many at once as an application starts, do
	 * not wait for Redis's connection while their time to be paced runs out.
	 */
	@Override
	public synchronized void connect() {
		if (this.connection == null || !this.connection.isOpen()) {
			this.proxyManager = null;
			RedisClient redis = this.client.get();
			this.connection = redis.connect(ByteArrayCodec.INSTANCE);
			if (this.ownsClient) {
				// on the connection: Lettuce 7 (Boot 4.1) has no RedisClient#setDefaultTimeout
				this.connection.setTimeout(this.timeout);
			}
		}
	}

	private synchronized ProxyManager<byte[]> proxyManager(TimeMeter clock) {
		connect();
		if (this.proxyManager == null) {
			this.proxyManager = Bucket4jLettuce.casBasedBuilder(this.connection)
				.clientClock(clock)
				.requestTimeout(this.timeout)
				.expirationAfterWrite(
						ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
				.build();
		}
		return this.proxyManager;
	}

	@Override
	public synchronized void close() {
		if (this.connection != null) {
			this.connection.close();
		}
		if (this.ownsClient) {
			this.client.get().shutdown();
		}
	}

}
