package io.github.openaiboot.autoconfigure;

import java.time.Clock;

import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.ratelimit.RateLimiter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code openai} health indicator.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration(after = OpenAiAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(AbstractReactiveHealthIndicator.class)
@ConditionalOnBean({ ModelsClient.class, OpenAiCallOutcomes.class, RateLimitTracker.class })
@ConditionalOnEnabledHealthIndicator("openai")
public final class OpenAiHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "openaiHealthIndicator")
	OpenAiHealthIndicator openaiHealthIndicator(ModelsClient modelsClient, OpenAiCallOutcomes callOutcomes,
			RateLimitTracker rateLimitTracker, ObjectProvider<RateLimiter> rateLimiter, OpenAiProperties properties,
			ObjectProvider<Clock> clock) {
		return new OpenAiHealthIndicator(modelsClient, callOutcomes, rateLimitTracker,
				rateLimiter.getIfAvailable(RateLimiter::unlimited), properties, clock.getIfAvailable(Clock::systemUTC));
	}

}
