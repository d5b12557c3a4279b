package io.github.openaiboot.autoconfigure;

import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.openaiboot.autoconfigure.OpenAiProperties.RateLimit;
import io.github.openaiboot.autoconfigure.OpenAiProperties.RateLimit.Redis.FailureMode;
import io.github.openaiboot.ratelimit.BucketStore;
import io.github.openaiboot.ratelimit.LocalBucketStore;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.RedisBucketStore;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenCounter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for client-side pacing under OpenAI's requests and tokens per
 * minute limits: a {@link TokenCounter} and a {@link TokenBucketPacer}, with buckets
 * kept locally or in Redis, and their meters.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration(before = OpenAiAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(Bucket.class)
@EnableConfigurationProperties(OpenAiProperties.class)
public final class OpenAiRateLimitAutoConfiguration {

	private static final String LETTUCE_CONNECTION_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	@Bean
	@ConditionalOnMissingBean
	TokenCounter openAiTokenCounter(OpenAiProperties properties) {
		return new TokenCounter(properties.getRateLimit().getDefaultCompletionTokens());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Bucket4jLettuce.class, RedisClient.class })
	@ConditionalOnBooleanProperty(name = "openai.rate-limit.enabled", matchIfMissing = true)
	@ConditionalOnProperty(name = "openai.rate-limit.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean(BucketStore.class)
		RedisBucketStore openAiRateLimitBucketStore(OpenAiProperties properties, ListableBeanFactory beanFactory) {
			RateLimit.Redis redis = properties.getRateLimit().getRedis();
			if (!StringUtils.hasText(redis.getUrl()) && ClassUtils.isPresent(LETTUCE_CONNECTION_FACTORY, null)
					&& SpringDataRedisClients.hasConnectionFactory(beanFactory)) {
				return new RedisBucketStore(() -> {
					RedisClient client = SpringDataRedisClients.nativeClient(beanFactory);
					if (client == null) {
						throw new IllegalStateException("Spring Data Redis's connection factory has no standalone "
								+ "Lettuce RedisClient; set openai.rate-limit.redis.url");
					}
					return client;
				}, false, redis.getKeyPrefix(), redis.getTimeout());
			}
			String url = StringUtils.hasText(redis.getUrl()) ? redis.getUrl() : "redis://localhost:6379";
			RedisClient client = RedisClient.create(url);
			client.setOptions(ClientOptions.builder()
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.build());
			return new RedisBucketStore(client, redis.getKeyPrefix(), redis.getTimeout());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "openai.rate-limit.enabled", matchIfMissing = true)
	static class PacingConfiguration {

		@Bean
		@ConditionalOnMissingBean(RateLimiter.class)
		TokenBucketPacer openAiRateLimiter(OpenAiProperties properties, ObjectProvider<BucketStore> store,
				ObjectProvider<RateLimitMetrics> metrics, ObjectProvider<TokenBucketPacerBuilderCustomizer> customizers) {
			RateLimit rateLimit = properties.getRateLimit();
			BucketStore bucketStore = store.getIfAvailable();
			if (bucketStore == null && rateLimit.getStore() == RateLimit.Store.REDIS) {
				throw new InvalidConfigurationPropertyValueException("openai.rate-limit.store", "redis",
						"Sharing limits through Redis needs com.bucket4j:bucket4j_jdk17-lettuce and "
								+ "io.lettuce:lettuce-core on the class path.");
			}
			TokenBucketPacer.Builder builder = TokenBucketPacer.builder()
				.store((bucketStore != null) ? bucketStore : new LocalBucketStore())
				.maxWait(rateLimit.getMaxWait())
				.burst(rateLimit.getBurst())
				.adaptive(rateLimit.isAdaptive())
				.scope(StringUtils.hasText(properties.getOrganization()) ? properties.getOrganization() : "default")
				.defaultLimits(orZero(rateLimit.getRequestsPerMinute()), orZero(rateLimit.getTokensPerMinute()))
				.failOpen(rateLimit.getRedis().getFailureMode() == FailureMode.FAIL_OPEN);
			for (Map.Entry<String, RateLimit.ModelLimits> model : rateLimit.getModels().entrySet()) {
				Long requests = model.getValue().getRequestsPerMinute();
				Long tokens = model.getValue().getTokensPerMinute();
				builder.limits(model.getKey(), (requests != null) ? requests : orZero(rateLimit.getRequestsPerMinute()),
						(tokens != null) ? tokens : orZero(rateLimit.getTokensPerMinute()));
			}
			RateLimitMetrics meters = metrics.getIfAvailable();
			if (meters != null) {
				builder.listener(meters);
			}
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			TokenBucketPacer pacer = builder.build();
			if (meters != null) {
				meters.bindTo(pacer);
			}
			return pacer;
		}

		private static long orZero(Long value) {
			return (value != null) ? value : 0;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RateLimitMetrics openAiRateLimitMetrics(MeterRegistry registry, OpenAiProperties properties) {
			return new RateLimitMetrics(registry, properties.getClientName());
		}

	}

}
