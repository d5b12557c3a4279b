package io.github.openaiboot.test;

import java.util.List;
import java.util.Map;

import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiSimulatorContextCustomizer} and its factory.
 *
 * @author OpenAI Spring Boot contributors
 */
class OpenAiSimulatorContextCustomizerTests {

	private final OpenAiSimulatorContextCustomizerFactory factory = new OpenAiSimulatorContextCustomizerFactory();

	@Test
	void customizesOnlyAnnotatedTestClasses() {
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of())).isNotNull();
		assertThat(this.factory.createContextCustomizer(Subclass.class, List.of())).isNotNull();
		assertThat(this.factory.createContextCustomizer(NotAnnotated.class, List.of())).isNull();
	}

	@Test
	void customizersAreEqualSoContextsAreCached() {
		assertThat(this.factory.createContextCustomizer(Annotated.class, List.of()))
			.isEqualTo(this.factory.createContextCustomizer(Subclass.class, List.of()))
			.hasSameHashCodeAs(this.factory.createContextCustomizer(Subclass.class, List.of()));
	}

	@Test
	void stopsSimulatorWhenContextCloses() {
		OpenAiSimulator simulator;
		try (GenericApplicationContext context = customizedContext()) {
			context.refresh();
			simulator = context.getBean(OpenAiSimulator.class);
			assertThat(simulator.isRunning()).isTrue();
		}
		assertThat(simulator.isRunning()).isFalse();
	}

	@Test
	void yieldsApiKeyToPropertySourcesAddedLater() {
		try (GenericApplicationContext context = customizedContext()) {
			ConfigurationPropertySources.attach(context.getEnvironment());
			assertThat(context.getEnvironment().getProperty("openai.api-key")).isEqualTo("sk-simulator-key");
			context.getEnvironment()
				.getPropertySources()
				.addLast(new MapPropertySource("application.properties", Map.of("openai.api-key", "sk-from-file")));
			assertThat(context.getEnvironment().getProperty("openai.api-key")).isEqualTo("sk-from-file");
			context.refresh();
		}
	}

	private GenericApplicationContext customizedContext() {
		GenericApplicationContext context = new GenericApplicationContext();
		ContextCustomizer customizer = this.factory.createContextCustomizer(Annotated.class, List.of());
		customizer.customizeContext(context,
				new MergedContextConfiguration(getClass(), new String[0], new Class<?>[0], new String[0], null));
		return context;
	}

	@AutoConfigureOpenAiSimulator
	static class Annotated {

	}

	static class Subclass extends Annotated {

	}

	static class NotAnnotated {

	}

}
