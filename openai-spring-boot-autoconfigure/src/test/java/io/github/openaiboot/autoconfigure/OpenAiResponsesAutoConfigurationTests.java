package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.pool.OpenAiClients;
import io.github.openaiboot.responses.ResponseAccumulator;
import io.github.openaiboot.responses.ResponseFixtures;
import io.github.openaiboot.responses.ResponseRequest;
import io.github.openaiboot.responses.ResponsesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for the auto-configured {@link ResponsesClient}: the root bean, its
 * {@code openai.responses.*} defaults, the bean of each named client and of a default
 * pool, and its meters.
 */
class OpenAiResponsesAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WireMockServer root = new WireMockServer(options().dynamicPort());

	private final WireMockServer eu = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.root.start();
		this.eu.start();
		for (WireMockServer server : new WireMockServer[] { this.root, this.eu }) {
			server.stubFor(post(urlEqualTo("/v1/responses"))
				.willReturn(ResponseFixtures.json(ResponseFixtures.read(ResponseFixtures.FUNCTION_CALL_RESPONSE))));
		}
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiObservationAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("openai.api-key=sk-root", "openai.base-url=" + this.root.baseUrl() + "/v1",
					"openai.retry.initial-backoff=1ms", "openai.retry.max-backoff=1ms",
					"openai.clients.eu.base-url=" + this.eu.baseUrl() + "/v1",
					"openai.clients.eu.responses.model=gpt-4.1-mini");
	}

	@AfterEach
	void stop() {
		this.root.stop();
		this.eu.stop();
	}

	private static ResponseRequest hello() {
		return ResponseRequest.builder().input("Hello").build();
	}

	@Test
	void providesAResponsesClientThatIsTheDefaultClientsToo() {
		this.contextRunner.run((context) -> {
			assertThat(context.getBeanNamesForType(ResponsesClient.class)).containsExactly("openAiResponsesClient",
					"openAiResponsesClient.eu");
			ResponsesClient client = context.getBean(ResponsesClient.class);
			assertThat(context.getBean(OpenAiClients.class).responses("default")).isSameAs(client);
			StepVerifier.create(client.create(hello())).expectNextCount(1).expectComplete().verify(TIMEOUT);
			this.root.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
				.withHeader("Authorization", equalTo("Bearer sk-root"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesAResponsesClient() {
		this.contextRunner.withUserConfiguration(OwnResponsesClient.class).run((context) -> {
			assertThat(context.getBean(ResponsesClient.class)).isSameAs(context.getBean("myResponsesClient"));
			assertThat(context.getBean(OpenAiClients.class).responses("default"))
				.isSameAs(context.getBean("myResponsesClient"));
			assertThat(context.getBean(OpenAiClients.class).responses("eu"))
				.isSameAs(context.getBean("openAiResponsesClient.eu"));
		});
	}

	@Test
	void appliesResponsesDefaultsFromProperties() {
		this.contextRunner
			.withPropertyValues("openai.responses.model=gpt-4.1", "openai.responses.temperature=0.2",
					"openai.responses.max-output-tokens=700", "openai.responses.reasoning-effort=low",
					"openai.responses.store=false", "openai.responses.service-tier=flex")
			.run((context) -> {
				StepVerifier.create(context.getBean(ResponsesClient.class).create(hello()))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				this.root.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
					.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4.1")))
					.withRequestBody(matchingJsonPath("$.temperature", equalTo("0.2")))
					.withRequestBody(matchingJsonPath("$.max_output_tokens", equalTo("700")))
					.withRequestBody(matchingJsonPath("$.reasoning.effort", equalTo("low")))
					.withRequestBody(matchingJsonPath("$.store", equalTo("false")))
					.withRequestBody(matchingJsonPath("$.service_tier", equalTo("flex"))));
			});
	}

	@Test
	void invalidResponsesDefaultsFailStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("openai.responses.temperature=2.5").run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			// the named client, which inherits the root value, is checked first
			assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.clients.eu.responses.temperature")
				.hasMessageContaining("Must be between 0 and 2");
		});
		this.contextRunner.withPropertyValues("openai.clients.eu.responses.max-output-tokens=0")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("openai.clients.eu.responses.max-output-tokens"));
	}

	@Test
	void namedClientHasAQualifiedResponsesClientWithItsOwnDefaultsAndMeters() {
		this.contextRunner.run((context) -> {
			ResponsesClient eu = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
					ResponsesClient.class, "eu");
			assertThat(eu).isSameAs(context.getBean(OpenAiClients.class).responses("eu"));
			StepVerifier.create(eu.create(hello())).expectNextCount(1).expectComplete().verify(TIMEOUT);
			this.eu.verify(1, postRequestedFor(urlEqualTo("/v1/responses"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4.1-mini"))));
			assertThat(this.root.getAllServeEvents()).isEmpty();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.token.type", "input", "gen_ai.operation.name", "chat", "gen_ai.request.model",
						"gpt-4.1-mini", "openai.client", "eu")
				.summary()
				.totalAmount()).isEqualTo(81);
			// 81 x 2.00 + 19 x 8.00 per million: priced as the gpt-4.1 that answered
			assertThat(meters.get("openai.client.cost").tags("openai.client", "eu").counter().count())
				.isEqualTo(0.000314);
		});
	}

	@Test
	void defaultPoolBacksTheResponsesClientAndAStreamFailsOverBeforeItsFirstEvent() {
		this.root.stubFor(post(urlEqualTo("/v1/responses"))
			.willReturn(error(429, "tokens", "rate_limit_exceeded", "Rate limit reached. Please try again in 1s.")));
		this.eu.stubFor(post(urlEqualTo("/v1/responses"))
			.willReturn(ResponseFixtures.sse(ResponseFixtures.read(ResponseFixtures.TEXT_STREAM))));
		this.contextRunner
			.withPropertyValues("openai.pools.both.members=default,eu", "openai.pools.both.strategy=ordered",
					"openai.default-pool=both")
			.run((context) -> {
				ResponsesClient client = context.getBean(ResponsesClient.class);
				assertThat(client).isSameAs(context.getBean(OpenAiClients.class).responses("both"));
				StepVerifier.create(ResponseAccumulator.collect(client.stream(hello())))
					.assertNext((response) -> assertThat(response.outputText()).isEqualTo(ResponseFixtures.TEXT))
					.expectComplete()
					.verify(TIMEOUT);
				assertThat(this.root.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/responses")).build())
					.getCount()).isEqualTo(1);
				assertThat(this.eu.countRequestsMatching(postRequestedFor(urlEqualTo("/v1/responses")).build())
					.getCount()).isEqualTo(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnResponsesClient {

		@Bean
		ResponsesClient myResponsesClient() {
			return mock(ResponsesClient.class);
		}

	}

}
