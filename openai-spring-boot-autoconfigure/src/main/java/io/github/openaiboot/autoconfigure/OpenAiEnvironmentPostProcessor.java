package io.github.openaiboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets the environment variables the official OpenAI SDKs read ({@code OPENAI_API_KEY},
 * {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID}) configure
 * the matching {@code openai.*} properties. Added with the lowest precedence, so a
 * property set anywhere else wins.
 *
 * @author openai-spring-boot
 */
public class OpenAiEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/**
	 * Name of the property source this post-processor adds.
	 */
	public static final String PROPERTY_SOURCE_NAME = "openaiEnvironmentVariables";

	private static final Map<String, String> VARIABLES = Map.of("OPENAI_API_KEY", "openai.api-key",
			"OPENAI_BASE_URL", "openai.base-url", "OPENAI_ORG_ID", "openai.organization", "OPENAI_PROJECT_ID",
			"openai.project");

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = new LinkedHashMap<>();
		VARIABLES.forEach((variable, property) -> {
			String value = environment.getProperty(variable);
			if (value != null && !value.isBlank()) {
				properties.put(property, value.strip());
			}
		});
		if (!properties.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
