package io.github.openaiboot.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiEnvironmentPostProcessor}.
 */
class OpenAiEnvironmentPostProcessorTests {

	private final OpenAiEnvironmentPostProcessor processor = new OpenAiEnvironmentPostProcessor();

	@Test
	void mapsTheOfficialVariablesToProperties() {
		StandardEnvironment environment = environment(Map.of("OPENAI_API_KEY", " sk-env ", "OPENAI_BASE_URL",
				"https://gateway.example.com/v1", "OPENAI_ORG_ID", "org-1", "OPENAI_PROJECT_ID", "proj_1"));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("openai.api-key")).isEqualTo("sk-env");
		assertThat(environment.getProperty("openai.base-url")).isEqualTo("https://gateway.example.com/v1");
		assertThat(environment.getProperty("openai.organization")).isEqualTo("org-1");
		assertThat(environment.getProperty("openai.project")).isEqualTo("proj_1");
	}

	@Test
	void addsItsSourceLastSoThatAnyExplicitPropertyWins() {
		StandardEnvironment environment = environment(Map.of("OPENAI_API_KEY", "sk-env"));
		environment.getPropertySources().addLast(new MapPropertySource("application", Map.of("openai.api-key", "sk-app")));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("openai.api-key")).isEqualTo("sk-app");
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).get().getName())
			.isEqualTo(OpenAiEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
	}

	@Test
	void ignoresBlankVariablesAndAddsNothingWithoutVariables() {
		StandardEnvironment environment = environment(Map.of("OPENAI_API_KEY", "  "));
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("openai.api-key")).isNull();
		assertThat(environment.getPropertySources().contains(OpenAiEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
		return environment;
	}

}
