package io.github.openaiboot.test;

import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatorHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiSimulatorExtension} registered with {@link ExtendWith} and parameter injection.
 *
 * @author OpenAI Spring Boot contributors
 */
@ExtendWith(OpenAiSimulatorExtension.class)
class OpenAiSimulatorExtensionParameterTests {

	private static OpenAiSimulator shared;

	@BeforeAll
	static void captureSimulator(OpenAiSimulator simulator) {
		shared = simulator;
	}

	@AfterAll
	static void simulatorStillRunsInAfterAll(OpenAiSimulator simulator) {
		assertThat(simulator.isRunning()).isTrue();
	}

	@Test
	void injectsRunningSimulator(OpenAiSimulator simulator) {
		assertThat(simulator).isSameAs(shared);
		assertThat(new SimulatorHttp(simulator.baseUrl()).get("/models/gpt-4o").statusCode()).isEqualTo(200);
		assertThat(simulator.requestCount(Endpoint.MODELS)).isEqualTo(1);
	}

	@Test
	void startsEachTestWithZeroCounts(OpenAiSimulator simulator) {
		assertThat(simulator).isSameAs(shared);
		assertThat(simulator.requestCount()).isZero();
		new SimulatorHttp(simulator.baseUrl()).get("/models");
		assertThat(simulator.requestCount()).isEqualTo(1);
	}

}
