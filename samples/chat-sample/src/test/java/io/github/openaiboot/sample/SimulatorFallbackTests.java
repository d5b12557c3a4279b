package io.github.openaiboot.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.test.simulator.OpenAiSimulator;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The path the README's first command takes: no API key, so the sample starts the
 * simulator itself, says so once, and answers.
 */
@SpringBootTest(properties = "sample.simulator=always")
@ExtendWith(OutputCaptureExtension.class)
class SimulatorFallbackTests {

	@Autowired
	private Environment environment;

	@Autowired
	private ChatClient chatClient;

	@Autowired
	private OpenAiSimulator simulator;

	@Test
	void startsTheSimulatorAndAnswers() {
		assertThat(this.environment.getProperty("openai.base-url")).startsWith("http://localhost:")
			.endsWith("/v1")
			.isEqualTo(this.simulator.baseUrl());
		assertThat(this.chatClient.ask("hello").block(Duration.ofSeconds(10))).startsWith("Simulated answer to: hello");
	}

}
