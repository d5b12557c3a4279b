package io.github.openaiboot.sample;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.apache.commons.logging.Log;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Starts the OpenAI simulator in-process and points the starter at it when no API key is
 * configured, so the sample runs on a fresh machine with one command.
 * {@code sample.simulator=always} forces the simulator, {@code never} never starts it. The
 * simulator is registered as a bean, so {@link SimulatorController} can make it misbehave.
 *
 * @author openai-spring-boot
 */
class SimulatorEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String BEAN_NAME = "openAiSimulator";

	private final Log logger;

	SimulatorEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(SimulatorEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String mode = environment.getProperty("sample.simulator", "auto").toLowerCase(Locale.ROOT);
		boolean hasKey = StringUtils.hasText(environment.getProperty("openai.api-key"))
				|| StringUtils.hasText(environment.getProperty("OPENAI_API_KEY"));
		if (mode.equals("never") || (mode.equals("auto") && hasKey)) {
			return;
		}
		OpenAiSimulator simulator = OpenAiSimulator.builder()
			.streamChunks(environment.getProperty("sample.simulator.stream-chunks", Integer.class, 24))
			.chunkDelay(Duration.ofMillis(environment.getProperty("sample.simulator.chunk-delay-ms", Integer.class, 40)))
			// limits of a modest account, so the page's headroom figures move with every call
			.defaultRateLimit(environment.getProperty("sample.simulator.requests-per-minute", Integer.class, 500),
					environment.getProperty("sample.simulator.tokens-per-minute", Integer.class, 200_000))
			.build()
			.start();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("openai.base-url", simulator.baseUrl());
		properties.put("openai.realtime.url", simulator.realtimeUrl());
		properties.put("openai.api-key", "sk-simulator-key");
		// two more simulated organisations, pooled: the page shows how the pool routes and fails over
		Map<String, OpenAiSimulator> organisations = new LinkedHashMap<>();
		for (String organisation : PoolController.MEMBERS) {
			OpenAiSimulator member = OpenAiSimulator.builder()
				.defaultRateLimit(environment.getProperty("sample.simulator.requests-per-minute", Integer.class, 500),
						environment.getProperty("sample.simulator.tokens-per-minute", Integer.class, 200_000))
				.build()
				.start();
			organisations.put(organisation, member);
			properties.put("openai.clients." + organisation + ".base-url", member.baseUrl());
			properties.put("openai.clients." + organisation + ".organization", organisation);
		}
		properties.put("openai.pools." + PoolController.POOL + ".members", String.join(",", PoolController.MEMBERS));
		environment.getPropertySources().addFirst(new MapPropertySource("openaiSimulator", properties));
		application.addInitializers((context) -> {
			context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
			organisations.forEach((organisation, member) -> {
				// not default candidates: an unqualified OpenAiSimulator stays the root one
				RootBeanDefinition definition = new RootBeanDefinition(OpenAiSimulator.class);
				definition.setInstanceSupplier(() -> member);
				definition.setDefaultCandidate(false);
				((BeanDefinitionRegistry) context.getBeanFactory()).registerBeanDefinition(
						BEAN_NAME + "." + organisation, definition);
			});
		});
		application.addListeners((event) -> {
			if (event instanceof ContextClosedEvent) {
				simulator.stop();
				organisations.values().forEach(OpenAiSimulator::stop);
			}
		});
		this.logger.info("No OPENAI_API_KEY set: using the built-in OpenAI simulator at " + simulator.baseUrl()
				+ " (set OPENAI_API_KEY to talk to the real API)");
	}

}
