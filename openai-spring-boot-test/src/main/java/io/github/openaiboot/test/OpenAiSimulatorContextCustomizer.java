package io.github.openaiboot.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link OpenAiSimulator} for a test context, registers it as a bean and points {@code openai.*} at it.
 *
 * @author OpenAI Spring Boot contributors
 */
final class OpenAiSimulatorContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "openAiSimulator";

	static final String DEFAULT_API_KEY = "sk-simulator-key";

	private final List<String> clients;

	private final List<String> azureClients;

	OpenAiSimulatorContextCustomizer() {
		this(List.of(), List.of());
	}

	OpenAiSimulatorContextCustomizer(List<String> clients, List<String> azureClients) {
		this.clients = List.copyOf(clients);
		this.azureClients = List.copyOf(azureClients);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		OpenAiSimulator simulator = OpenAiSimulator.builder().build().start();
		context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
		context.addApplicationListener(new SimulatorStopper(context, simulator));
		ConfigurableEnvironment environment = context.getEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("openAiSimulator",
					Map.of("openai.base-url", simulator.baseUrl(), "openai.realtime.url", simulator.realtimeUrl())));
		environment.getPropertySources().addLast(new FallbackApiKeyPropertySource(environment));
		Map<String, Object> named = new LinkedHashMap<>();
		Map<String, Object> fallbacks = new LinkedHashMap<>();
		for (String client : this.clients) {
			OpenAiSimulator clientSimulator = start(context, client, OpenAiSimulator.builder());
			named.put("openai.clients." + client + ".base-url", clientSimulator.baseUrl());
			named.put("openai.clients." + client + ".realtime.url", clientSimulator.realtimeUrl());
		}
		for (String client : this.azureClients) {
			OpenAiSimulator clientSimulator = start(context, client, OpenAiSimulator.builder().azure());
			named.put("openai.clients." + client + ".provider", "azure");
			named.put("openai.clients." + client + ".endpoint", clientSimulator.endpoint());
			named.put("openai.clients." + client + ".realtime.url", clientSimulator.realtimeUrl());
			fallbacks.put("openai.clients." + client + ".api-key", DEFAULT_API_KEY);
		}
		if (!named.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource("openAiClientSimulators", named));
		}
		if (!fallbacks.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource("openAiClientSimulatorKeys", fallbacks));
		}
	}

	private static OpenAiSimulator start(ConfigurableApplicationContext context, String client,
			OpenAiSimulator.Builder builder) {
		OpenAiSimulator simulator = builder.build().start();
		// not a default candidate, so that an unqualified OpenAiSimulator is still the root one
		RootBeanDefinition definition = new RootBeanDefinition(OpenAiSimulator.class);
		definition.setInstanceSupplier(() -> simulator);
		definition.setDefaultCandidate(false);
		((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition(BEAN_NAME + "." + client,
				definition);
		context.addApplicationListener(new SimulatorStopper(context, simulator));
		return simulator;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return obj instanceof OpenAiSimulatorContextCustomizer other && this.clients.equals(other.clients)
				&& this.azureClients.equals(other.azureClients);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.clients, this.azureClients);
	}

	/**
	 * Supplies the simulator's API key only when no other property source does, wherever later ones are added.
	 */
	private static final class FallbackApiKeyPropertySource extends PropertySource<String> {

		private static final String NAME = "openAiSimulatorApiKey";

		private static final String KEY = "openai.api-key";

		// Not the source: Boot descends into a source that is an environment, and this one is inside it.
		private final ConfigurableEnvironment environment;

		FallbackApiKeyPropertySource(ConfigurableEnvironment environment) {
			super(NAME, DEFAULT_API_KEY);
			this.environment = environment;
		}

		// Wrapping sources (Boot's "configurationProperties") hold the others as an Iterable and would ask this
		// one again while it looks; the sources they wrap are checked directly instead.
		private final ThreadLocal<Boolean> looking = ThreadLocal.withInitial(() -> false);

		@Override
		public @Nullable Object getProperty(String name) {
			if (!KEY.equals(name) || this.looking.get()) {
				return null;
			}
			this.looking.set(true);
			try {
				for (PropertySource<?> source : this.environment.getPropertySources()) {
					if (source != this && !(source.getSource() instanceof Iterable<?>) && source.containsProperty(KEY)) {
						return null;
					}
				}
				return DEFAULT_API_KEY;
			}
			finally {
				this.looking.set(false);
			}
		}

	}

	/**
	 * Stops the simulator when its own context closes.
	 */
	private static final class SimulatorStopper implements ApplicationListener<ContextClosedEvent> {

		private final ConfigurableApplicationContext context;

		private final OpenAiSimulator simulator;

		SimulatorStopper(ConfigurableApplicationContext context, OpenAiSimulator simulator) {
			this.context = context;
			this.simulator = simulator;
		}

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			if (event.getApplicationContext() == this.context) {
				this.simulator.stop();
			}
		}

	}

}
