package io.github.openaiboot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs show for {@code openai.*}: the file the annotation
 * processor writes into {@code target/classes}, merged with the hand-written
 * additional metadata. Every property must say what it does, and every property whose
 * field starts with a value must show that value as its default.
 */
class ConfigurationMetadataTests {

	private static final String GENERATED = "META-INF/spring-configuration-metadata.json";

	private static final String ADDITIONAL = "META-INF/additional-spring-configuration-metadata.json";

	private final Map<String, JsonNode> properties = properties();

	@Test
	void metadataCoversTheProperties() {
		assertThat(this.properties).containsKeys("openai.api-key", "openai.retry.max-attempts",
				"openai.rate-limit.redis.key-prefix", "management.health.openai.enabled");
	}

	@Test
	void everyPropertyHasADescriptionWrittenLikeBoots() {
		assertThat(this.properties.values()).allSatisfy((property) -> {
			String name = property.path("name").asString();
			String description = property.path("description").asString("");
			assertThat(description).as("description of %s", name).isNotBlank().endsWith(".");
			assertThat(description).as("description of %s", name).doesNotStartWith("The ").doesNotStartWith("A ");
			if (property.path("type").asString("").equals(Boolean.class.getName())) {
				assertThat(description).as("description of boolean %s", name).startsWith("Whether");
			}
		});
	}

	@Test
	void everyPropertyWhoseFieldHasAValueShowsItAsTheDefault() {
		BeanWrapper defaults = new BeanWrapperImpl(new OpenAiProperties());
		List<String> checked = new ArrayList<>();
		this.properties.forEach((name, property) -> {
			if (!name.startsWith("openai.")) {
				return;
			}
			Object value = defaults.getPropertyValue(beanPath(name));
			if (value == null || isEmptyContainer(value)) {
				assertThat(property.has("defaultValue")).as("%s has no value, so no default", name).isFalse();
				return;
			}
			assertThat(property.has("defaultValue")).as("%s starts as %s, so its metadata needs a defaultValue",
					name, value)
				.isTrue();
			Object documented = ApplicationConversionService.getSharedInstance()
				.convert(scalar(property.get("defaultValue")), value.getClass());
			assertThat(documented).as("documented default of %s", name).isEqualTo(value);
			checked.add(name);
		});
		assertThat(checked).as("properties with a default").contains("openai.base-url", "openai.connect-timeout",
				"openai.max-response-size", "openai.retry.multiplier", "openai.rate-limit.redis.failure-mode");
	}

	private static String beanPath(String name) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : name.substring("openai.".length()).toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

	private static boolean isEmptyContainer(Object value) {
		return (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty());
	}

	private static @Nullable Object scalar(JsonNode node) {
		if (node.isString()) {
			return node.asString();
		}
		if (node.isBoolean()) {
			return node.asBoolean();
		}
		return node.isNumber() ? node.numberValue() : node.toString();
	}

	private static Map<String, JsonNode> properties() {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		for (String file : List.of(GENERATED, ADDITIONAL)) {
			for (JsonNode property : read(file).path("properties")) {
				properties.merge(property.path("name").asString(), property, (generated, additional) -> generated);
			}
		}
		return properties;
	}

	private static JsonNode read(String file) {
		// this module's own file, not that of a jar that also has one
		URL classes = OpenAiProperties.class.getProtectionDomain().getCodeSource().getLocation();
		try (InputStream in = classes.toURI().resolve(file).toURL().openStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException | URISyntaxException ex) {
			throw new IllegalStateException("No " + file + " in " + classes + ": run the annotation processor", ex);
		}
	}

}
