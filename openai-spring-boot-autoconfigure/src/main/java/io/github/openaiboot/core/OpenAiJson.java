package io.github.openaiboot.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for OpenAI's wire format: snake_case names, {@code null} fields left
 * out, unknown response fields ignored. Kept apart from the application's own mapper so
 * that a global Jackson customization cannot change what is sent to OpenAI.
 *
 * @author openai-spring-boot
 */
public final class OpenAiJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// Jackson 3 fails on absent primitives by default, but embeddings' usage has no completion_tokens.
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion(
				(inclusion) -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
		.build();

	private OpenAiJson() {
	}

	/**
	 * Return the shared, thread-safe mapper for OpenAI's wire format.
	 * @return the mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

}
