package io.github.openaiboot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.TranscriptionRequest;
import io.github.openaiboot.core.OpenAiCredentials;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.error.ContentFilterException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.pool.OpenAiClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for Azure OpenAI clients ({@code openai.clients.<name>.provider=azure}), against
 * WireMock answering with Azure's paths, headers and bodies.
 */
class OpenAiAzureTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String CHAT = OpenAiWireMock.CHAT_COMPLETION;

	private static final String EMBEDDINGS = """
			{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5,0.25]}],
			 "model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}}
			""";

	private static final String CONTENT_FILTERED = """
			{"error":{"message":"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
			 "type":null,"param":"prompt","code":"content_filter","status":400,
			 "innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},
			  "jailbreak":{"filtered":false,"detected":false},"self_harm":{"filtered":false,"severity":"safe"},
			  "sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":true,"severity":"medium"}}}}}
			""";

	private static final String AZURE_429 = """
			{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit."}}
			""";

	private final WireMockServer azure = new WireMockServer(options().dynamicPort());

	private final OpenAiPoolTests.MutableClock clock = new OpenAiPoolTests.MutableClock();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.azure.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
			.withBean(Clock.class, () -> this.clock)
			.withPropertyValues("openai.api-key=sk-openai-root", "openai.organization=org-root",
					"openai.retry.initial-backoff=1ms", "openai.retry.max-backoff=1ms",
					"openai.clients.az.provider=azure", "openai.clients.az.endpoint=" + this.azure.baseUrl(),
					"openai.clients.az.deployments[gpt-4o-mini]=my-4o-mini");
	}

	@AfterEach
	void stop() {
		this.azure.stop();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder azureJson(int status,
			String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("apim-request-id", "apim-" + status)
			.withHeader("x-ratelimit-remaining-requests", "99")
			.withHeader("x-ratelimit-remaining-tokens", "-1")
			.withBody(body);
	}

	@Test
	void v1SendsTheKeyAsApiKeyAndTheDeploymentAsTheModel() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).willReturn(azureJson(200, CHAT)));
		this.contextRunner.withPropertyValues("openai.clients.az.api-key=az-key").run((context) -> {
			StepVerifier.create(context.getBean(OpenAiClients.class).chat("az").ask("Hi"))
				.expectNext("Hi")
				.expectComplete()
				.verify(TIMEOUT);
			this.azure.verify(1, postRequestedFor(urlEqualTo("/openai/v1/chat/completions"))
				.withHeader("api-key", equalTo("az-key"))
				.withoutHeader("Authorization")
				.withoutHeader("OpenAI-Organization")
				.withRequestBody(matchingJsonPath("$.model", equalTo("my-4o-mini")))
				.withRequestBody(matchingJsonPath("$.messages[0].content", equalTo("Hi"))));
		});
	}

	@Test
	void v1SendsAnApiVersionWhenOneIsSet() {
		this.azure.stubFor(get(urlEqualTo("/openai/v1/models?api-version=preview"))
			.willReturn(azureJson(200, OpenAiWireMock.MODELS)));
		this.contextRunner.withPropertyValues("openai.clients.az.api-key=az-key", "openai.clients.az.api-version=preview")
			.run((context) -> StepVerifier.create(context.getBean(OpenAiClients.class).models("az").list())
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT));
	}

	@Test
	void legacyPutsTheDeploymentInThePathAndTheApiVersionInTheQuery() {
		this.azure.stubFor(post(urlEqualTo("/openai/deployments/my-4o-mini/chat/completions?api-version=2024-10-21"))
			.willReturn(azureJson(200, CHAT)));
		this.azure.stubFor(post(urlEqualTo("/openai/deployments/embed-small/embeddings?api-version=2024-10-21"))
			.willReturn(azureJson(200, EMBEDDINGS)));
		this.azure.stubFor(get(urlEqualTo("/openai/models?api-version=2024-10-21"))
			.willReturn(azureJson(200, OpenAiWireMock.MODELS)));
		this.contextRunner
			.withPropertyValues("openai.clients.az.api-key=az-key", "openai.clients.az.api-mode=legacy",
					"openai.clients.az.api-version=2024-10-21",
					"openai.clients.az.deployments[text-embedding-3-small]=embed-small",
					"openai.clients.az.embedding.encoding-format=float")
			.run((context) -> {
				OpenAiClients clients = context.getBean(OpenAiClients.class);
				StepVerifier.create(clients.chat("az").ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
				StepVerifier.create(clients.embedding("az").embed("Hi"))
					.assertNext((vector) -> assertThat(vector).containsExactly(0.5f, 0.25f))
					.expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(clients.models("az").list()).expectNextCount(1).expectComplete().verify(TIMEOUT);
				// the model stays as it is: the deployment in the path decides
				this.azure.verify(postRequestedFor(urlPathMatching("/openai/deployments/my-4o-mini/chat/completions"))
					.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
				this.azure.verify(getRequestedFor(urlEqualTo("/openai/models?api-version=2024-10-21"))
					.withHeader("api-key", equalTo("az-key")));
			});
	}

	@Test
	void v1SendsAudioWithTheDeploymentAsTheModelPartAndSpeechAsBytes() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/audio/transcriptions"))
			.willReturn(azureJson(200, "{\"text\":\"Hello from Azure\"}")));
		this.azure.stubFor(post(urlEqualTo("/openai/v1/audio/speech")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "audio/mpeg")
			.withBody(new byte[] { 'I', 'D', '3', 4 })));
		this.contextRunner
			.withPropertyValues("openai.clients.az.api-key=az-key",
					"openai.clients.az.deployments[gpt-4o-transcribe]=my-transcribe",
					"openai.clients.az.deployments[gpt-4o-mini-tts]=my-tts")
			.run((context) -> {
				AudioClient audio = context.getBean(OpenAiClients.class).audio("az");
				StepVerifier.create(audio.transcribe(TranscriptionRequest.builder(UploadFile.of(
						new ByteArrayResource(new byte[] { 1, 2, 3 }), "hello.wav"))
					.model("gpt-4o-transcribe")
					.build())).assertNext((transcription) -> assertThat(transcription.text())
						.isEqualTo("Hello from Azure"))
					.expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(audio.speech(SpeechRequest.builder("Hello").model("gpt-4o-mini-tts").build())
					.map(DataBuffer::readableByteCount)).expectNext(4).expectComplete().verify(TIMEOUT);
				this.azure.verify(postRequestedFor(urlEqualTo("/openai/v1/audio/transcriptions"))
					.withHeader("api-key", equalTo("az-key"))
					.withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("my-transcribe")).build())
					.withRequestBodyPart(aMultipart().withName("file")
						.withHeader("Content-Disposition", containing("filename=\"hello.wav\""))
						.build()));
				// Azure does not document speech as events: the bytes are asked for, even for gpt-4o-mini-tts
				this.azure.verify(postRequestedFor(urlEqualTo("/openai/v1/audio/speech"))
					.withRequestBody(matchingJsonPath("$.model", equalTo("my-tts")))
					.withRequestBody(matchingJsonPath("$.stream_format", absent())));
			});
	}

	@Test
	void legacyPutsTheAudioDeploymentInThePath() {
		this.azure.stubFor(post(urlEqualTo("/openai/deployments/my-whisper/audio/transcriptions?api-version=2024-10-21"))
			.willReturn(azureJson(200, "{\"text\":\"Hello\"}")));
		this.azure.stubFor(post(urlEqualTo("/openai/deployments/my-whisper/audio/translations?api-version=2024-10-21"))
			.willReturn(azureJson(200, "{\"text\":\"Hello\"}")));
		this.azure.stubFor(post(urlEqualTo("/openai/deployments/my-tts/audio/speech?api-version=2024-10-21"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(new byte[8])));
		this.contextRunner
			.withPropertyValues("openai.clients.az.api-key=az-key", "openai.clients.az.api-mode=legacy",
					"openai.clients.az.api-version=2024-10-21", "openai.clients.az.deployments[whisper-1]=my-whisper",
					"openai.clients.az.deployments[tts-1]=my-tts")
			.run((context) -> {
				AudioClient audio = context.getBean(OpenAiClients.class).audio("az");
				UploadFile file = UploadFile.of(new ByteArrayResource(new byte[] { 1, 2, 3 }), "hello.mp3");
				StepVerifier.create(audio.transcribe(TranscriptionRequest.builder(file).build()))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(audio.translate(TranscriptionRequest.builder(file).build()))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(audio.speech(SpeechRequest.builder("Hello").build())
					.map(DataBuffer::readableByteCount)
					.reduce(0, Integer::sum)).expectNext(8).expectComplete().verify(TIMEOUT);
				// the deployment in the path decides; the model part stays OpenAI's name
				this.azure.verify(postRequestedFor(urlPathMatching("/openai/deployments/my-whisper/audio/transcriptions"))
					.withHeader("api-key", equalTo("az-key"))
					.withRequestBodyPart(aMultipart().withName("model").withBody(equalTo("whisper-1")).build()));
			});
	}

	@Test
	void aFilteredPromptFailsWithTheFilterCategoriesAndIsNotRetried() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).willReturn(azureJson(400, CONTENT_FILTERED)));
		this.contextRunner.withPropertyValues("openai.clients.az.api-key=az-key").run((context) -> {
			StepVerifier.create(context.getBean(OpenAiClients.class).chat("az").ask("Hi"))
				.expectErrorSatisfies((failure) -> {
					assertThat(failure).isInstanceOf(ContentFilterException.class)
						.hasMessageContaining("filtered: violence (medium)")
						.hasMessageContaining("apim-400");
					ContentFilterException filtered = (ContentFilterException) failure;
					assertThat(filtered.kind()).isEqualTo(OpenAiErrorKind.CONTENT_FILTERED);
					assertThat(filtered.requestId()).isEqualTo("apim-400");
					assertThat(filtered.filteredCategories()).containsExactly("violence");
					assertThat(filtered.categories().get("jailbreak"))
						.isEqualTo(new ContentFilterException.FilterResult(false, null, false));
				})
				.verify(TIMEOUT);
			assertThat(this.azure.getAllServeEvents()).hasSize(1);
		});
	}

	@Test
	void azuresRateLimitIsARateLimitRetriedAfterItsHintNotAQuotaFailure() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).inScenario("limit")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(azureJson(429, AZURE_429).withHeader("retry-after-ms", "5").withHeader("retry-after", "1"))
			.willSetStateTo("served"));
		this.azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).inScenario("limit")
			.whenScenarioStateIs("served")
			.willReturn(azureJson(200, CHAT)));
		this.contextRunner.withPropertyValues("openai.clients.az.api-key=az-key").run((context) -> {
			StepVerifier.create(context.getBean(OpenAiClients.class).chat("az").ask("Hi"))
				.expectNext("Hi")
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(this.azure.getAllServeEvents()).hasSize(2);
		});
		this.contextRunner.withPropertyValues("openai.clients.az.api-key=az-key", "openai.clients.az.retry.enabled=false")
			.run((context) -> {
				this.azure.resetScenarios();
				StepVerifier.create(context.getBean(OpenAiClients.class).chat("az").ask("Hi"))
					.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(RateLimitException.class)
						.satisfies((ex) -> assertThat(((RateLimitException) ex).retryAfter())
							.contains(Duration.ofMillis(5))))
					.verify(TIMEOUT);
			});
	}

	@Test
	void withoutAKeyAzureClientsUseEntraTokensCachedUntilShortlyBeforeTheyExpire() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).willReturn(azureJson(200, CHAT)));
		AtomicInteger fetched = new AtomicInteger();
		OpenAiCredentials credentials = () -> Mono.fromSupplier(() -> new OpenAiCredentials.AccessToken(
				"entra-" + fetched.incrementAndGet(), this.clock.instant().plus(Duration.ofHours(1))));
		this.contextRunner.withBean(OpenAiCredentials.class, () -> credentials).run((context) -> {
			var chat = context.getBean(OpenAiClients.class).chat("az");
			for (int i = 0; i < 3; i++) {
				StepVerifier.create(chat.ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
			}
			assertThat(fetched).hasValue(1);
			this.clock.advance(Duration.ofMinutes(56));
			StepVerifier.create(chat.ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
			assertThat(fetched).hasValue(2);
			this.azure.verify(3, postRequestedFor(urlEqualTo("/openai/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer entra-1"))
				.withHeader("api-key", absent()));
			this.azure.verify(1, postRequestedFor(urlEqualTo("/openai/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer entra-2")));
			// the root client keeps its key
			assertThat(context.getBean(OpenAiClients.class).names()).contains("default", "az");
		});
	}

	@Test
	void anAzureClientDoesNotInheritTheRootKey() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("com.azure.identity")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(OpenAiApiKeyMissingException.class)
				.hasMessageContaining("openai.clients.az.api-key")
				.hasMessageNotContaining("sk-openai-root");
		});
	}

	@Test
	void withAzureIdentityOnTheClassPathAnAzureClientWithoutAKeyStarts() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void anAzureClientWithoutAnEndpointFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("openai.clients.az.endpoint=").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.clients.az.endpoint");
		});
	}

	@Test
	void theLegacyModeWithoutAnApiVersionFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("openai.clients.az.api-mode=legacy").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("openai.clients.az.api-version");
		});
	}

	@Test
	void anInvalidDeploymentNameFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("openai.clients.az.deployments[gpt-4o]=a/b").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("openai.clients.az.deployments[gpt-4o]");
		});
	}

	@Test
	void anEndpointGivenWithItsOpenAiPathIsUsedAsIs() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/chat/completions")).willReturn(azureJson(200, CHAT)));
		this.contextRunner
			.withPropertyValues("openai.clients.az.api-key=az-key",
					"openai.clients.az.endpoint=" + this.azure.baseUrl() + "/openai/v1/")
			.run((context) -> StepVerifier.create(context.getBean(OpenAiClients.class).chat("az").ask("Hi"))
				.expectNext("Hi")
				.expectComplete()
				.verify(TIMEOUT));
	}

	@Test
	void credentialsShowNoTokenInToString() {
		assertThat(new OpenAiCredentials.AccessToken("secret-token", Instant.EPOCH).toString())
			.doesNotContain("secret-token");
	}

	@Test
	void embeddingRequestsKeepTheirOwnModelWhenNoDeploymentIsMapped() {
		this.azure.stubFor(post(urlEqualTo("/openai/v1/embeddings")).willReturn(azureJson(200, EMBEDDINGS)));
		this.contextRunner.withPropertyValues("openai.clients.az.api-key=az-key").run((context) -> {
			StepVerifier.create(context.getBean(OpenAiClients.class)
				.embedding("az")
				.embed(EmbeddingRequest.builder().input("Hi").model("text-embedding-3-large").build()))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
			this.azure.verify(postRequestedFor(urlEqualTo("/openai/v1/embeddings"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("text-embedding-3-large"))));
		});
	}

}
