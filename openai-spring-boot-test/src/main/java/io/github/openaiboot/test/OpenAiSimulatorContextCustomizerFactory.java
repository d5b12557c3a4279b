package io.github.openaiboot.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates an {@link OpenAiSimulatorContextCustomizer} for test classes annotated with
 * {@link AutoConfigureOpenAiSimulator}.
 *
 * @author OpenAI Spring Boot contributors
 */
final class OpenAiSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureOpenAiSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureOpenAiSimulator.class);
		return (annotation != null)
				? new OpenAiSimulatorContextCustomizer(List.of(annotation.clients()), List.of(annotation.azureClients()))
				: null;
	}

}
