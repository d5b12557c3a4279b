package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.ratelimit.BucketStore;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenCounter;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiRateLimitAutoConfiguration}.
 */
class OpenAiRateLimitAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenAiRateLimitAutoConfiguration.class));

	@Test
	void redisStoreWithoutTheLettuceIntegrationFailsNamingTheProperty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.bucket4j.redis.lettuce"))
			.withPropertyValues("openai.rate-limit.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("openai.rate-limit.store")
				.hasMessageContaining("bucket4j_jdk17-lettuce"));
	}

	@Test
	void pacesLocallyByDefaultAndOffersATokenCounter() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(TokenCounter.class);
			assertThat(context).hasSingleBean(TokenBucketPacer.class);
			assertThat(context).doesNotHaveBean(BucketStore.class);
			assertThat(context.getBean(TokenCounter.class).count("tiktoken is great!", "gpt-4o")).isEqualTo(6);
		});
	}

	@Test
	void appliesDefaultAndPerModelLimits() {
		this.contextRunner
			.withPropertyValues("openai.rate-limit.requests-per-minute=500", "openai.rate-limit.tokens-per-minute=90000",
					"openai.rate-limit.models.gpt-4o.tokens-per-minute=30000")
			.run((context) -> {
				TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
				StepVerifier.create(pacer.acquire("gpt-4o", 100)).expectNextCount(1).expectComplete()
					.verify(Duration.ofSeconds(5));
				StepVerifier.create(pacer.acquire("gpt-4o-mini", 100)).expectNextCount(1).expectComplete()
					.verify(Duration.ofSeconds(5));
				assertThat(pacer.limit("gpt-4o", RateLimitType.REQUESTS)).isEqualTo(500);
				assertThat(pacer.limit("gpt-4o", RateLimitType.TOKENS)).isEqualTo(30000);
				assertThat(pacer.limit("gpt-4o-mini", RateLimitType.TOKENS)).isEqualTo(90000);
			});
	}

	@Test
	void usesTheDefaultCompletionTokensEstimate() {
		this.contextRunner.withPropertyValues("openai.rate-limit.default-completion-tokens=7")
			.run((context) -> assertThat(context.getBean(TokenCounter.class)
				.estimate(io.github.openaiboot.core.OpenAiRequest.post(io.github.openaiboot.core.OpenAiOperation.CHAT,
						"/chat/completions",
						io.github.openaiboot.chat.ChatRequest.builder().model("gpt-4o").user("tiktoken is great!").build(),
						Object.class, "gpt-4o")))
				.isEqualTo(13 + 7));
	}

	@Test
	void doesNotPaceWhenDisabled() {
		this.contextRunner.withPropertyValues("openai.rate-limit.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RateLimiter.class);
			assertThat(context).hasSingleBean(TokenCounter.class);
		});
	}

	@Test
	void backsOffFromAUserRateLimiter() {
		this.contextRunner.withUserConfiguration(UserRateLimiterConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(RateLimiter.class);
			assertThat(context).doesNotHaveBean(TokenBucketPacer.class);
		});
	}

	@Test
	void backsOffWithoutBucket4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Bucket.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RateLimiter.class));
	}

	@Test
	void rejectsANonPositiveLimitNamingTheProperty() {
		this.contextRunner.withPropertyValues("openai.rate-limit.models.gpt-4o.requests-per-minute=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.rate-limit.models.gpt-4o.requests-per-minute"));
	}

	@Test
	void spreadsEachLimitOverOneSecondUnlessABurstIsConfigured() {
		this.contextRunner.withPropertyValues("openai.rate-limit.requests-per-minute=600",
				"openai.rate-limit.tokens-per-minute=60000")
			.run((context) -> {
				TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
				StepVerifier.create(pacer.acquire("gpt-4o", 100)).expectNextCount(1).expectComplete()
					.verify(Duration.ofSeconds(5));
				assertThat(pacer.capacity("gpt-4o", RateLimitType.REQUESTS)).isEqualTo(10);
				assertThat(pacer.capacity("gpt-4o", RateLimitType.TOKENS)).isEqualTo(1000);
			});
		this.contextRunner.withPropertyValues("openai.rate-limit.requests-per-minute=600",
				"openai.rate-limit.burst=15s")
			.run((context) -> {
				TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
				StepVerifier.create(pacer.acquire("gpt-4o", 100)).expectNextCount(1).expectComplete()
					.verify(Duration.ofSeconds(5));
				assertThat(pacer.capacity("gpt-4o", RateLimitType.REQUESTS)).isEqualTo(150);
			});
	}

	@Test
	void rejectsABurstLongerThanAMinuteNamingTheProperty() {
		this.contextRunner.withPropertyValues("openai.rate-limit.burst=2m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.rate-limit.burst"));
	}

	@Test
	void recordsWaitsAndAvailablePermitsWithMicrometer() {
		this.contextRunner.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("openai.rate-limit.requests-per-minute=60", "openai.rate-limit.tokens-per-minute=6000",
					"openai.rate-limit.burst=1m")
			.run((context) -> {
				TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
				StepVerifier.create(pacer.acquire("gpt-4o", 100)).expectNextCount(1).expectComplete()
					.verify(Duration.ofSeconds(5));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("openai.ratelimit.wait").tag("openai.client", "default").timer().count())
					.isEqualTo(1);
				assertThat(registry.get("openai.ratelimit.available")
					.tag("limit", "tokens")
					.tag("gen_ai.request.model", "gpt-4o")
					.gauge()
					.value()).as("6000 less the 100 taken, plus what refilled since").isBetween(5900.0, 5950.0);
				assertThat(registry.get("openai.ratelimit.available")
					.tag("limit", "requests")
					.tag("gen_ai.request.model", "gpt-4o")
					.gauge()
					.value()).isBetween(59.0, 60.0);
			});
	}

	@Test
	void registersNoMetersWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(TokenBucketPacer.class);
				assertThat(context).doesNotHaveBean(RateLimitMetrics.class);
			});
	}

	@Test
	void startsWithoutLettuceOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RedisClient.class, Bucket4jLettuce.class))
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TokenBucketPacer.class));
	}

	@Test
	void pacesTheClientsPipelineAndLearnsFromItsResponses() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		try {
			server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
				.withHeader("Content-Type", "application/json")
				.withHeader("x-ratelimit-limit-requests", "5000")
				.withHeader("x-ratelimit-limit-tokens", "4000000")
				.withHeader("x-ratelimit-remaining-requests", "4999")
				.withHeader("x-ratelimit-remaining-tokens", "3999000")
				.withBody("""
						{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
						"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
						"usage":{"prompt_tokens":8,"completion_tokens":1,"total_tokens":9}}""")));
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
						OpenAiRateLimitAutoConfiguration.class))
				.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + server.baseUrl() + "/v1")
				.run((context) -> {
					StepVerifier.create(context.getBean(ChatClient.class).ask("Hello"))
						.expectNext("Hi")
						.expectComplete()
						.verify(Duration.ofSeconds(10));
					TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
					assertThat(pacer.limit("gpt-4o-mini", RateLimitType.REQUESTS)).isEqualTo(5000);
					assertThat(pacer.limit("gpt-4o-mini", RateLimitType.TOKENS)).isEqualTo(4000000);
				});
		}
		finally {
			server.stop();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRateLimiterConfiguration {

		@Bean
		RateLimiter userRateLimiter() {
			return RateLimiter.unlimited();
		}

	}

}
