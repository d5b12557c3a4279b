package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.TranscriptionRequest;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.pool.OpenAiClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBufferUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the auto-configured {@link AudioClient}, {@link ModerationClient} and
 * {@link FilesClient}: root beans, {@code openai.audio.*} and
 * {@code openai.moderation.*} defaults, named clients and pools.
 */
class OpenAiAudioModerationFilesAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.server.start();
		this.server.stubFor(post(urlEqualTo("/v1/audio/transcriptions")).willReturn(okJson("{\"text\":\"hello\"}")));
		this.server.stubFor(post(urlEqualTo("/v1/audio/speech")).willReturn(aResponse().withBody(new byte[16])));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-root", "openai.base-url=" + this.server.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void rootBeansUseTheAudioDefaults() {
		this.contextRunner
			.withPropertyValues("openai.audio.model=gpt-4o-mini-transcribe", "openai.audio.speech-model=tts-1-hd",
					"openai.audio.voice=nova")
			.run((context) -> {
				assertThat(context).hasSingleBean(AudioClient.class)
					.hasSingleBean(ModerationClient.class)
					.hasSingleBean(FilesClient.class);
				AudioClient audio = context.getBean(AudioClient.class);
				StepVerifier.create(audio.transcribe(TranscriptionRequest
					.builder(UploadFile.of(new ByteArrayResource(new byte[4]), "a.wav"))
					.build())).expectNextCount(1).expectComplete().verify(TIMEOUT);
				StepVerifier.create(audio.speech(SpeechRequest.builder("hi").build()).doOnNext(DataBufferUtils::release))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				this.server.verify(postRequestedFor(urlEqualTo("/v1/audio/transcriptions")).withRequestBodyPart(
						aMultipart().withName("model").withBody(equalTo("gpt-4o-mini-transcribe")).build()));
				this.server.verify(postRequestedFor(urlEqualTo("/v1/audio/speech"))
					.withRequestBody(matchingJsonPath("$.model", equalTo("tts-1-hd")))
					.withRequestBody(matchingJsonPath("$.voice", equalTo("nova"))));
			});
	}

	@Test
	void aBlankModelFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("openai.moderation.model= ").run((context) -> {
			assertThat(context).hasFailed();
			Throwable cause = NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure());
			assertThat(cause).isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.moderation.model");
		});
	}

	@Test
	void namedClientsHaveEachClientAndPoolsHaveNoFilesClient() {
		this.contextRunner
			.withPropertyValues("openai.clients.eu.base-url=" + this.server.baseUrl() + "/v1",
					"openai.clients.us.base-url=" + this.server.baseUrl() + "/v1",
					"openai.pools.both.members=eu,us")
			.run((context) -> {
				assertThat(context).hasBean("openAiAudioClient.eu")
					.hasBean("openAiModerationClient.eu")
					.hasBean("openAiFilesClient.eu")
					.hasBean("openAiAudioClient.both")
					.hasBean("openAiModerationClient.both")
					.doesNotHaveBean("openAiFilesClient.both");
				assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), FilesClient.class,
						"eu")).isSameAs(context.getBean("openAiFilesClient.eu"));
				OpenAiClients clients = context.getBean(OpenAiClients.class);
				assertThat(clients.files("eu")).isNotNull();
				assertThat(clients.files("default")).isSameAs(context.getBean(FilesClient.class));
				assertThat(clients.audio("both")).isNotNull();
				assertThat(clients.moderation("both")).isNotNull();
				assertThatIllegalArgumentException().isThrownBy(() -> clients.files("both"))
					.withMessageContaining("Files belong to one account")
					.withMessageContaining("'both' is a pool (of [eu, us])");
				OpenAiNamedClient pool = context.getBean("openAiClient.both", OpenAiNamedClient.class);
				assertThatIllegalStateException().isThrownBy(pool::files).withMessageContaining("[eu, us]");
			});
	}

	@Test
	void aUserBeanWins() {
		this.contextRunner.withUserConfiguration(OwnModeration.class).run((context) -> {
			assertThat(context).hasSingleBean(ModerationClient.class);
			assertThat(context.getBean(ModerationClient.class)).isSameAs(context.getBean("ownModeration"));
			assertThat(context.getBean(OpenAiClients.class).moderation("default"))
				.isSameAs(context.getBean("ownModeration"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnModeration {

		@Bean
		ModerationClient ownModeration() {
			return (request) -> reactor.core.publisher.Mono.empty();
		}

	}

}
