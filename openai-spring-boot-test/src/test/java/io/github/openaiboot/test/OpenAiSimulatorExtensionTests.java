package io.github.openaiboot.test;

import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import io.github.openaiboot.test.simulator.SimulatorHttp;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiSimulatorExtension} registered on a static field.
 *
 * @author OpenAI Spring Boot contributors
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenAiSimulatorExtensionTests {

	@RegisterExtension
	static OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension();

	private static int firstPort;

	@Test
	@Order(1)
	void startsSimulatorForTheClass() {
		firstPort = openai.simulator().port();
		assertThat(openai.baseUrl()).isEqualTo("http://localhost:" + firstPort + "/v1");
		openai.simulator().inject(SimulatedFault.serverError());
		assertThat(new SimulatorHttp(openai.baseUrl()).get("/models").statusCode()).isEqualTo(500);
	}

	@Test
	@Order(2)
	void resetsFaultsAndCountersBeforeEachTestButKeepsTheServer(OpenAiSimulator simulator) {
		assertThat(simulator).isSameAs(openai.simulator());
		assertThat(simulator.port()).isEqualTo(firstPort);
		assertThat(simulator.requestCount(Endpoint.MODELS)).isZero();
		assertThat(new SimulatorHttp(simulator.baseUrl()).get("/models").statusCode()).isEqualTo(200);
	}

	@Nested
	class NestedTests {

		@Test
		void sharesTheOuterSimulator(OpenAiSimulator simulator) {
			assertThat(simulator).isSameAs(openai.simulator());
			assertThat(simulator.isRunning()).isTrue();
		}

	}

}
