package io.github.openaiboot.autoconfigure;

import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.observation.OpenAiRateLimitMeterBinder;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of OpenAI meters: tokens and cost of every call (recorded when its
 * observation stops) and rate-limit headroom gauges.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration(after = { OpenAiAutoConfiguration.class, OpenAiObservationAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, ObservationRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, RateLimitTracker.class, PricingTable.class })
public final class OpenAiMetricsAutoConfiguration {

	/**
	 * Order of the meter handler: ahead of Micrometer's default meter handler, which is
	 * unordered, so that OpenAI observations are recorded by this one.
	 */
	static final int METER_HANDLER_ORDER = 0;

	private static final String IGNORED_METERS_PROPERTY = "management.metrics.observations.ignored-meters";

	@Bean
	@ConditionalOnMissingBean
	@Order(METER_HANDLER_ORDER)
	OpenAiMeterObservationHandler openAiMeterObservationHandler(MeterRegistry meterRegistry,
			PricingTable pricingTable, Environment environment) {
		// the property Spring Boot's own meter handler honours, read without its class
		boolean longTaskTimer = !Binder.get(environment)
			.bind(IGNORED_METERS_PROPERTY, Bindable.setOf(IgnoredMeters.class))
			.map((ignored) -> ignored.contains(IgnoredMeters.LONG_TASK_TIMER))
			.orElse(false);
		return new OpenAiMeterObservationHandler(meterRegistry, pricingTable, longTaskTimer);
	}

	@Bean
	MicrometerOpenAiClientMetrics openAiClientMetrics(MeterRegistry meterRegistry) {
		return new MicrometerOpenAiClientMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiRateLimitMeterBinder openAiRateLimitMeterBinder(RateLimitTracker rateLimitTracker,
			OpenAiProperties properties) {
		return new OpenAiRateLimitMeterBinder(rateLimitTracker, properties.getClientName());
	}

}
