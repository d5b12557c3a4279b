package io.github.openaiboot.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.ratelimit.RateLimitStoreStatus;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.RateLimiter.Permit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.error;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiHealthIndicator}, against WireMock, with a clock moved by hand.
 */
class OpenAiHealthIndicatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.server.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiHealthAutoConfiguration.class))
			.withUserConfiguration(ClockConfiguration.class)
			.withPropertyValues("openai.api-key=sk-test-secret", "openai.organization=org-123",
					"openai.base-url=" + this.server.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void upFromASuccessfulProbeWithLatencyAndHeadroom() {
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
		this.contextRunner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("baseUrl", this.server.baseUrl() + "/v1")
				.containsEntry("organization", "org-123")
				.containsEntry("source", "probe")
				.containsKey("latency");
			assertThat(health.getDetails().get("rateLimit")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsEntry("requests", Map.of("limit", 3500L, "remaining", 3499L, "reset", "PT0.017S"));
			assertThat(health.toString()).doesNotContain("sk-test-secret");
			this.server.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
		});
	}

	@Test
	void upFromARecentRealCallWithoutAnyProbe() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("source", "recent call").containsKey("lastSuccess");
			this.server.verify(0, getRequestedFor(urlEqualTo("/v1/models")));
		});
	}

	@Test
	void twentyChecksWithinTheCacheTtlSendAtMostOneProbe() {
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
		this.contextRunner.run((context) -> {
			MutableClock clock = context.getBean(MutableClock.class);
			for (int i = 0; i < 20; i++) {
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
				clock.advance(Duration.ofSeconds(2));
			}
			this.server.verify(1, getRequestedFor(urlEqualTo("/v1/models")));
			clock.advance(Duration.ofSeconds(61));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			this.server.verify(2, getRequestedFor(urlEqualTo("/v1/models")));
		});
	}

	@Test
	void failedProbeIsCachedForTheTtlToo() {
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(503, """
				{"error":{"message":"That model is currently overloaded with other requests.","type":"server_error","param":null,"code":null}}
				""")));
		// the probe is an ordinary call: a 503 is retried (3 attempts by default), once per TTL
		this.contextRunner.withPropertyValues("openai.health.cache-ttl=30s", "openai.retry.initial-backoff=10ms")
			.run((context) -> {
				for (int i = 0; i < 20; i++) {
					assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
				}
				this.server.verify(3, getRequestedFor(urlEqualTo("/v1/models")));
				context.getBean(MutableClock.class).advance(Duration.ofSeconds(31));
				health(context);
				this.server.verify(6, getRequestedFor(urlEqualTo("/v1/models")));
			});
	}

	@Test
	void downWithKindForAnInvalidApiKey() {
		assertProbeDown(error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-test***cret."),
				"INVALID_API_KEY");
	}

	@Test
	void downWithKindForADeactivatedAccount() {
		assertProbeDown(error(401, "invalid_request_error", "account_deactivated",
				"This key is associated with a deactivated account."), "ACCOUNT_DEACTIVATED");
	}

	@Test
	void downWithKindForAnExhaustedQuota() {
		assertProbeDown(error(429, "insufficient_quota", "insufficient_quota",
				"You exceeded your current quota, please check your plan and billing details."), "QUOTA_EXCEEDED");
	}

	@Test
	void downWithKindForAnUnsupportedRegion() {
		assertProbeDown(error(403, "request_forbidden", "unsupported_country_region_territory",
				"Country, region, or territory not supported"), "REGION_NOT_SUPPORTED");
	}

	@Test
	void downWithKindWhenTheConnectionIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		this.contextRunner.withPropertyValues("openai.base-url=http://localhost:" + port + "/v1").run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("kind", "CONNECTION").containsKey("error");
		});
	}

	@Test
	void rateLimitedCountsAsUpWithADetailSayingSo() {
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(error(429, "requests", "rate_limit_exceeded",
				"Rate limit reached for requests. Please try again in 20ms.")));
		this.contextRunner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("rateLimited", true);
		});
	}

	@Test
	void recentRealCallFailingWithAnExhaustedQuotaIsDownWithoutAProbe() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(error(429, "insufficient_quota",
				"insufficient_quota", "You exceeded your current quota, please check your plan and billing details.")));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).ask("Hi")).expectError().verify(TIMEOUT);
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("kind", "QUOTA_EXCEEDED")
				.containsEntry("lastError", Map.of("kind", "QUOTA_EXCEEDED", "requestId", "req_429", "at",
						MutableClock.START.toString()));
			this.server.verify(0, getRequestedFor(urlEqualTo("/v1/models")));
		});
	}

	private void assertProbeDown(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response,
			String kind) {
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(response));
		this.contextRunner.run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("kind", kind).containsKey("error").containsKey("lastError");
			assertThat(health.toString()).doesNotContain("sk-test-secret");
		});
	}

	@Test
	void unreachableRateLimitStoreThatFailsClosedIsDown() {
		this.contextRunner.withBean(RateLimiter.class, () -> storeReporting(false, false)).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("kind", "RATE_LIMIT_STORE_UNREACHABLE");
			assertThat(health.getDetails().get("rateLimitStore")).isEqualTo(
					Map.of("store", "redis", "reachable", false, "failureMode", "fail-closed", "lastError", "refused"));
		});
		this.server.verify(0, getRequestedFor(urlEqualTo("/v1/models")));
	}

	@Test
	void unreachableRateLimitStoreThatFailsOpenIsShownButUp() {
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
		this.contextRunner.withBean(RateLimiter.class, () -> storeReporting(false, true)).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails().get("rateLimitStore")).isEqualTo(
					Map.of("store", "redis", "reachable", false, "failureMode", "fail-open", "lastError", "refused"));
		});
	}

	private static RateLimiter storeReporting(boolean reachable, boolean failOpen) {
		return new RateLimiter() {

			@Override
			public Mono<Permit> acquire(String model, long tokens) {
				return Mono.just(Permit.NONE);
			}

			@Override
			public RateLimitStoreStatus storeStatus() {
				return new RateLimitStoreStatus("redis", reachable, failOpen, reachable ? null : "refused");
			}

		};
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(OpenAiHealthIndicator.class).health(true).block(TIMEOUT);
	}

	static final class MutableClock extends Clock {

		static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

		private Instant now = START;

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		MutableClock clock() {
			return new MutableClock();
		}

	}

}
