package io.github.openaiboot.simulator;

import java.time.Duration;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiRateLimitAutoConfiguration;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.test.AutoConfigureOpenAiSimulator;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests in one cached context with {@link AutoConfigureOpenAiSimulator}: a long server
 * hint one test provokes holds the model in the pacer, and the simulator's test
 * execution listener resets both before the next test.
 */
@SpringJUnitConfig(SimulatorPacerResetTests.Config.class)
@AutoConfigureOpenAiSimulator
@TestPropertySource(properties = "openai.retry.initial-backoff=5ms")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorPacerResetTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Autowired
	private ChatClient chat;

	@Autowired
	private OpenAiSimulator simulator;

	@Test
	@Order(1)
	void aLongServerHintHoldsTheModelWithinATest() {
		this.simulator.inject(SimulatedFault.rateLimited().retryAfter(Duration.ofMinutes(10))).times(1);
		StepVerifier.create(this.chat.ask("hi"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(RateLimitException.class,
					(rateLimited) -> assertThat(rateLimited.isLocal()).isFalse()))
			.verify(TIMEOUT);
		StepVerifier.create(this.chat.ask("hi again"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(RateLimitException.class,
					(held) -> {
						assertThat(held.isLocal()).isTrue();
						assertThat(held.getCause()).isInstanceOf(RateLimitException.class);
						assertThat(held.getMessage()).contains("requests per minute (RPM)")
							.contains(((RateLimitException) held.getCause()).requestId());
					}))
			.verify(TIMEOUT);
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).as("the held call was never sent").isOne();
	}

	@Test
	@Order(2)
	void theNextTestStartsWithAFreshPacerAndSimulator() {
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).as("simulator reset").isZero();
		StepVerifier.create(this.chat.ask("hi"))
			.expectNextMatches((answer) -> answer.startsWith("Simulated answer to: hi"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, OpenAiRateLimitAutoConfiguration.class,
			OpenAiAutoConfiguration.class })
	static class Config {

	}

}
