package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiRetryAutoConfigurationTests {

	private static final OpenAiRequest<Map> MODELS = OpenAiRequest.get(OpenAiOperation.MODELS, "/models", Map.class);

	private final WireMockServer wm = new WireMockServer(options().dynamicPort());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
		.withPropertyValues("openai.api-key=sk-test", "openai.retry.initial-backoff=1ms",
				"openai.retry.max-backoff=5ms");

	@BeforeEach
	void start() {
		this.wm.start();
	}

	@AfterEach
	void stop() {
		this.wm.stop();
	}

	@Test
	void configuresThePolicyFromProperties() {
		this.contextRunner
			.withPropertyValues("openai.retry.max-attempts=5", "openai.retry.retry-on=invalid-response",
					"openai.retry.never-retry-on=conflict", "openai.retry.deadline=30s")
			.run((context) -> {
				OpenAiRetryPolicy policy = context.getBean(OpenAiRetryPolicy.class);
				assertThat(policy.getMaxAttempts()).isEqualTo(5);
				assertThat(policy.getTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(policy.getRetryableKinds()).contains(OpenAiErrorKind.INVALID_RESPONSE)
					.doesNotContain(OpenAiErrorKind.CONFLICT);
				assertThat(context).hasSingleBean(OpenAiRetry.class);
			});
	}

	@Test
	void backsOffWhenTheUserDefinesARetryPolicy() {
		this.contextRunner.withUserConfiguration(CustomPolicyConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(OpenAiRetryPolicy.class);
			assertThat(context).hasSingleBean(RetryPolicy.class);
			assertThat(context.getBean(OpenAiRetry.class).toString()).contains("custom");
		});
	}

	@Test
	void retriesThroughThePipelineAndCountsRetriesInMicrometer() {
		this.wm.stubFor(get(anyUrl()).inScenario("s")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}"))
			.willSetStateTo("ok"));
		this.wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson("{}")));
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class)
			.withPropertyValues("openai.base-url=http://127.0.0.1:" + this.wm.port())
			.run((context) -> {
				StepVerifier.create(context.getBean(OpenAiPipeline.class).exchange(MODELS))
					.expectNextCount(1)
					.expectComplete()
					.verify(Duration.ofSeconds(30));
				this.wm.verify(exactly(2), getRequestedFor(anyUrl()));
				assertThat(context.getBean(MeterRegistry.class)
					.get("openai.client.retries")
					.tag("error.type", "OVERLOADED")
					.tag("openai.client", "default")
					.counter()
					.count()).isEqualTo(1.0);
			});
	}

	@Test
	void makesExactlyOneRequestWhenRetryIsDisabled() {
		this.wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));
		this.contextRunner
			.withPropertyValues("openai.base-url=http://127.0.0.1:" + this.wm.port(), "openai.retry.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OpenAiRetry.class).doesNotHaveBean(RetryPolicy.class);
				StepVerifier.create(context.getBean(OpenAiPipeline.class).exchange(MODELS))
					.expectError()
					.verify(Duration.ofSeconds(5));
				this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
			});
	}

	@Test
	void worksWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(OpenAiRetry.class)
				.doesNotHaveBean(OpenAiRetryMetrics.class));
	}

	@Test
	void failsStartupOnInvalidRetryProperties() {
		assertInvalid("openai.retry.max-attempts=0", "openai.retry.max-attempts");
		assertInvalid("openai.retry.jitter=1.5", "openai.retry.jitter");
		assertInvalid("openai.retry.multiplier=0.5", "openai.retry.multiplier");
		assertInvalid("openai.retry.deadline=0s", "openai.retry.deadline");
	}

	private void assertInvalid(String property, String name) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(name));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomPolicyConfiguration {

		@Bean
		RetryPolicy customRetryPolicy() {
			return new RetryPolicy() {

				@Override
				public boolean shouldRetry(Throwable throwable) {
					return false;
				}

				@Override
				public String toString() {
					return "custom";
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
