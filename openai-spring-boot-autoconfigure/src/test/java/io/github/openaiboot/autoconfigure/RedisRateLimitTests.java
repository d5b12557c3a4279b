package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.openaiboot.ratelimit.RateLimitStoreException;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.RateLimiter.Permit;
import io.github.openaiboot.ratelimit.RedisBucketStore;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for pacing shared through Redis ({@code openai.rate-limit.store=redis}). The
 * tests that need a running Redis read its URL from the {@code openai.test.redis.url}
 * system property or the {@code OPENAI_TEST_REDIS_URL} environment variable (default
 * {@code redis://127.0.0.1:6379}) and are skipped only when no Redis answers there.
 */
class RedisRateLimitTests {

	private static final String MODEL = "gpt-4o-mini";

	private static final String REDIS_URL = System.getProperty("openai.test.redis.url",
			(System.getenv("OPENAI_TEST_REDIS_URL") != null) ? System.getenv("OPENAI_TEST_REDIS_URL")
					: "redis://127.0.0.1:6379");

	private static final String CLOSED_PORT_URL = "redis://127.0.0.1:1";

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenAiRateLimitAutoConfiguration.class))
		.withPropertyValues("openai.rate-limit.store=redis", "openai.rate-limit.max-wait=10m",
				// exact budgets: no margin below the limit
				"openai.rate-limit.margin=0",
				"openai.rate-limit.requests-per-minute=60", "openai.rate-limit.burst=1m")
		.withBean(TokenBucketPacerBuilderCustomizer.class, () -> (builder) -> builder.scheduler(this.time)
			.storeScheduler(Schedulers.immediate()));

	RedisRateLimitTests() {
		// Buckets keep the time of their last refill in Redis; start from the wall clock.
		this.time.advanceTimeTo(Instant.now());
	}

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	@Test
	void twoInstancesShareOneBudgetThroughRedis() {
		assumeTrue(redisAnswers(REDIS_URL), () -> "No Redis answers at " + REDIS_URL);
		ApplicationContextRunner instance = this.contextRunner.withPropertyValues(
				"openai.rate-limit.redis.url=" + REDIS_URL,
				"openai.rate-limit.redis.key-prefix=openai:ratelimit:test:" + UUID.randomUUID() + ":");
		instance.run((first) -> instance.run((second) -> {
			assertThat(first).hasSingleBean(RedisBucketStore.class);
			TokenBucketPacer one = first.getBean(TokenBucketPacer.class);
			TokenBucketPacer two = second.getBean(TokenBucketPacer.class);
			AtomicInteger servedByOne = new AtomicInteger();
			AtomicInteger servedByTwo = new AtomicInteger();
			for (int i = 0; i < 100; i++) {
				one.acquire(MODEL, 1).subscribe((permit) -> servedByOne.incrementAndGet());
				two.acquire(MODEL, 1).subscribe((permit) -> servedByTwo.incrementAndGet());
			}
			assertThat(servedByOne.get() + servedByTwo.get()).as("burst of one shared bucket").isEqualTo(60);
			this.time.advanceTimeBy(Duration.ofSeconds(60));
			// 60 at once and 60 refilled over the minute; unshared buckets would serve all 200
			assertThat(servedByOne.get() + servedByTwo.get()).isBetween(119, 121);
			assertThat(servedByOne.get()).isBetween(55, 65);
			assertThat(one.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(two.available(MODEL, RateLimitType.REQUESTS));
		}));
	}

	@Test
	void pacesLocallyWhileRedisIsUnreachableWhenFailingOpen() {
		this.contextRunner
			.withPropertyValues("openai.rate-limit.redis.url=" + CLOSED_PORT_URL,
					"openai.rate-limit.redis.failure-mode=fail-open")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisBucketStore.class);
				TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
				for (int i = 0; i < 60; i++) {
					StepVerifier.create(pacer.acquire(MODEL, 1)).expectNextCount(1).expectComplete()
						.verify(Duration.ofSeconds(5));
				}
				AtomicReference<Permit> sixtyFirst = new AtomicReference<>();
				pacer.acquire(MODEL, 1).subscribe(sixtyFirst::set);
				this.time.advanceTimeBy(Duration.ofMillis(999));
				assertThat(sixtyFirst.get()).as("still paced, locally").isNull();
				this.time.advanceTimeBy(Duration.ofMillis(1));
				assertThat(sixtyFirst.get()).isNotNull();
				assertThat(pacer.storeStatus()).satisfies((status) -> {
					assertThat(status.reachable()).isFalse();
					assertThat(status.failOpen()).isTrue();
					assertThat(status.lastError()).isNotBlank();
				});
			});
	}

	@Test
	void failsCallsWhileRedisIsUnreachableWhenFailingClosed() {
		this.contextRunner
			.withPropertyValues("openai.rate-limit.redis.url=" + CLOSED_PORT_URL,
					"openai.rate-limit.redis.failure-mode=fail-closed")
			.run((context) -> {
				TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
				StepVerifier.create(pacer.acquire(MODEL, 1))
					.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(RateLimitStoreException.class)
						.hasMessageContaining("unreachable")
						.hasMessageContaining("fails closed"))
					.verify(Duration.ofSeconds(10));
				assertThat(pacer.storeStatus()).satisfies((status) -> {
					assertThat(status.reachable()).isFalse();
					assertThat(status.failOpen()).isFalse();
				});
			});
	}

	@Test
	void aPacerOnRedisConnectsWhenBuiltNotOnItsFirstCall() {
		assumeTrue(redisAnswers(REDIS_URL), () -> "No Redis answers at " + REDIS_URL);
		RedisClient client = RedisClient.create(REDIS_URL);
		AtomicInteger connects = new AtomicInteger();
		try (RedisBucketStore store = new RedisBucketStore(() -> {
			connects.incrementAndGet();
			return client;
		}, false, "openai:test:" + UUID.randomUUID() + ":", Duration.ofSeconds(2))) {
			TokenBucketPacer pacer = TokenBucketPacer.builder()
				.scheduler(this.time)
				.store(store)
				.storeScheduler(Schedulers.immediate())
				.defaultLimits(60, 0)
				.build();
			assertThat(connects).as("connected ahead of the first call").hasValue(1);
			StepVerifier.create(pacer.acquire(MODEL, 1)).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
			assertThat(connects).as("the first call used that connection").hasValue(1);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	@Test
	void aPacerOnRedisWarmsTheStoreUpOnABucketOfItsOwnThatExpires() {
		assumeTrue(redisAnswers(REDIS_URL), () -> "No Redis answers at " + REDIS_URL);
		RedisClient client = RedisClient.create(REDIS_URL);
		String prefix = "openai:test:" + UUID.randomUUID() + ":";
		try (RedisBucketStore store = new RedisBucketStore(() -> client, false, prefix, Duration.ofSeconds(2));
				StatefulRedisConnection<String, String> redis = client.connect()) {
			TokenBucketPacer.builder()
				.scheduler(this.time)
				.store(store)
				.storeScheduler(Schedulers.immediate())
				.defaultLimits(60, 0)
				.build();
			// exists and ttl have the same signatures in Lettuce 6 (Boot 4.0) and 7 (Boot 4.1)
			assertThat(redis.sync().exists(prefix + "warm-up")).isOne();
			assertThat(redis.sync().ttl(prefix + "warm-up")).isBetween(1L, 61L);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

	private static boolean redisAnswers(String url) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(Duration.ofSeconds(1));
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return "PONG".equals(connection.sync().ping());
		}
		catch (RuntimeException ex) {
			return false;
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
	}

}
