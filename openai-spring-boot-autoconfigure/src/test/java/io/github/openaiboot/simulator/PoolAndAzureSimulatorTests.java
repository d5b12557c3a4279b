package io.github.openaiboot.simulator;

import java.time.Duration;

import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.AudioFormat;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.TranscriptionRequest;
import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiRateLimitAutoConfiguration;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.ContentFilterException;
import io.github.openaiboot.pool.OpenAiClients;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pool over three simulated organisations and an Azure OpenAI client, against the
 * simulator, as an application uses them.
 */
class PoolAndAzureSimulatorTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final OpenAiSimulator a = OpenAiSimulator.builder().build().start();

	private final OpenAiSimulator b = OpenAiSimulator.builder().build().start();

	private final OpenAiSimulator c = OpenAiSimulator.builder().build().start();

	private final OpenAiSimulator azure = OpenAiSimulator.builder().azure().build().start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
				OpenAiRateLimitAutoConfiguration.class))
		.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + this.a.baseUrl(),
				"openai.clients.a.base-url=" + this.a.baseUrl(), "openai.clients.b.base-url=" + this.b.baseUrl(),
				"openai.clients.c.base-url=" + this.c.baseUrl(), "openai.pools.orgs.members=a,b,c",
				"openai.clients.az.provider=azure", "openai.clients.az.endpoint=" + this.azure.endpoint(),
				"openai.clients.az.api-key=az-key", "openai.clients.az.deployments[gpt-4o-mini]=chat-deployment");

	@AfterEach
	void stop() {
		this.a.stop();
		this.b.stop();
		this.c.stop();
		this.azure.stop();
	}

	@Test
	void whenOneOrganisationRunsOutOfCreditMidRunTheOthersAbsorbItsTrafficWithoutACallerError() {
		this.contextRunner.run((context) -> {
			ChatClient chat = context.getBean(OpenAiClients.class).chat("orgs");
			assertThat(Flux.range(0, 30).concatMap((i) -> chat.ask("Hi")).count().block(TIMEOUT)).isEqualTo(30);
			assertThat(this.a.requestCount(Endpoint.CHAT)).isEqualTo(10);
			this.a.exhaustQuota();
			assertThat(Flux.range(0, 30).flatMap((i) -> chat.ask("Hi"), 8).count().block(TIMEOUT)).isEqualTo(30);
			// a refused at most the calls already routed to it before it left rotation
			long refusedByA = this.a.requestCount(Endpoint.CHAT) - 10;
			assertThat(refusedByA).isBetween(1L, 8L);
			assertThat(this.b.requestCount(Endpoint.CHAT) + this.c.requestCount(Endpoint.CHAT)).isEqualTo(50);
		});
	}

	@Test
	void anAzureClientTalksToTheAzureSimulatorAndTypesItsContentFilter() {
		this.contextRunner.run((context) -> {
			ChatClient chat = context.getBean(OpenAiClients.class).chat("az");
			StepVerifier.create(chat.ask("Hi")).expectNextCount(1).expectComplete().verify(TIMEOUT);
			assertThat(this.azure.receivedBodies(Endpoint.CHAT).get(0)).contains("\"model\":\"chat-deployment\"");
			this.azure.inject(SimulatedFault.contentFiltered()).times(1);
			StepVerifier.create(chat.ask("Hi"))
				.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(ContentFilterException.class)
					.satisfies((ex) -> assertThat(((ContentFilterException) ex).filteredCategories())
						.containsExactly("violence")))
				.verify(TIMEOUT);
			assertThat(this.azure.requestCount(Endpoint.CHAT)).isEqualTo(2);
		});
	}

	@Test
	void anAzureClientTranscribesAndSpeaksThroughTheAzureSimulator() {
		this.contextRunner.withPropertyValues("openai.clients.az.deployments[whisper-1]=whisper-deployment")
			.run((context) -> {
				AudioClient audio = context.getBean(OpenAiClients.class).audio("az");
				UploadFile file = UploadFile.of(new ByteArrayResource(new byte[32_000]), "hello.wav");
				StepVerifier
					.create(audio.transcribe(
							TranscriptionRequest.builder(file).responseFormat(AudioFormat.VERBOSE_JSON).build()))
					.assertNext((transcription) -> assertThat(transcription.duration()).isEqualTo(2.0))
					.expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(audio.speech(SpeechRequest.builder("Hello").build()).count())
					.assertNext((buffers) -> assertThat(buffers).isPositive())
					.expectComplete()
					.verify(TIMEOUT);
				assertThat(this.azure.requestCount(Endpoint.AUDIO)).isEqualTo(2);
				assertThat(this.azure.receivedBodies(Endpoint.AUDIO).get(0)).contains("whisper-deployment");
			});
	}

}
