package io.github.openaiboot.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.openaiboot.autoconfigure.OpenAiWebClientCustomizer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Builds the application contexts the benchmarks run in: a Spring Boot application with
 * everything on the benchmark's class path auto-configured (WebClient, Jackson,
 * Micrometer observation and metrics), with or without the starter's own
 * auto-configurations. The starter's clients are therefore built exactly as in an
 * application, with whatever defaults (retry, observation, pacing, ...) the starter
 * ships.
 *
 * @author openai-spring-boot
 */
public final class BenchmarkContexts {

	/**
	 * The API key the benchmark clients send.
	 */
	public static final String API_KEY = "sk-bench";

	/**
	 * System property of extra application properties.
	 */
	static final String PROPERTIES = "app.properties";

	private static final String STARTER_PACKAGE = "io.github.openaiboot.";

	private BenchmarkContexts() {
	}

	/**
	 * Start an application with the starter's auto-configurations, talking to the given
	 * base URL.
	 * @param baseUrl the OpenAI base URL
	 * @return the running context
	 */
	public static ConfigurableApplicationContext starter(String baseUrl) {
		return start(baseUrl, true, null);
	}

	/**
	 * Start an application with the starter's auto-configurations whose clients answer
	 * from memory, through the given exchange function, instead of the network.
	 * @param exchangeFunction the exchange function
	 * @return the running context
	 */
	public static ConfigurableApplicationContext starter(ExchangeFunction exchangeFunction) {
		return start("http://127.0.0.1:9/v1", true, exchangeFunction);
	}

	/**
	 * Start an application with the starter's auto-configurations and extra properties,
	 * whose clients answer from memory.
	 * @param exchangeFunction the exchange function
	 * @param properties extra application properties, {@code key=value}
	 * @return the running context
	 */
	public static ConfigurableApplicationContext starter(ExchangeFunction exchangeFunction, String... properties) {
		return start("http://127.0.0.1:9/v1", true, exchangeFunction, properties);
	}

	/**
	 * Start the same application without the starter's auto-configurations, so that a
	 * plain client runs in an otherwise identical JVM.
	 * @return the running context
	 */
	public static ConfigurableApplicationContext withoutStarter() {
		return start("http://127.0.0.1:9/v1", false, null);
	}

	private static ConfigurableApplicationContext start(String baseUrl, boolean withStarter,
			@Nullable ExchangeFunction exchangeFunction, String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.main.log-startup-info=false", "logging.level.root=WARN", "openai.api-key=" + API_KEY,
				"openai.base-url=" + baseUrl));
		if (!withStarter) {
			properties.add("spring.autoconfigure.exclude=" + String.join(",", starterAutoConfigurations()));
		}
		properties.addAll(extraProperties());
		properties.addAll(List.of(extraProperties));
		SpringApplicationBuilder builder = new SpringApplicationBuilder(BenchmarkApplication.class)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new));
		if (exchangeFunction != null) {
			OpenAiWebClientCustomizer inMemory = (webClient) -> webClient.exchangeFunction(exchangeFunction);
			builder.initializers((context) -> context.getBeanFactory().registerSingleton("inMemoryExchange", inMemory));
		}
		return builder.run();
	}

	/**
	 * Return the application properties added to both clients' applications, from the
	 * {@value #PROPERTIES} system property ({@code ;}-separated {@code key=value}
	 * pairs), so that the cost of a stage can be measured by switching it off, for
	 * example {@code -Dapp.properties=openai.rate-limit.enabled=false}.
	 * @return the properties
	 */
	static List<String> extraProperties() {
		String properties = System.getProperty(PROPERTIES, "");
		return Arrays.stream(properties.split(";")).map(String::strip).filter((property) -> !property.isEmpty()).toList();
	}

	/**
	 * Return the class names of the starter's auto-configurations, read from the same
	 * imports file Spring Boot reads, so that ones added later are included.
	 * @return the class names
	 */
	static List<String> starterAutoConfigurations() {
		return ImportCandidates.load(AutoConfiguration.class, BenchmarkContexts.class.getClassLoader())
			.getCandidates()
			.stream()
			.filter((name) -> name.startsWith(STARTER_PACKAGE))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class BenchmarkApplication {

	}

}
