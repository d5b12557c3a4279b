package io.github.openaiboot.autoconfigure;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.openaiboot.core.OpenAiAccounts;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.pool.OpenAiPool;
import io.github.openaiboot.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

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
	@Conditional(OnNoNamedClientsCondition.class)
	OpenAiHealthIndicator openaiHealthIndicator(ModelsClient modelsClient, OpenAiCallOutcomes callOutcomes,
			RateLimitTracker rateLimitTracker, ObjectProvider<RateLimiter> rateLimiter, OpenAiProperties properties,
			ObjectProvider<Clock> clock, ObjectProvider<OpenAiPipeline> pipeline) {
		return new OpenAiHealthIndicator(modelsClient, callOutcomes, rateLimitTracker,
				rateLimiter.getIfAvailable(RateLimiter::unlimited), properties, clock.getIfAvailable(Clock::systemUTC))
			.withAccounts(accounts(pipeline.getIfAvailable()));
	}

	private static @Nullable OpenAiAccounts accounts(@Nullable OpenAiPipeline pipeline) {
		return (pipeline != null) ? pipeline.accounts() : null;
	}

	/**
	 * With named clients or pools, the {@code openai} component has one entry per client
	 * ({@code default} first) and per pool; a pool's entry is up while one of its members
	 * is in rotation and up, and lists each member.
	 */
	@Bean
	@ConditionalOnMissingBean(name = { "openaiHealthContributor", "openaiHealthIndicator" })
	@Conditional(OnNamedClientsCondition.class)
	CompositeReactiveHealthContributor openaiHealthContributor(ModelsClient modelsClient,
			OpenAiCallOutcomes callOutcomes, RateLimitTracker rateLimitTracker, ObjectProvider<RateLimiter> rateLimiter,
			OpenAiProperties properties, ObjectProvider<Clock> clock, ListableBeanFactory beanFactory,
			ObjectProvider<OpenAiPipeline> pipeline) {
		Clock healthClock = clock.getIfAvailable(Clock::systemUTC);
		Map<String, ReactiveHealthIndicator> clients = new LinkedHashMap<>();
		clients.put(OpenAiProperties.DEFAULT_CLIENT,
				new OpenAiHealthIndicator(modelsClient, callOutcomes, rateLimitTracker,
						rateLimiter.getIfAvailable(RateLimiter::unlimited), properties, healthClock)
					.withAccounts(accounts(pipeline.getIfAvailable())));
		Map<String, ReactiveHealthContributor> entries = new LinkedHashMap<>(clients);
		Collection<OpenAiNamedClient> named = beanFactory.getBeansOfType(OpenAiNamedClient.class).values();
		for (OpenAiNamedClient client : named) {
			OpenAiClientProperties clientProperties = client.properties();
			if (clientProperties != null) {
				OpenAiHealthIndicator indicator = new OpenAiHealthIndicator(client.models(), client.callOutcomes(),
						client.rateLimitTracker(), client.rateLimiter(), clientProperties, healthClock)
					.withAccounts(accounts(client.pipeline()));
				clients.put(client.name(), indicator);
				entries.put(client.name(), indicator);
			}
		}
		for (OpenAiNamedClient client : named) {
			OpenAiPool pool = client.pool();
			if (pool != null) {
				entries.put(client.name(), new OpenAiPoolHealthIndicator(pool, clients));
			}
		}
		return CompositeReactiveHealthContributor.fromMap(entries);
	}

	static class OnNamedClientsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Environment environment = context.getEnvironment();
			boolean named = !OpenAiNamedClientsRegistrar.clientNames(environment).isEmpty()
					|| !OpenAiNamedClientsRegistrar.pools(environment).isEmpty();
			return named ? ConditionOutcome.match("openai.clients or openai.pools configured")
					: ConditionOutcome.noMatch("no openai.clients or openai.pools");
		}

	}

	static class OnNoNamedClientsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionOutcome named = new OnNamedClientsCondition().getMatchOutcome(context, metadata);
			return new ConditionOutcome(!named.isMatch(), named.getConditionMessage());
		}

	}

}
