package io.github.openaiboot.autoconfigure;

import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.observation.OpenAiRateLimitMeterBinder;
import io.github.openaiboot.observation.OpenAiUsageMeterObservationHandler;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

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

	@Bean
	@ConditionalOnMissingBean
	OpenAiUsageMeterObservationHandler openAiUsageMeterObservationHandler(MeterRegistry meterRegistry,
			PricingTable pricingTable) {
		return new OpenAiUsageMeterObservationHandler(meterRegistry, pricingTable);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiRateLimitMeterBinder openAiRateLimitMeterBinder(RateLimitTracker rateLimitTracker,
			OpenAiProperties properties) {
		return new OpenAiRateLimitMeterBinder(rateLimitTracker, properties.getClientName());
	}

}
