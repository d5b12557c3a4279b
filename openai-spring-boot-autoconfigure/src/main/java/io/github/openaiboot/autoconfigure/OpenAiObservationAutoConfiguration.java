package io.github.openaiboot.autoconfigure;

import io.github.openaiboot.observation.ObservationOpenAiCallObserver;
import io.github.openaiboot.observation.OpenAiObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
	ObservationOpenAiCallObserver openAiCallObserver(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<OpenAiObservationConvention> convention, OpenAiProperties properties) {
		return new ObservationOpenAiCallObserver(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
				convention.getIfAvailable(), properties.getClientName());
	}

}
