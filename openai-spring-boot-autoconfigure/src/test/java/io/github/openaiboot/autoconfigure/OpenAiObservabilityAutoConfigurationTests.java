package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.observation.DefaultOpenAiObservationConvention;
import io.github.openaiboot.observation.ObservationOpenAiCallObserver;
import io.github.openaiboot.observation.OpenAiObservationContext;
import io.github.openaiboot.observation.OpenAiObservationConvention;
import io.github.openaiboot.observation.OpenAiRateLimitMeterBinder;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiObservationAutoConfiguration},
 * {@link OpenAiMetricsAutoConfiguration} and {@link OpenAiHealthAutoConfiguration}.
 */
class OpenAiObservabilityAutoConfigurationTests {

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.server.start();
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiObservationAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
					OpenAiHealthAutoConfiguration.class, ObservationAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + this.server.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void registersObserverMetersAndHealthIndicatorNamedOpenai() {
		this.contextRunner.withUserConfiguration(MeterRegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ObservationOpenAiCallObserver.class)
				.hasSingleBean(OpenAiMeterObservationHandler.class)
				.hasSingleBean(OpenAiRateLimitMeterBinder.class)
				.hasSingleBean(PricingTable.class)
				.hasSingleBean(OpenAiCallOutcomes.class)
				.hasBean("openaiHealthIndicator");
			assertThat(context.getBean("openaiHealthIndicator")).isInstanceOf(OpenAiHealthIndicator.class);
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.openai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiHealthIndicator.class)
				.hasSingleBean(ChatClient.class));
	}

	@Test
	void withoutMeterRegistryNoMetersAreRegisteredButCallsAreStillObserved() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(OpenAiMeterObservationHandler.class)
				.doesNotHaveBean(OpenAiRateLimitMeterBinder.class)
				.hasSingleBean(ObservationOpenAiCallObserver.class);
			assertChatWorks(context);
		});
	}

	@Test
	void observationSwitchedOffByBootsPropertiesIsLeftOutAtStartUp() {
		assertObserved(true);
		assertObserved(false, "management.observations.enable.gen_ai=false");
		assertObserved(false, "management.observations.enable.gen_ai.client.operation=false");
		assertObserved(false, "management.observations.enable.all=false");
		assertObserved(true, "management.observations.enable.all=false", "management.observations.enable.gen_ai=true");
		assertObserved(true, "management.observations.enable.gen_ai=false",
				"management.observations.enable.gen_ai.client=true");
		assertObserved(true, "management.observations.enable.http=false");
		assertObserved(true, "management.observations.enable.gen_ai.client.operation.other=false");
	}

	private void assertObserved(boolean observed, String... properties) {
		this.contextRunner.withUserConfiguration(ConventionConfiguration.class)
			.withPropertyValues(properties)
			.run((context) -> {
				assertThat(context.getBeansOfType(ObservationOpenAiCallObserver.class)).as("%s", (Object) properties)
					.hasSize(observed ? 1 : 0);
				assertChatWorks(context);
				// what Boot's predicate decides: observed exactly when the observer is there
				TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
				if (observed) {
					TestObservationRegistryAssert.assertThat(registry)
						.hasObservationWithNameEqualTo(DefaultOpenAiObservationConvention.NAME);
				}
				else {
					TestObservationRegistryAssert.assertThat(registry)
						.hasNumberOfObservationsWithNameEqualTo(DefaultOpenAiObservationConvention.NAME, 0);
				}
			});
	}

	@Test
	void withoutActuatorHealthClientsStillWork() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AbstractReactiveHealthIndicator.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OpenAiHealthIndicator.class).hasSingleBean(OpenAiCallOutcomes.class);
				assertChatWorks(context);
			});
	}

	@Test
	void withoutMicrometerClientsStillWork() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withUserConfiguration(MeterRegistryConfiguration.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OpenAiCallObserver.class)
					.doesNotHaveBean(OpenAiMeterObservationHandler.class)
					.hasSingleBean(PricingTable.class);
				assertChatWorks(context);
			});
	}

	@Test
	void withoutMicrometerOrActuatorClientsStillWork() {
		this.contextRunner
			.withClassLoader(new FilteredClassLoader(FilteredClassLoader.PackageFilter.of("io.micrometer"),
					FilteredClassLoader.ClassFilter.of(AbstractReactiveHealthIndicator.class)))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(OpenAiCallObserver.class).doesNotHaveBean(OpenAiHealthIndicator.class);
				assertChatWorks(context);
			});
	}

	@Test
	void customConventionIsUsed() {
		this.contextRunner.withUserConfiguration(ConventionConfiguration.class).run((context) -> {
			assertChatWorks(context);
			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasObservationWithNameEqualTo("gen_ai.client.operation")
				.that()
				.hasLowCardinalityKeyValue("team", "search");
		});
	}

	private static void assertChatWorks(AssertableApplicationContext context) {
		StepVerifier.create(context.getBean(ChatClient.class).ask("Hi"))
			.expectNext("Hi")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConventionConfiguration {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		OpenAiObservationConvention teamConvention() {
			return new DefaultOpenAiObservationConvention() {

				@Override
				public io.micrometer.common.KeyValues getLowCardinalityKeyValues(OpenAiObservationContext context) {
					return super.getLowCardinalityKeyValues(context).and("team", "search");
				}

			};
		}

	}

}
