package io.github.openaiboot.simulator;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.test.OpenAiSimulatorExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * The application the simulator tests start: the starter's clients against a simulator.
 */
final class SimulatorContexts {

	private SimulatorContexts() {
	}

	/**
	 * Return a runner of the starter's clients, talking to the simulator.
	 * @param openai the simulator
	 * @return the runner
	 */
	static ApplicationContextRunner clients(OpenAiSimulatorExtension openai) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + openai.baseUrl());
	}

	/**
	 * Return a runner of the starter's clients, talking to the simulator, whose retries
	 * wait milliseconds rather than seconds.
	 * @param openai the simulator
	 * @return the runner
	 */
	static ApplicationContextRunner clientsRetryingFast(OpenAiSimulatorExtension openai) {
		return clients(openai).withPropertyValues("openai.retry.initial-backoff=5ms", "openai.retry.max-backoff=20ms");
	}

}
