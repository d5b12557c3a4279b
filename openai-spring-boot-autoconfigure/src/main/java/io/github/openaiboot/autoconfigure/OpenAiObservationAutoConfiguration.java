package io.github.openaiboot.autoconfigure;

import java.util.Map;

import io.github.openaiboot.observation.DefaultOpenAiObservationConvention;
import io.github.openaiboot.observation.ObservationOpenAiCallObserver;
import io.github.openaiboot.observation.OpenAiObservationConvention;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration that wraps every OpenAI call in a {@code gen_ai.client.operation}
 * observation.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration(before = OpenAiAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@EnableConfigurationProperties(OpenAiProperties.class)
public final class OpenAiObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnObservationEnabledCondition.class)
	ObservationOpenAiCallObserver openAiCallObserver(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<OpenAiObservationConvention> convention, OpenAiProperties properties) {
		return new ObservationOpenAiCallObserver(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				convention.getIfAvailable(), properties.getClientName());
	}

	@Bean
	@Conditional(OnObservationEnabledCondition.class)
	OpenAiCallObserverFactory openAiCallObserverFactory(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<OpenAiObservationConvention> convention) {
		return (client, pricingTable) -> new ObservationOpenAiCallObserver(
				observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), convention.getIfAvailable(), client,
				pricingTable);
	}

	/**
	 * Records each retried attempt of a call on the call's observation. A listener of
	 * every client's retries, as the retry counter is.
	 * @return the listener
	 */
	@Bean
	@Conditional(OnObservationEnabledCondition.class)
	OpenAiRetryListener openAiObservationRetryListener() {
		return ObservationOpenAiCallObserver.retryListener();
	}

	/**
	 * Matches unless {@code management.observations.enable.*} switches the
	 * {@code gen_ai.client.operation} observation off, looked up as Spring Boot's
	 * observation predicate does: the longest dot-separated prefix of the name that has a
	 * value, then {@code all}. Boot's predicate would then refuse every observation, so
	 * the calls are left unobserved from the start rather than building an observation
	 * context on each call for nothing.
	 */
	static class OnObservationEnabledCondition extends SpringBootCondition {

		private static final String PREFIX = "management.observations.enable";

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Boolean> enable = Binder.get(context.getEnvironment())
				.bind(PREFIX, Bindable.mapOf(String.class, Boolean.class))
				.orElse(Map.of());
			String name = DefaultOpenAiObservationConvention.NAME;
			String key = lookup(enable, name);
			if (key != null && !enable.get(key)) {
				return ConditionOutcome.noMatch(PREFIX + "." + key + " is false");
			}
			return ConditionOutcome.match((key != null) ? PREFIX + "." + key + " is true"
					: "no " + PREFIX + " property for " + name);
		}

		private static @Nullable String lookup(Map<String, Boolean> enable, String name) {
			while (!name.isEmpty()) {
				if (enable.containsKey(name)) {
					return name;
				}
				int lastDot = name.lastIndexOf('.');
				name = (lastDot != -1) ? name.substring(0, lastDot) : "";
			}
			return enable.containsKey("all") ? "all" : null;
		}

	}

}
