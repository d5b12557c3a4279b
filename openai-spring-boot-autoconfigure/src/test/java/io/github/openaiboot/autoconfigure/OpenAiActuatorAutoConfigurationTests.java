package io.github.openaiboot.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiActuatorAutoConfiguration}.
 */
class OpenAiActuatorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OpenAiActuatorAutoConfiguration.class));

	@Test
	void sanitizesTheApiKeyPropertyTheVariableAndBeanProperty() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			assertThat(sanitize(function, "openai.api-key", "sk-abc")).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitize(function, "OPENAI_API_KEY", "sk-abc")).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitize(function, "apiKey", "whatever")).isEqualTo(SanitizableData.SANITIZED_VALUE);
			assertThat(sanitize(function, "openai.headers.Authorization", "Bearer x"))
				.isEqualTo(SanitizableData.SANITIZED_VALUE);
		});
	}

	@Test
	void sanitizesAnyValueThatLooksLikeAnOpenAiKey() {
		this.contextRunner.run((context) -> assertThat(
				sanitize(context.getBean(SanitizingFunction.class), "my.custom.token", " sk-proj-abcdef"))
			.isEqualTo(SanitizableData.SANITIZED_VALUE));
	}

	@Test
	void leavesOtherPropertiesAlone() {
		this.contextRunner.run((context) -> {
			SanitizingFunction function = context.getBean(SanitizingFunction.class);
			assertThat(sanitize(function, "openai.base-url", "https://api.openai.com/v1"))
				.isEqualTo("https://api.openai.com/v1");
			assertThat(sanitize(function, "openai.organization", "org-123")).isEqualTo("org-123");
		});
	}

	@Test
	void backsOffWithoutActuator() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean("openAiApiKeySanitizingFunction"));
	}

	private static Object sanitize(SanitizingFunction function, String key, String value) {
		return function.apply(new SanitizableData(null, key, value)).getValue();
	}

}
