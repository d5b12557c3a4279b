package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.observation.OpenAiObservationContext;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.Usage;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.error;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.json;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the observation, token, cost and rate-limit meters of OpenAI calls, against
 * WireMock.
 */
class OpenAiObservabilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.server.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiObservationAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withUserConfiguration(RegistriesConfiguration.class)
			.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + this.server.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void chatCallRecordsObservationTimerTokensCostAndHeadroom() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.run((context) -> {
			StepVerifier
				.create(context.getBean(ChatClient.class)
					.complete(ChatRequest.builder().user("Hi").temperature(0.5).maxCompletionTokens(600).build()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			TestObservationRegistryAssert.assertThat(observations)
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasContextualNameEqualTo("chat gpt-4o-mini")
				.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
				.hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
				.hasLowCardinalityKeyValue("gen_ai.request.model", "gpt-4o-mini")
				.hasLowCardinalityKeyValue("error.type", "none")
				.hasLowCardinalityKeyValue("openai.client", "default")
				.hasHighCardinalityKeyValue("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
				.hasHighCardinalityKeyValue("gen_ai.response.id", "chatcmpl-1")
				.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "stop")
				.hasHighCardinalityKeyValue("gen_ai.request.temperature", "0.5")
				.hasHighCardinalityKeyValue("gen_ai.request.max_tokens", "600")
				.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "1000")
				.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "500");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Timer timer = meters.get("gen_ai.client.operation")
				.tags("gen_ai.operation.name", "chat", "gen_ai.provider.name", "openai", "gen_ai.request.model",
						"gpt-4o-mini", "error.type", "none", "openai.client", "default")
				.timer();
			assertThat(timer.count()).isEqualTo(1);
			DistributionSummary input = tokens(meters, "input");
			assertThat(input.count()).isEqualTo(1);
			assertThat(input.totalAmount()).isEqualTo(1000);
			assertThat(input.getId().getBaseUnit()).isEqualTo("tokens");
			assertThat(tokens(meters, "output").totalAmount()).isEqualTo(500);
			assertThat(meters.get("openai.client.cost")
				.tags("gen_ai.operation.name", "chat", "gen_ai.request.model", "gpt-4o-mini", "openai.client",
						"default")
				.counter()
				.count()).isCloseTo(800 * 0.15e-6 + 200 * 0.075e-6 + 500 * 0.6e-6, within(1e-12));
			assertThat(meters.get("openai.client.cost").counter().getId().getBaseUnit()).isEqualTo("usd");
			assertThat(gauge(meters, "openai.ratelimit.limit", "requests")).isEqualTo(3500);
			assertThat(gauge(meters, "openai.ratelimit.limit", "tokens")).isEqualTo(90000);
			assertThat(gauge(meters, "openai.ratelimit.remaining", "requests")).isEqualTo(3499);
			assertThat(gauge(meters, "openai.ratelimit.remaining", "tokens")).isEqualTo(89984);
			assertThat(gauge(meters, "openai.ratelimit.reset", "requests")).isEqualTo(0.017);
			assertThat(gauge(meters, "openai.ratelimit.reset", "tokens")).isEqualTo(360);
		});
	}

	@Test
	void operationTimerIsRecordedOnceByTheStarterAndHttpRequestsByTheDefaultHandlerWhenSwitchedOn() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientObservationAutoConfiguration.class))
			.withPropertyValues("openai.http-client-observations=true")
			.run((context) -> {
			ChatClient chat = context.getBean(ChatClient.class);
			for (int i = 0; i < 3; i++) {
				StepVerifier.create(chat.ask("Hi")).expectNextCount(1).expectComplete().verify(TIMEOUT);
			}
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// one timer, counted once per call: the default meter handler did not record too
			assertThat(meters.find("gen_ai.client.operation").timers()).singleElement()
				.satisfies((timer) -> assertThat(timer.count()).isEqualTo(3))
				.satisfies((timer) -> assertThat(timer.getId().getTag("error")).isEqualTo("none"));
			assertThat(meters.get("gen_ai.client.operation.active")
				.tags("gen_ai.operation.name", "chat", "gen_ai.request.model", "gpt-4o-mini", "error.type", "none")
				.longTaskTimer()
				.activeTasks()).isZero();
			assertThat(meters.get("http.client.requests").tag("uri", "/v1/chat/completions").timer().count())
				.isEqualTo(3);
		});
	}

	@Test
	void httpClientRequestsOfOpenAiCallsOnlyAreLeftOutByDefault() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.server.stubFor(get(urlEqualTo("/other")).willReturn(json(200, "{}")));
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientObservationAutoConfiguration.class))
			.run((context) -> {
				ChatClient chat = context.getBean(ChatClient.class);
				for (int i = 0; i < 2; i++) {
					StepVerifier.create(chat.ask("Hi")).expectNextCount(1).expectComplete().verify(TIMEOUT);
				}
				WebClient other = context.getBean(WebClient.Builder.class).baseUrl(this.server.baseUrl()).build();
				other.get().uri("/other").retrieve().toBodilessEntity().block(TIMEOUT);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("gen_ai.client.operation").timer().count()).isEqualTo(2);
				assertThat(meters.find("http.client.requests").tag("uri", "/v1/chat/completions").timers()).isEmpty();
				assertThat(meters.get("http.client.requests").tag("uri", "/other").timer().count())
					.as("the application's own WebClient keeps its observation").isEqualTo(1);
			});
	}

	@Test
	void retriedAttemptsAreRecordedOnTheCallsObservation() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(error(503, "server_error", "overloaded", "The engine is currently overloaded")
				.withHeader("retry-after-ms", "10"))
			.willSetStateTo("second"));
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("retry")
			.whenScenarioStateIs("second")
			.willReturn(error(500, "server_error", "server_error", "The server had an error")
				.withHeader("retry-after-ms", "20"))
			.willSetStateTo("ok"));
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.withConfiguration(AutoConfigurations.of(WebClientObservationAutoConfiguration.class))
			.run((context) -> {
				StepVerifier.create(context.getBean(ChatClient.class).ask("Hi"))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				this.server.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasNumberOfObservationsEqualTo(1)
					.hasObservationWithNameEqualTo("gen_ai.client.operation")
					.that()
					.hasBeenStopped()
					.hasLowCardinalityKeyValue("error.type", "none")
					.hasHighCardinalityKeyValue("openai.retries", "2")
					.hasHighCardinalityKeyValue("openai.retried.request_ids", "req_503,req_500")
					.hasEvent("gen_ai.client.retry",
							"attempt 1 failed: 503 OVERLOADED (req_503), retried in 10 ms")
					.hasEvent("gen_ai.client.retry",
							"attempt 2 failed: 500 SERVER_ERROR (req_500), retried in 20 ms");
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("openai.client.retries").tag("error.type", "OVERLOADED").counter().count())
					.isOne();
				assertThat(meters.get("openai.client.retries").tag("error.type", "SERVER_ERROR").counter().count())
					.isOne();
				assertThat(meters.find("http.client.requests").meters()).isEmpty();
			});
	}

	@Test
	void aFailedCallRecordsTheStatusOfItsLastAttempt() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(
				error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided: sk-test")));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).ask("Hi")).expectError().verify(TIMEOUT);
			this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasLowCardinalityKeyValue("error.type", "INVALID_API_KEY")
				.hasHighCardinalityKeyValue("http.response.status_code", "401")
				.hasHighCardinalityKeyValue("openai.request.id", "req_401")
				.doesNotHaveHighCardinalityKeyValueWithKey("openai.retries")
				.doesNotHaveEvent("gen_ai.client.retry");
		});
	}

	@Test
	void activeCallsTimerFollowsBootsIgnoredMetersProperty() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				StepVerifier.create(context.getBean(ChatClient.class).ask("Hi"))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find("gen_ai.client.operation").timer().count()).isEqualTo(1);
				assertThat(meters.find("gen_ai.client.operation.active").meters()).isEmpty();
			});
	}

	@Test
	void activeCallsTimerCountsACallInProgress() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions"))
			.willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION).withFixedDelay(1000)));
		this.contextRunner.run((context) -> {
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			Disposable call = context.getBean(ChatClient.class).ask("Hi").subscribe();
			try {
				assertThat(meters.get("gen_ai.client.operation.active").longTaskTimer().activeTasks()).isOne();
			}
			finally {
				call.dispose();
			}
			assertThat(meters.get("gen_ai.client.operation.active").longTaskTimer().activeTasks()).isZero();
		});
	}

	@Test
	void quotaExceededCallRecordsItsErrorKindAndHeadroomFromTheErrorResponse() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(error(429, "insufficient_quota",
				"insufficient_quota", "You exceeded your current quota, please check your plan and billing details.")));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).ask("Hi"))
				.expectError(QuotaExceededException.class)
				.verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("error.type", "QUOTA_EXCEEDED")
				.hasHighCardinalityKeyValue("openai.request.id", "req_429")
				.assertThatError()
				.isInstanceOf(QuotaExceededException.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.operation")
				.tags("error.type", "QUOTA_EXCEEDED", "error", "QuotaExceededException")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.find("gen_ai.client.token.usage").meters()).isEmpty();
			assertThat(meters.find("openai.client.cost").meters()).isEmpty();
			assertThat(gauge(meters, "openai.ratelimit.remaining", "requests")).isEqualTo(3499);
		});
	}

	@Test
	void streamRecordsUsageFromTheUsageChunkAndEndsTheObservationAtStreamEnd() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(sse(OpenAiWireMock.CHAT_STREAM)));
		this.contextRunner.run((context) -> {
			TestObservationRegistry observations = context.getBean(TestObservationRegistry.class);
			StepVerifier.create(context.getBean(ChatClient.class).stream(ChatRequest.builder().user("Hi").build()), 2)
				.expectNextCount(2)
				.then(() -> TestObservationRegistryAssert.assertThat(observations)
					.hasObservationWithNameEqualTo("gen_ai.client.operation")
					.that()
					.hasBeenStarted()
					.isNotStopped())
				.thenRequest(Long.MAX_VALUE)
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(observations)
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("error.type", "none")
				.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "stop")
				.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "10")
				.hasEvent("gen_ai.client.first_chunk");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(tokens(meters, "input").totalAmount()).isEqualTo(10);
			assertThat(tokens(meters, "output").totalAmount()).isEqualTo(2);
			assertThat(meters.get("openai.client.cost").counter().count())
				.isCloseTo(10 * 0.15e-6 + 2 * 0.6e-6, within(1e-12));
			assertThat(meters.get("gen_ai.client.time_to_first_chunk").timer().count()).isEqualTo(1);
			assertThat(gauge(meters, "openai.ratelimit.remaining", "requests")).isEqualTo(3000);
		});
	}

	@Test
	void cancelledStreamStillEndsTheObservation() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(sse(OpenAiWireMock.CHAT_STREAM)));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).stream(ChatRequest.builder().user("Hi").build()))
				.expectNextCount(1)
				.thenCancel()
				.verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasEvent("gen_ai.client.first_chunk");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.operation").timer().count()).isEqualTo(1);
			assertThat(meters.get("gen_ai.client.time_to_first_chunk").timer().count()).isEqualTo(1);
		});
	}

	@Test
	void embeddingsImagesAndModelsAreObservedWithTheirOperationNames() {
		this.server.stubFor(post(urlEqualTo("/v1/embeddings")).willReturn(json(200, """
				{"object":"list","model":"text-embedding-3-small",
				 "data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}],
				 "usage":{"prompt_tokens":1000000,"completion_tokens":0,"total_tokens":1000000}}
				""")));
		this.server.stubFor(post(urlEqualTo("/v1/images/generations")).willReturn(json(200, """
				{"created":1,"data":[{"url":"https://example.com/a.png"},{"url":"https://example.com/b.png"}]}
				""")));
		this.server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
		this.contextRunner.withPropertyValues("openai.embedding.encoding-format=float").run((context) -> {
			StepVerifier.create(context.getBean(EmbeddingClient.class).embed("Hi"))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier
				.create(context.getBean(ImageClient.class)
					.generate(ImageRequest.builder("a cat").model("dall-e-3").n(2).quality("hd").build()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(context.getBean(ModelsClient.class).list())
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.operation").tag("gen_ai.operation.name", "embeddings").timer().count())
				.isEqualTo(1);
			assertThat(meters.get("gen_ai.client.operation")
				.tag("gen_ai.operation.name", "image_generation")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("gen_ai.client.operation")
				.tags("gen_ai.operation.name", "models", "gen_ai.request.model", "unknown")
				.timer()
				.count()).isEqualTo(1);
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.operation.name", "embeddings", "gen_ai.token.type", "input")
				.summary()
				.totalAmount()).isEqualTo(1_000_000);
			assertThat(meters.find("gen_ai.client.token.usage")
				.tags("gen_ai.operation.name", "embeddings", "gen_ai.token.type", "output")
				.summary()).isNull();
			assertThat(meters.get("openai.client.cost").tag("gen_ai.operation.name", "embeddings").counter().count())
				.isCloseTo(0.02, within(1e-12));
			assertThat(meters.get("openai.client.cost")
				.tags("gen_ai.operation.name", "image_generation", "gen_ai.request.model", "dall-e-3")
				.counter()
				.count()).isCloseTo(0.16, within(1e-12));
		});
	}

	@Test
	void unknownModelCountsTokensButNoCost() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200,
				OpenAiWireMock.CHAT_COMPLETION.replace("gpt-4o-mini-2024-07-18", "my-model"))));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).complete(ChatRequest.builder().model("my-model").user("Hi").build()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.request.model", "my-model", "gen_ai.token.type", "input")
				.summary()
				.totalAmount()).isEqualTo(1000);
			assertThat(meters.find("openai.client.cost").meters()).isEmpty();
		});
	}

	@Test
	void pricesFromPropertiesOverrideBuiltInPrices() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner
			.withPropertyValues("openai.pricing.models.gpt-4o-mini.input=1", "openai.pricing.models.gpt-4o-mini.cached-input=0.5",
					"openai.pricing.models.gpt-4o-mini.output=2", "openai.pricing.models[gpt-4.1].input=4",
					"openai.pricing.models.my-model.input=3", "openai.client-name=billing")
			.run((context) -> {
				PricingTable pricing = context.getBean(PricingTable.class);
				assertThat(pricing.tokenPrice("gpt-4.1").orElseThrow().input()).isEqualByComparingTo("4");
				assertThat(pricing.tokenPrice("gpt-4.1").orElseThrow().output()).isEqualByComparingTo("8.00");
				assertThat(pricing.cost("my-model", Usage.of(1_000_000, 1_000_000)))
					.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("3"));
				StepVerifier.create(context.getBean(ChatClient.class).ask("Hi"))
					.expectNext("Hi")
					.expectComplete()
					.verify(TIMEOUT);
				assertThat(context.getBean(MeterRegistry.class)
					.get("openai.client.cost")
					.tag("openai.client", "billing")
					.counter()
					.count()).isCloseTo(800 * 1e-6 + 200 * 0.5e-6 + 500 * 2e-6, within(1e-12));
			});
	}

	@Test
	void observationContextCarriesTheCostForOtherHandlers() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).ask("Hi")).expectNextCount(1).expectComplete().verify(TIMEOUT);
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.satisfies((observation) -> assertThat(((OpenAiObservationContext) observation).getCost())
					.isEqualByComparingTo("0.000435"));
		});
	}

	private static DistributionSummary tokens(MeterRegistry meters, String type) {
		return meters.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", type, "gen_ai.operation.name", "chat", "gen_ai.request.model", "gpt-4o-mini",
					"openai.client", "default")
			.summary();
	}

	private static double gauge(MeterRegistry meters, String name, String limit) {
		return meters.get(name).tags("limit", limit, "openai.client", "default").gauge().value();
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistriesConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
