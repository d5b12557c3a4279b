package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.pool.OpenAiClients;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for named clients ({@code openai.clients.<name>}), against one WireMock server per
 * account.
 */
class OpenAiNamedClientsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final WireMockServer root = new WireMockServer(options().dynamicPort());

	private final WireMockServer eu = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.root.start();
		this.eu.start();
		for (WireMockServer server : new WireMockServer[] { this.root, this.eu }) {
			server.stubFor(post(urlEqualTo("/v1/chat/completions"))
				.willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
			server.stubFor(get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
		}
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiRateLimitAutoConfiguration.class, OpenAiObservationAutoConfiguration.class,
					OpenAiMetricsAutoConfiguration.class, OpenAiHealthAutoConfiguration.class,
					ObservationAutoConfiguration.class, MetricsAutoConfiguration.class))
			.withUserConfiguration(MeterRegistryConfiguration.class)
			.withPropertyValues("openai.api-key=sk-root", "openai.organization=org-root",
					"openai.headers.X-Team=search", "openai.chat.model=gpt-4o",
					"openai.base-url=" + this.root.baseUrl() + "/v1",
					"openai.clients.eu.base-url=" + this.eu.baseUrl() + "/v1", "openai.clients.eu.organization=org-eu",
					"openai.clients.eu.chat.model=gpt-4o-mini");
	}

	@AfterEach
	void stop() {
		this.root.stop();
		this.eu.stop();
	}

	@Test
	void namedClientInheritsEveryRootValueItDoesNotSet() {
		this.contextRunner.run((context) -> {
			ChatClient eu = context.getBean(OpenAiClients.class).chat("eu");
			StepVerifier.create(eu.ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
			this.eu.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer sk-root"))
				.withHeader("OpenAI-Organization", equalTo("org-eu"))
				.withHeader("X-Team", equalTo("search"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
			assertThat(this.root.getAllServeEvents()).isEmpty();
		});
	}

	@Test
	void unqualifiedBeansStayTheRootClientsAndQualifiedOnesAreTheNamedClients() {
		this.contextRunner.run((context) -> {
			// several beans of each type, one of them a default candidate
			assertThat(context.getBeanNamesForType(ChatClient.class)).containsExactly("openAiChatClient",
					"openAiChatClient.eu");
			assertThat(context.getBean(EmbeddingClient.class)).isSameAs(context.getBean("openAiEmbeddingClient"));
			StepVerifier.create(context.getBean(ChatClient.class).ask("Hi")).expectNext("Hi").expectComplete()
				.verify(TIMEOUT);
			this.root.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("OpenAI-Organization", equalTo("org-root"))
				.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o"))));
			ChatClient qualified = BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(),
					ChatClient.class, "eu");
			assertThat(qualified).isSameAs(context.getBean(OpenAiClients.class).chat("eu"));
			assertThat(context.getBean(InjectsQualified.class).eu).isSameAs(qualified);
			assertThat(context.getBean(OpenAiClients.class).names()).containsExactly("default", "eu");
		});
	}

	@Test
	void anUnknownNameFailsListingTheConfiguredNames() {
		this.contextRunner.run((context) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(OpenAiClients.class).chat("us"))
			.withMessageContaining("'us'")
			.withMessageContaining("[default, eu]"));
	}

	@Test
	void rootChatClientBacksOffAndNamedClientsStay() {
		this.contextRunner.withUserConfiguration(OwnChatClient.class).run((context) -> {
			assertThat(context.getBean(ChatClient.class)).isSameAs(context.getBean(OwnChatClient.class).client);
			assertThat(context.getBean(OpenAiClients.class).chat("default"))
				.isSameAs(context.getBean(OwnChatClient.class).client);
			StepVerifier.create(context.getBean(OpenAiClients.class).chat("eu").ask("Hi")).expectNext("Hi")
				.expectComplete().verify(TIMEOUT);
		});
	}

	@Test
	void eachClientHasItsOwnPacer() {
		this.contextRunner
			.withPropertyValues("openai.clients.eu.rate-limit.requests-per-minute=1",
					"openai.clients.eu.rate-limit.max-wait=0s")
			.run((context) -> {
				OpenAiClients clients = context.getBean(OpenAiClients.class);
				StepVerifier.create(clients.chat("eu").ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
				StepVerifier.create(clients.chat("eu").ask("Hi"))
					.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(RateLimitException.class)
						.satisfies((ex) -> assertThat(((RateLimitException) ex).isLocal()).isTrue()))
					.verify(TIMEOUT);
				for (int i = 0; i < 3; i++) {
					StepVerifier.create(clients.chat("default").ask("Hi")).expectNext("Hi").expectComplete()
						.verify(TIMEOUT);
				}
				assertThat(this.eu.getAllServeEvents()).hasSize(1);
				assertThat(this.root.getAllServeEvents()).hasSize(3);
			});
	}

	@Test
	void metersCarryTheNameOfTheClientThatMadeTheCall() {
		this.contextRunner.run((context) -> {
			OpenAiClients clients = context.getBean(OpenAiClients.class);
			StepVerifier.create(clients.chat("eu").complete(ChatRequest.builder().user("Hi").build()))
				.expectNextCount(1).expectComplete().verify(TIMEOUT);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("gen_ai.client.operation").tag("openai.client", "eu").timer().count())
				.isEqualTo(1);
			assertThat(registry.find("gen_ai.client.operation").tag("openai.client", "default").timer()).isNull();
			assertThat(registry.get("gen_ai.client.token.usage")
				.tag("openai.client", "eu")
				.tag("gen_ai.token.type", "input")
				.summary()
				.totalAmount()).isEqualTo(1000);
			assertThat(registry.get("openai.client.cost").tag("openai.client", "eu").counter().count())
				.isGreaterThan(0);
			assertThat(registry.get("openai.ratelimit.remaining")
				.tag("openai.client", "eu")
				.tag("limit", "requests")
				.gauge()
				.value()).isEqualTo(3499);
		});
	}

	@Test
	void namedClientsPricesOverrideTheBuiltInOnesForThatClientOnly() {
		this.contextRunner.withPropertyValues("openai.clients.eu.pricing.models[gpt-4o-mini].input=1",
				"openai.clients.eu.pricing.models[gpt-4o-mini].cached-input=1",
				"openai.clients.eu.pricing.models[gpt-4o-mini].output=2")
			.run((context) -> {
				OpenAiClients clients = context.getBean(OpenAiClients.class);
				StepVerifier.create(clients.chat("eu").ask("Hi")).expectNextCount(1).expectComplete()
					.verify(TIMEOUT);
				StepVerifier.create(clients.chat("default").complete(
						ChatRequest.builder().model("gpt-4o-mini").user("Hi").build()))
					.expectNextCount(1).expectComplete().verify(TIMEOUT);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				// 1000 input tokens at $1/M and 500 output at $2/M
				assertThat(registry.get("openai.client.cost").tag("openai.client", "eu").counter().count())
					.isEqualTo(0.002);
				// built-in gpt-4o-mini: 800 input at 0.15, 200 cached at 0.075, 500 output at 0.60
				assertThat(registry.get("openai.client.cost").tag("openai.client", "default").counter().count())
					.isCloseTo(0.000435, org.assertj.core.api.Assertions.within(1e-9));
			});
	}

	@Test
	void healthHasOneEntryPerClient() {
		this.contextRunner.run((context) -> {
			CompositeReactiveHealthContributor health = context.getBean("openaiHealthContributor",
					CompositeReactiveHealthContributor.class);
			Health eu = ((ReactiveHealthIndicator) health.getContributor("eu")).health(true).block(TIMEOUT);
			assertThat(eu.getStatus()).isEqualTo(Status.UP);
			assertThat(eu.getDetails()).containsEntry("organization", "org-eu")
				.containsEntry("baseUrl", this.eu.baseUrl() + "/v1");
			assertThat(health.getContributor("default")).isNotNull();
			assertThat(context).doesNotHaveBean("openaiHealthIndicator");
		});
	}

	@Test
	void anInvalidNamedClientPropertyFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("openai.clients.eu.base-url=ftp://eu").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.clients.eu.base-url");
		});
	}

	@Test
	void aClientNamedDefaultFailsStartup() {
		this.contextRunner.withPropertyValues("openai.clients.default.organization=org-x").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.clients.default");
		});
	}

	@Test
	void withoutNamedClientsTheContextIsAsBefore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiHealthAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-root")
			.run((context) -> {
				assertThat(context).hasBean("openaiHealthIndicator").doesNotHaveBean(OpenAiNamedClient.class);
				assertThat(context.getBean(OpenAiClients.class).names()).containsExactly("default");
				assertThat(context.getBean(OpenAiClients.class).models("default"))
					.isSameAs(context.getBean(ModelsClient.class));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class MeterRegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		InjectsQualified injectsQualified(@Qualifier("eu") ChatClient eu) {
			return new InjectsQualified(eu);
		}

	}

	static class InjectsQualified {

		final ChatClient eu;

		InjectsQualified(ChatClient eu) {
			this.eu = eu;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChatClient {

		final ChatClient client = new ChatClient() {

			@Override
			public Mono<ChatCompletion> complete(ChatRequest request) {
				return Mono.empty();
			}

			@Override
			public reactor.core.publisher.Flux<io.github.openaiboot.chat.ChatCompletionChunk> stream(
					ChatRequest request) {
				return reactor.core.publisher.Flux.empty();
			}

			@Override
			public Mono<String> ask(String userMessage) {
				return Mono.just("own");
			}

		};

		@Bean
		ChatClient ownChatClient() {
			return this.client;
		}

	}

}
