package io.github.openaiboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sample application: a chat page, a streaming endpoint, embeddings and images, with
 * health and metrics. Without an API key it runs on the in-process OpenAI simulator.
 *
 * @author openai-spring-boot
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
