package io.github.openaiboot.test;

import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatorHttp;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulators {@link AutoConfigureOpenAiSimulator} starts for named clients.
 *
 * @author OpenAI Spring Boot contributors
 */
@SpringJUnitConfig
@AutoConfigureOpenAiSimulator(clients = { "a", "b" }, azureClients = "az")
@TestPropertySource(properties = "openai.clients.b.api-key=sk-own")
class NamedClientSimulatorsTests {

	@Autowired
	private OpenAiSimulator root;

	@Autowired
	@Qualifier("openAiSimulator.a")
	private OpenAiSimulator a;

	@Autowired
	@Qualifier("openAiSimulator.az")
	private OpenAiSimulator az;

	@Autowired
	private Environment environment;

	@Test
	void eachNamedClientHasARunningSimulatorOfItsOwn() {
		assertThat(this.a).isNotSameAs(this.root);
		assertThat(this.a.port()).isNotEqualTo(this.root.port());
		assertThat(new SimulatorHttp(this.a.baseUrl()).get("/models").statusCode()).isEqualTo(200);
		assertThat(this.environment.getProperty("openai.clients.a.base-url")).isEqualTo(this.a.baseUrl());
		assertThat(this.environment.getProperty("openai.clients.b.base-url")).startsWith("http://localhost:");
	}

	@Test
	void azureClientsGetAnAzureSimulatorAndAKeyUnlessOneIsSet() {
		assertThat(this.az.isAzure()).isTrue();
		assertThat(this.environment.getProperty("openai.clients.az.provider")).isEqualTo("azure");
		assertThat(this.environment.getProperty("openai.clients.az.endpoint")).isEqualTo(this.az.endpoint());
		assertThat(this.environment.getProperty("openai.clients.az.api-key")).isEqualTo("sk-simulator-key");
		assertThat(this.environment.getProperty("openai.clients.b.api-key")).isEqualTo("sk-own");
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

	}

}
