package io.github.openaiboot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.pool.OpenAiClients;
import io.github.openaiboot.pool.OpenAiPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.error;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.json;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.sse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for pools ({@code openai.pools.<name>}) over named clients, each against a
 * WireMock server of its own, counting the requests each saw.
 */
class OpenAiPoolTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String QUOTA = "You exceeded your current quota, please check your plan and billing details.";

	private final WireMockServer a = new WireMockServer(options().dynamicPort());

	private final WireMockServer b = new WireMockServer(options().dynamicPort());

	private final MutableClock clock = new MutableClock();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.a.start();
		this.b.start();
		for (WireMockServer server : new WireMockServer[] { this.a, this.b }) {
			stubChat(server);
			server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
		}
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiRateLimitAutoConfiguration.class, OpenAiObservationAutoConfiguration.class,
					OpenAiMetricsAutoConfiguration.class, OpenAiHealthAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(Clock.class, () -> this.clock)
			.withPropertyValues("openai.api-key=sk-root", "openai.base-url=http://localhost:1/v1",
					"openai.retry.initial-backoff=1ms", "openai.retry.max-backoff=1ms",
					"openai.clients.a.base-url=" + this.a.baseUrl() + "/v1", "openai.clients.a.organization=org-a",
					"openai.clients.b.base-url=" + this.b.baseUrl() + "/v1", "openai.clients.b.organization=org-b",
					"openai.pools.orgs.members=a,b");
	}

	@AfterEach
	void stop() {
		this.a.stop();
		this.b.stop();
	}

	private static void stubChat(WireMockServer server) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
	}

	private static int chats(WireMockServer server) {
		return server.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/chat/completions")).build()).getCount();
	}

	private static void ask(ChatClient chat, int times) {
		for (int i = 0; i < times; i++) {
			StepVerifier.create(chat.ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
		}
	}

	@Test
	void membersWithEqualHeadroomShareTheCallsInTurn() {
		this.contextRunner.run((context) -> {
			ask(context.getBean(OpenAiClients.class).chat("orgs"), 10);
			assertThat(chats(this.a)).isEqualTo(5);
			assertThat(chats(this.b)).isEqualTo(5);
		});
	}

	@Test
	void callsGoToTheMemberWithTheMostHeadroom() {
		this.a.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-ratelimit-limit-requests", "3500")
			.withHeader("x-ratelimit-remaining-requests", "10")
			.withBody(OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.run((context) -> {
			ask(context.getBean(OpenAiClients.class).chat("orgs"), 6);
			// a answered once, said it has 10 of 3500 requests left, and got nothing more
			assertThat(chats(this.a)).isEqualTo(1);
			assertThat(chats(this.b)).isEqualTo(5);
		});
	}

	@Test
	void aRateLimitedMemberSendsTheAttemptToAnotherAtOnce() {
		this.a.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(error(429, "requests", "rate_limit_exceeded",
				"Rate limit reached for gpt-4o-mini in organization org-a on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.")
			.withHeader("retry-after", "20")));
		this.contextRunner.withPropertyValues("openai.pools.orgs.strategy=ordered").run((context) -> {
			ask(context.getBean(OpenAiClients.class).chat("orgs"), 1);
			assertThat(chats(this.a)).isEqualTo(1);
			assertThat(chats(this.b)).isEqualTo(1);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("openai.pool.failovers")
				.tag("openai.pool", "orgs")
				.tag("from", "a")
				.tag("error.type", "RATE_LIMITED")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aMemberOutOfQuotaLeavesRotationAndTheOthersServe() {
		this.a.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(error(429, "insufficient_quota", "insufficient_quota", QUOTA)));
		this.contextRunner.withPropertyValues("openai.pools.orgs.strategy=ordered").run((context) -> {
			ask(context.getBean(OpenAiClients.class).chat("orgs"), 5);
			assertThat(chats(this.a)).isEqualTo(1);
			assertThat(chats(this.b)).isEqualTo(5);
			Health pool = poolHealth(context);
			assertThat(pool.getStatus()).isEqualTo(Status.UP);
			@SuppressWarnings("unchecked")
			Map<String, Map<String, Object>> members = (Map<String, Map<String, Object>>) pool.getDetails()
				.get("members");
			assertThat(members.get("a")).containsEntry("inRotation", false).containsEntry("kind", "QUOTA_EXCEEDED");
			assertThat(members.get("b")).containsEntry("inRotation", true).containsEntry("status", "UP");
		});
	}

	@Test
	void whenEveryMemberIsOutTheCallFailsWithTheLastMembersExceptionNamingEachState() {
		for (WireMockServer server : new WireMockServer[] { this.a, this.b }) {
			server.stubFor(post(urlEqualTo("/v1/chat/completions"))
				.willReturn(error(429, "insufficient_quota", "insufficient_quota", QUOTA)));
		}
		this.contextRunner.run((context) -> {
			ChatClient chat = context.getBean(OpenAiClients.class).chat("orgs");
			StepVerifier.create(chat.ask("Hi"))
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(QuotaExceededException.class)
					.hasMessageContaining("pool 'orgs'")
					.hasMessageContaining("a (out of rotation: QUOTA_EXCEEDED")
					.hasMessageContaining("b (out of rotation: QUOTA_EXCEEDED"))
				.verify(TIMEOUT);
			StepVerifier.create(chat.ask("Hi"))
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(QuotaExceededException.class)
					.hasMessageContaining("No member of OpenAI pool 'orgs' is in rotation"))
				.verify(TIMEOUT);
			// never retried, and no request once both are out
			assertThat(chats(this.a) + chats(this.b)).isEqualTo(2);
			assertThat(poolHealth(context).getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void aMemberComesBackOnceItsProbeSucceeds() {
		this.a.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided")));
		this.contextRunner.withPropertyValues("openai.pools.orgs.strategy=ordered",
				"openai.pools.orgs.probe-interval=30s")
			.run((context) -> {
				ChatClient chat = context.getBean(OpenAiClients.class).chat("orgs");
				ask(chat, 2);
				assertThat(chats(this.a)).isEqualTo(1);
				stubChat(this.a);
				this.clock.advance(Duration.ofSeconds(31));
				// this call starts the probe of a and is served by b
				ask(chat, 1);
				OpenAiPool pool = context.getBean("openAiClient.orgs", OpenAiNamedClient.class).pool();
				org.awaitility.Awaitility.await()
					.atMost(TIMEOUT)
					.until(() -> pool.members().get(0).inRotation());
				ask(chat, 2);
				assertThat(chats(this.a)).isEqualTo(3);
				assertThat(chats(this.b)).isEqualTo(3);
			});
	}

	@Test
	void aStreamFailsOverBeforeItsFirstChunk() {
		this.a.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(error(429, "tokens", "rate_limit_exceeded", "Rate limit reached. Please try again in 1s.")));
		this.b.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(sse(OpenAiWireMock.CHAT_STREAM)));
		this.contextRunner.withPropertyValues("openai.pools.orgs.strategy=ordered").run((context) -> {
			StepVerifier.create(context.getBean(OpenAiClients.class)
				.chat("orgs")
				.stream(ChatRequest.builder().user("Hi").build())
				.map(ChatCompletionChunk::content)).expectNext("Hel", "lo", "").expectComplete().verify(TIMEOUT);
			assertThat(chats(this.a)).isEqualTo(1);
			assertThat(chats(this.b)).isEqualTo(1);
		});
	}

	@Test
	void aStreamBrokenAfterItsFirstChunkDoesNotFailOver() {
		this.a.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withBody("""
					data: {"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}

					data: {"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}

					""")));
		this.contextRunner.withPropertyValues("openai.pools.orgs.strategy=ordered").run((context) -> {
			StepVerifier.create(context.getBean(OpenAiClients.class)
				.chat("orgs")
				.stream(ChatRequest.builder().user("Hi").build())
				.mapNotNull(ChatCompletionChunk::content))
				.expectNext("Hel")
				.expectError(StreamErrorException.class)
				.verify(TIMEOUT);
			assertThat(chats(this.b)).isZero();
		});
	}

	@Test
	void aPoolCanBackTheUnqualifiedBeans() {
		this.contextRunner.withPropertyValues("openai.default-pool=orgs").run((context) -> {
			ask(context.getBean(ChatClient.class), 4);
			assertThat(chats(this.a)).isEqualTo(2);
			assertThat(chats(this.b)).isEqualTo(2);
			assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), ChatClient.class,
					"orgs")).isSameAs(context.getBean(ChatClient.class));
		});
	}

	@Test
	void thePoolsCallsAreObservedUnderItsName() {
		this.contextRunner.run((context) -> {
			ask(context.getBean(OpenAiClients.class).chat("orgs"), 2);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("gen_ai.client.operation").tag("openai.client", "orgs").timer().count())
				.isEqualTo(2);
		});
	}

	@Test
	void aPoolNamingAnUnknownClientFailsStartup() {
		this.contextRunner.withPropertyValues("openai.pools.orgs.members=a,c").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.pools.orgs.members[1]")
				.hasMessageContaining("[default, a, b]");
		});
	}

	@Test
	void anEmptyPoolFailsStartup() {
		this.contextRunner.withPropertyValues("openai.pools.orgs.members=", "openai.pools.orgs.strategy=ordered")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("openai.pools.orgs.members");
			});
	}

	@Test
	void anUnknownDefaultPoolFailsStartup() {
		this.contextRunner.withPropertyValues("openai.default-pool=nope").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("openai.default-pool");
		});
	}

	private static Health poolHealth(org.springframework.context.ApplicationContext context) {
		CompositeReactiveHealthContributor health = context.getBean("openaiHealthContributor",
				CompositeReactiveHealthContributor.class);
		return ((ReactiveHealthIndicator) health.getContributor("orgs")).health(true).block(TIMEOUT);
	}

	static final class MutableClock extends Clock {

		private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));

		void advance(Duration duration) {
			this.now.updateAndGet((instant) -> instant.plus(duration));
		}

		@Override
		public Instant instant() {
			return this.now.get();
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
