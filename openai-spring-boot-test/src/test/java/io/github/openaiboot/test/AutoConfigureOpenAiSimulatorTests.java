package io.github.openaiboot.test;

import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatorHttp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureOpenAiSimulator}.
 *
 * @author OpenAI Spring Boot contributors
 */
@SpringJUnitConfig
@AutoConfigureOpenAiSimulator
@TestPropertySource(properties = "openai.base-url=https://api.openai.com/v1")
class AutoConfigureOpenAiSimulatorTests {

	@Autowired
	private OpenAiSimulator simulator;

	@Autowired
	private Environment environment;

	@Test
	void registersRunningSimulatorAsBean() {
		assertThat(this.simulator.isRunning()).isTrue();
		assertThat(new SimulatorHttp(this.simulator.baseUrl()).get("/models").statusCode()).isEqualTo(200);
		assertThat(this.simulator.requestCount(Endpoint.MODELS)).isPositive();
	}

	@Test
	void pointsBaseUrlAtTheSimulator() {
		assertThat(this.environment.getProperty("openai.base-url")).isEqualTo(this.simulator.baseUrl())
			.startsWith("http://localhost:");
	}

	@Test
	void setsSimulatorApiKey() {
		assertThat(this.environment.getProperty("openai.api-key")).isEqualTo("sk-simulator-key");
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

	@Nested
	@SpringJUnitConfig(AutoConfigureOpenAiSimulatorTests.Config.class)
	@AutoConfigureOpenAiSimulator
	@TestPropertySource(properties = "openai.api-key=sk-real-looking-key")
	class WithApiKey {

		@Autowired
		private Environment environment;

		@Test
		void keepsConfiguredApiKey() {
			assertThat(this.environment.getProperty("openai.api-key")).isEqualTo("sk-real-looking-key");
			assertThat(this.environment.getProperty("openai.base-url")).startsWith("http://localhost:");
		}

	}

}
