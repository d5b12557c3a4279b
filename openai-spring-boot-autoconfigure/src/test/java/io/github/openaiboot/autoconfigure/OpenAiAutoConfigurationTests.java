package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.image.DefaultImageClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageDefaults;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.model.ModelsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiAutoConfiguration}.
 */
class OpenAiAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
			+ "\"created\":1721172741,\"owned_by\":\"system\"}]}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, HttpClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				OpenAiAutoConfiguration.class, OpenAiActuatorAutoConfiguration.class));

	private ApplicationContextRunner withWireMock() {
		return this.contextRunner.withPropertyValues("openai.api-key=sk-configured-key-0123456789abcdef",
				"openai.base-url=" + wm.baseUrl() + "/v1");
	}

	@Test
	void providesEveryClientAndThePipelineWhenAnApiKeyIsSet() {
		this.contextRunner.withPropertyValues("openai.api-key=sk-test").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ChatClient.class);
			assertThat(context).hasSingleBean(EmbeddingClient.class);
			assertThat(context).hasSingleBean(ImageClient.class);
			assertThat(context).hasSingleBean(ModelsClient.class);
			assertThat(context).hasSingleBean(OpenAiPipeline.class);
			assertThat(context).hasSingleBean(RateLimitTracker.class);
			assertThat(context.getBean(OpenAiProperties.class).getBaseUrl()).isEqualTo("https://api.openai.com/v1");
		});
	}

	@Test
	void backsOffWhenTheUserDefinesAChatClient() {
		this.contextRunner.withPropertyValues("openai.api-key=sk-test")
			.withUserConfiguration(UserChatClientConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(ChatClient.class);
				assertThat(context.getBean(ChatClient.class)).isSameAs(UserChatClientConfiguration.CLIENT);
				assertThat(context).hasSingleBean(EmbeddingClient.class);
			});
	}

	@Test
	void backsOffWhenTheUserDefinesAnImageClient() {
		this.contextRunner.withPropertyValues("openai.api-key=sk-test")
			.withUserConfiguration(UserImageClientConfiguration.class)
			.run((context) -> assertThat(context).getBean(ImageClient.class)
				.isSameAs(context.getBean("myImageClient")));
	}

	@Test
	void failsToStartWithoutApiKeyAndExplainsHowToSetOne() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			assertThat(failure).rootCause().isInstanceOf(OpenAiApiKeyMissingException.class);
			FailureAnalysis analysis = new OpenAiApiKeyMissingFailureAnalyzer().analyze(failure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("API key");
			assertThat(analysis.getAction()).contains("openai.api-key").contains("OPENAI_API_KEY");
		});
	}

	@Test
	void failsToStartWithABlankApiKey() {
		this.contextRunner.withPropertyValues("openai.api-key=  ")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(OpenAiApiKeyMissingException.class));
	}

	@Test
	void sendsBearerKeyOrganizationProjectAndCustomHeaders() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		withWireMock()
			.withPropertyValues("openai.organization=org-acme123", "openai.project=proj_abc456",
					"openai.headers[X-Tenant]=tenant-42", "openai.headers[OpenAI-Beta]=assistants=v2")
			.run((context) -> {
				StepVerifier.create(context.getBean(ModelsClient.class).list())
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				wm.verify(getRequestedFor(urlEqualTo("/v1/models"))
					.withHeader("Authorization", equalTo("Bearer sk-configured-key-0123456789abcdef"))
					.withHeader("OpenAI-Organization", equalTo("org-acme123"))
					.withHeader("OpenAI-Project", equalTo("proj_abc456"))
					.withHeader("X-Tenant", equalTo("tenant-42"))
					.withHeader("OpenAI-Beta", equalTo("assistants=v2")));
			});
	}

	@Test
	void leavesOrganizationAndProjectHeadersOutWhenUnset() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		withWireMock().run((context) -> {
			StepVerifier.create(context.getBean(ModelsClient.class).list()).expectNextCount(1).expectComplete()
				.verify(TIMEOUT);
			wm.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("OpenAI-Organization", absent())
				.withHeader("OpenAI-Project", absent()));
		});
	}

	@Test
	void baseUrlWithTrailingSlashStillReachesTheEndpoint() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		this.contextRunner.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + wm.baseUrl() + "/v1/")
			.run((context) -> StepVerifier.create(context.getBean(ModelsClient.class).list())
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT));
	}

	@Test
	void appliesChatEmbeddingAndImageDefaultsFromProperties() {
		wm.stubFor(post("/v1/chat/completions").willReturn(okJson("{\"id\":\"c\",\"object\":\"chat.completion\","
				+ "\"created\":1,\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
				+ "\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}")));
		wm.stubFor(post("/v1/embeddings").willReturn(okJson("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\","
				+ "\"index\":0,\"embedding\":[0.5]}],\"model\":\"text-embedding-3-large\",\"usage\":{\"prompt_tokens\":1,"
				+ "\"total_tokens\":1}}")));
		wm.stubFor(post("/v1/images/generations")
			.willReturn(okJson("{\"created\":1,\"data\":[{\"url\":\"https://example.com/i.png\"}]}")));
		withWireMock()
			.withPropertyValues("openai.chat.model=gpt-4.1", "openai.chat.temperature=0.3", "openai.chat.top-p=0.8",
					"openai.chat.max-completion-tokens=500", "openai.chat.include-usage=false",
					"openai.embedding.model=text-embedding-3-large", "openai.embedding.dimensions=1024",
					"openai.embedding.encoding-format=float", "openai.image.model=dall-e-2",
					"openai.image.size=512x512", "openai.image.quality=standard", "openai.image.response-format=url")
			.run((context) -> {
				StepVerifier.create(context.getBean(ChatClient.class).ask("Hi")).expectNext("ok").expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(context.getBean(EmbeddingClient.class).embed("Hi")).expectNextCount(1)
					.expectComplete().verify(TIMEOUT);
				StepVerifier.create(context.getBean(ImageClient.class).generate(ImageRequest.builder("a cat").build()))
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				java.util.List<JsonNode> bodies = TestPipelines.requestBodies(wm);
				JsonNode chat = bodies.get(0);
				assertThat(chat.get("model").asString()).isEqualTo("gpt-4.1");
				assertThat(chat.get("temperature").asDouble()).isEqualTo(0.3);
				assertThat(chat.get("top_p").asDouble()).isEqualTo(0.8);
				assertThat(chat.get("max_completion_tokens").asInt()).isEqualTo(500);
				JsonNode embedding = bodies.get(1);
				assertThat(embedding.get("model").asString()).isEqualTo("text-embedding-3-large");
				assertThat(embedding.get("dimensions").asInt()).isEqualTo(1024);
				assertThat(embedding.get("encoding_format").asString()).isEqualTo("float");
				JsonNode image = bodies.get(2);
				assertThat(image.get("model").asString()).isEqualTo("dall-e-2");
				assertThat(image.get("size").asString()).isEqualTo("512x512");
				assertThat(image.get("quality").asString()).isEqualTo("standard");
				assertThat(image.get("response_format").asString()).isEqualTo("url");
			});
	}

	@Test
	void streamingHonoursIncludeUsageProperty() {
		wm.stubFor(post("/v1/chat/completions").willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse()
			.withHeader("Content-Type", "text/event-stream")
			.withBody("data: [DONE]\n\n")));
		withWireMock().withPropertyValues("openai.chat.include-usage=false").run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class).stream(ChatRequest.builder().user("Hi").build()))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(TestPipelines.onlyRequestBody(wm).get("stream_options").get("include_usage").asBoolean())
				.isFalse();
		});
	}

	@Test
	void environmentVariablesConfigureKeyBaseUrlOrganizationAndProject() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		OpenAiEnvironmentPostProcessor processor = new OpenAiEnvironmentPostProcessor();
		this.contextRunner
			.withSystemProperties("OPENAI_API_KEY=sk-from-env-0123456789abcdef", "OPENAI_BASE_URL=" + wm.baseUrl() + "/v1",
					"OPENAI_ORG_ID=org-env", "OPENAI_PROJECT_ID=proj_env")
			.withInitializer((context) -> processor.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				StepVerifier.create(context.getBean(ModelsClient.class).list())
					.expectNextCount(1)
					.expectComplete()
					.verify(TIMEOUT);
				wm.verify(getRequestedFor(urlEqualTo("/v1/models"))
					.withHeader("Authorization", equalTo("Bearer sk-from-env-0123456789abcdef"))
					.withHeader("OpenAI-Organization", equalTo("org-env"))
					.withHeader("OpenAI-Project", equalTo("proj_env")));
			});
	}

	@Test
	void explicitApiKeyPropertyWinsOverTheEnvironmentVariable() {
		OpenAiEnvironmentPostProcessor processor = new OpenAiEnvironmentPostProcessor();
		this.contextRunner.withSystemProperties("OPENAI_API_KEY=sk-from-env", "OPENAI_ORG_ID=org-env")
			.withPropertyValues("openai.api-key=sk-explicit")
			.withInitializer((context) -> processor.postProcessEnvironment(context.getEnvironment(), new SpringApplication()))
			.run((context) -> {
				OpenAiProperties properties = context.getBean(OpenAiProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("sk-explicit");
				assertThat(properties.getOrganization()).isEqualTo("org-env");
			});
	}

	@Test
	void negativeConnectTimeoutFailsStartupNamingTheProperty() {
		assertStartupFailsNaming("openai.connect-timeout=-1s", "openai.connect-timeout");
	}

	@Test
	void zeroResponseTimeoutFailsStartupNamingTheProperty() {
		assertStartupFailsNaming("openai.response-timeout=0s", "openai.response-timeout");
	}

	@Test
	void malformedBaseUrlFailsStartupNamingTheProperty() {
		assertStartupFailsNaming("openai.base-url=api.openai.com/v1", "openai.base-url");
		assertStartupFailsNaming("openai.base-url=ftp://api.openai.com/v1", "openai.base-url");
		assertStartupFailsNaming("openai.base-url=http://exa mple.com", "openai.base-url");
	}

	@Test
	void temperatureAboveTwoFailsStartupNamingTheProperty() {
		assertStartupFailsNaming("openai.chat.temperature=3", "openai.chat.temperature");
	}

	@Test
	void nonPositiveMaxCompletionTokensAndDimensionsFailStartup() {
		assertStartupFailsNaming("openai.chat.max-completion-tokens=0", "openai.chat.max-completion-tokens");
		assertStartupFailsNaming("openai.embedding.dimensions=-3", "openai.embedding.dimensions");
		assertStartupFailsNaming("openai.embedding.concurrency=0", "openai.embedding.concurrency");
		assertStartupFailsNaming("openai.embedding.max-tokens-per-call=-1", "openai.embedding.max-tokens-per-call");
	}

	private void assertStartupFailsNaming(String property, String name) {
		this.contextRunner.withPropertyValues("openai.api-key=sk-test", property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining(name);
		});
	}

	@Test
	void propertiesToStringNeverShowsTheApiKey() {
		this.contextRunner.withPropertyValues("openai.api-key=sk-proj-SuperSecretValue1234567890")
			.run((context) -> {
				String text = context.getBean(OpenAiProperties.class).toString();
				assertThat(text).doesNotContain("SuperSecretValue").doesNotContain("sk-proj-SuperSecretValue1234567890");
				assertThat(text).contains("apiKey=sk-****7890");
			});
	}

	@Test
	void webClientCustomizersAreAppliedInOrder() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		withWireMock().withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			StepVerifier.create(context.getBean(ModelsClient.class).list()).expectNextCount(1).expectComplete()
				.verify(TIMEOUT);
			wm.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("X-Customized", equalTo("second")));
		});
	}

	@Test
	void startsWithoutActuatorOnTheClasspath() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.withPropertyValues("openai.api-key=sk-test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(ChatClient.class);
				assertThat(context).hasSingleBean(ModelsClient.class);
				assertThat(context).doesNotHaveBean(SanitizingFunction.class);
			});
	}

	@Test
	void decodesAResponseFarAboveWebClientsDefaultBufferLimit() {
		String b64 = largeBase64Image();
		wm.stubFor(post("/v1/images/generations")
			.willReturn(okJson("{\"created\":1713833628,\"data\":[{\"b64_json\":\"" + b64 + "\"}]}")));
		withWireMock().run((context) -> StepVerifier
			.create(context.getBean(ImageClient.class)
				.generate(ImageRequest.builder("a cat").responseFormat("b64_json").build()))
			.assertNext((response) -> assertThat(response.data().get(0).bytes()).hasSize(768 * 1024))
			.expectComplete()
			.verify(TIMEOUT));
	}

	@Test
	void plainWebClientWithTheDefaultBufferLimitCannotReadTheSameResponse() {
		String b64 = largeBase64Image();
		wm.stubFor(post("/v1/images/generations")
			.willReturn(okJson("{\"created\":1713833628,\"data\":[{\"b64_json\":\"" + b64 + "\"}]}")));
		DefaultImageClient client = new DefaultImageClient(TestPipelines.pipeline(wm.baseUrl()),
				new ImageDefaults("dall-e-3", null, null, "b64_json"));
		StepVerifier.create(client.generate(ImageRequest.builder("a cat").build()))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(OpenAiException.class);
				assertThat(failure).hasRootCauseInstanceOf(DataBufferLimitException.class);
			})
			.verify(TIMEOUT);
	}

	@Test
	void maxResponseSizeLimitsWhatTheClientsRead() {
		wm.stubFor(post("/v1/images/generations")
			.willReturn(okJson("{\"created\":1713833628,\"data\":[{\"b64_json\":\"" + largeBase64Image() + "\"}]}")));
		withWireMock().withPropertyValues("openai.max-response-size=100KB").run((context) -> StepVerifier
			.create(context.getBean(ImageClient.class)
				.generate(ImageRequest.builder("a cat").responseFormat("b64_json").build()))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).hasRootCauseInstanceOf(DataBufferLimitException.class)
					.hasMessageContaining("openai.max-response-size");
				assertThat(((OpenAiException) failure).kind()).isEqualTo(OpenAiErrorKind.INVALID_RESPONSE);
			})
			.verify(TIMEOUT));
	}

	private static String largeBase64Image() {
		byte[] image = new byte[768 * 1024];
		ThreadLocalRandom.current().nextBytes(image);
		return Base64.getEncoder().encodeToString(image);
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChatClientConfiguration {

		static final ChatClient CLIENT = new ChatClient() {

			@Override
			public Mono<io.github.openaiboot.chat.ChatCompletion> complete(ChatRequest request) {
				return Mono.empty();
			}

			@Override
			public Flux<io.github.openaiboot.chat.ChatCompletionChunk> stream(ChatRequest request) {
				return Flux.empty();
			}

			@Override
			public Mono<String> ask(String userMessage) {
				return Mono.just("mine");
			}

		};

		@Bean
		ChatClient myChatClient() {
			return CLIENT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserImageClientConfiguration {

		@Bean
		ImageClient myImageClient() {
			return (request) -> Mono.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		OpenAiWebClientCustomizer secondCustomizer() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.set("X-Customized", "second"));
		}

		@Bean
		@Order(1)
		OpenAiWebClientCustomizer firstCustomizer() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.set("X-Customized", "first"));
		}

	}

}
