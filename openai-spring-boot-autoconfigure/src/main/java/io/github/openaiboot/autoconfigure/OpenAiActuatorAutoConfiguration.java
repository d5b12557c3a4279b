package io.github.openaiboot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that keeps the OpenAI API key out of Actuator's {@code env} and
 * {@code configprops} endpoints, even when they are set to show values.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class OpenAiActuatorAutoConfiguration {

	@Bean
	SanitizingFunction openAiApiKeySanitizingFunction() {
		return OpenAiActuatorAutoConfiguration::sanitize;
	}

	static SanitizableData sanitize(SanitizableData data) {
		String key = data.getLowerCaseKey().replace("-", "").replace("_", "").replace(".", "");
		if (key.endsWith("apikey") || key.endsWith("authorization")) {
			return data.withSanitizedValue();
		}
		Object value = data.getValue();
		if (value instanceof String text && text.strip().toLowerCase(Locale.ROOT).startsWith("sk-")) {
			return data.withSanitizedValue();
		}
		return data;
	}

}
