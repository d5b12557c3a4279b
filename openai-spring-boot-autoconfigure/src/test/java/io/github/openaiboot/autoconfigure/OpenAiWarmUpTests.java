package io.github.openaiboot.autoconfigure;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.ratelimit.BucketStore;
import io.github.openaiboot.ratelimit.InMemorySharedStore;
import io.github.openaiboot.ratelimit.LocalBucketStore;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenEstimator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link OpenAiWarmUp}.
 */
class OpenAiWarmUpTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String MODELS = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
			+ "\"created\":1721172741,\"owned_by\":\"system\"}]}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
		.withPropertyValues("openai.api-key=sk-test");

	@Test
	void isOnByDefaultAndOffWithItsProperty() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OpenAiWarmUp.class));
		this.contextRunner.withPropertyValues("openai.warm-up=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiWarmUp.class));
	}

	@Test
	void warmsUpOnItsExecutorOnceTheApplicationIsReady() {
		AtomicInteger scheduled = new AtomicInteger();
		List<String> steps = new ArrayList<>();
		OpenAiWarmUp warmUp = new OpenAiWarmUp((task) -> {
			scheduled.incrementAndGet();
			task.run();
		}, Stream::empty, () -> steps.add("tls"), () -> steps.add("tokenizer"));
		warmUp.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], null,
				Duration.ZERO));
		assertThat(scheduled).hasValue(1);
		assertThat(steps).containsExactly("tls", "tokenizer");
	}

	@Test
	void startUpLeavesTheWebClientAndItsConnectorToTheFirstCall() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		connectingContext().withPropertyValues("openai.warm-up=false").run((context) -> {
			CountingCustomizer customizer = context.getBean(CountingCustomizer.class);
			assertThat(customizer.built).hasValue(0);
			assertThat(context.getBeanFactory().containsSingleton("clientHttpConnector")).isFalse();
			ModelsClient models = context.getBean(ModelsClient.class);
			StepVerifier.create(models.list()).expectNextCount(1).verifyComplete();
			StepVerifier.create(models.list()).expectNextCount(1).verifyComplete();
			// built by the first call, and only once
			assertThat(customizer.built).hasValue(1);
			wm.verify(2, getRequestedFor(urlEqualTo("/v1/models")));
		});
	}

	@Test
	void concurrentFirstCallsBuildTheWebClientOnce() {
		wm.stubFor(get("/v1/models").willReturn(okJson(MODELS)));
		connectingContext().withPropertyValues("openai.warm-up=false").run((context) -> {
			CountingCustomizer customizer = context.getBean(CountingCustomizer.class);
			ModelsClient models = context.getBean(ModelsClient.class);
			StepVerifier.create(Flux.range(0, 16)
				.flatMap((i) -> models.list().subscribeOn(Schedulers.parallel()).count(), 16)
				.reduce(0L, Long::sum)).expectNext(16L).verifyComplete();
			assertThat(customizer.built).hasValue(1);
			wm.verify(16, getRequestedFor(urlEqualTo("/v1/models")));
		});
	}

	@Test
	void buildsTheWebClientOfEveryClientOnceTheApplicationIsReady() {
		connectingContext().withPropertyValues("openai.clients.backup.api-key=sk-backup").run((context) -> {
			CountingCustomizer customizer = context.getBean(CountingCustomizer.class);
			assertThat(customizer.built).hasValue(0);
			ready(context);
			// the root client's and the named one's
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(customizer.built).hasValue(2));
			assertThat(context.getBeanFactory().containsSingleton("clientHttpConnector")).isTrue();
			assertThat(customizer.threads).containsOnly("openai-warm-up");
			// on a thread of its own, which ends, rather than on one of Reactor's schedulers
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
					.noneMatch((thread) -> thread.getName().equals("openai-warm-up")));
		});
	}

	@Test
	void warmsUpWithoutFailing() {
		// a failure is only logged at debug, which would leave the first calls cold unnoticed
		assertThatNoException().isThrownBy(() -> new OpenAiWarmUp(Runnable::run, Stream::empty, () -> {
		}, () -> {
		}).warmUp());
	}

	@Test
	void warmUpSendsNothingAndLeavesTheApplicationsMetersAndObservationsAlone() {
		wm.resetAll();
		wm.stubFor(post("/v1/chat/completions").willReturn(okJson(OpenAiWireMock.CHAT_COMPLETION)));
		connectingContext()
			.withConfiguration(AutoConfigurations.of(OpenAiObservationAutoConfiguration.class,
					OpenAiMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(TestObservationRegistry.class, TestObservationRegistry::create)
			.run((context) -> {
				CountingCustomizer customizer = context.getBean(CountingCustomizer.class);
				ready(context);
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(customizer.built).hasValue(1);
					assertThat(Thread.getAllStackTraces().keySet())
						.noneMatch((thread) -> thread.getName().equals("openai-warm-up"));
				});
				assertThat(wm.getAllServeEvents()).isEmpty();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.find("gen_ai.client.operation").meters()).isEmpty();
				assertThat(meters.find("gen_ai.client.token.usage").meters()).isEmpty();
				TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.doesNotHaveAnyObservation();
				// the application's first call is its first, in every count
				StepVerifier.create(context.getBean(ChatClient.class).complete(ChatRequest.builder().user("Hi").build()))
					.expectNextCount(1)
					.verifyComplete();
				wm.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
				assertThat(meters.get("gen_ai.client.operation").timer().count()).isOne();
				assertThat(meters.find("gen_ai.client.operation").tag("openai.client", "warm-up").meters()).isEmpty();
			});
	}

	@Test
	void loadsTheTokenizerOfTheChatModelWhenAPacerOnASharedStoreWillCountTokens() {
		List<OpenAiRequest<?>> estimated = new ArrayList<>();
		TokenEstimator estimator = (request) -> {
			estimated.add(request);
			return 1;
		};
		assertThat(OpenAiWarmUp.warmUpTokenizer(beanFactory(pacer(new InMemorySharedStore()), estimator), "gpt-4.1"))
			.isTrue();
		assertThat(estimated).singleElement().satisfies((request) -> assertThat(request.model()).isEqualTo("gpt-4.1"));
		estimated.clear();
		// a local store has its headroom at hand: the tokenizer waits for a call that needs it
		assertThat(OpenAiWarmUp.warmUpTokenizer(beanFactory(pacer(new LocalBucketStore()), estimator), "gpt-4.1"))
			.isFalse();
		assertThat(OpenAiWarmUp.warmUpTokenizer(beanFactory(null, estimator), "gpt-4.1")).isFalse();
		assertThat(estimated).isEmpty();
	}

	@Test
	void aFailingStepLeavesTheOthersToRun() {
		List<String> steps = new ArrayList<>();
		OpenAiWarmUp warmUp = new OpenAiWarmUp(Runnable::run, Stream::empty, () -> {
			throw new UncheckedIOException(new SSLException("no TLS here"));
		}, () -> steps.add("tokenizer"));
		warmUp.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], null,
				Duration.ZERO));
		assertThat(steps).containsExactly("tokenizer");
	}

	@Test
	void buildsTheTlsOfAClientThatConnectsOverHttpsWithReactorNettysDefaults() {
		tlsContext().withPropertyValues("openai.base-url=https://api.openai.com/v1")
			.run((context) -> assertThat(context.getBean(OpenAiClientFactory.class).warmUpTls())
				.isEqualTo(URI.create("https://api.openai.com/v1")));
		// an Azure OpenAI resource's endpoint is its base URL
		tlsContext()
			.withPropertyValues("openai.provider=azure", "openai.api-key=azure-key",
					"openai.endpoint=https://contoso.openai.azure.com")
			.run((context) -> assertThat(context.getBean(OpenAiClientFactory.class).warmUpTls())
				.hasScheme("https")
				.hasHost("contoso.openai.azure.com"));
		// a named client's own base URL counts as well
		tlsContext()
			.withPropertyValues("openai.base-url=http://localhost:1/v1", "openai.clients.proxy.api-key=sk-proxy",
					"openai.clients.proxy.base-url=https://llm-proxy.internal/v1")
			.run((context) -> assertThat(context.getBean(OpenAiClientFactory.class).warmUpTls())
				.isEqualTo(URI.create("https://llm-proxy.internal/v1")));
	}

	@Test
	void leavesTlsAloneWhenNoClientWouldUseReactorNettysDefaultTls() {
		// plain HTTP, such as a local proxy or the simulator
		tlsContext().withPropertyValues("openai.base-url=http://localhost:1/v1")
			.run((context) -> assertThat(context.getBean(OpenAiClientFactory.class).warmUpTls()).isNull());
		// an SSL bundle: Boot builds its SSL context with the connector, which the warm-up builds anyway
		tlsContext().withPropertyValues("openai.base-url=https://api.openai.com/v1")
			.withBean(HttpClientSettings.class, () -> HttpClientSettings.ofSslBundle(SslBundle.of(null)))
			.run((context) -> assertThat(context.getBean(OpenAiClientFactory.class).warmUpTls()).isNull());
		// another HTTP library
		tlsContext().withPropertyValues("openai.base-url=https://api.openai.com/v1")
			.withBean(ClientHttpConnectorBuilder.class, ClientHttpConnectorBuilder::jdk)
			.run((context) -> assertThat(context.getBean(OpenAiClientFactory.class).warmUpTls()).isNull());
	}

	private ApplicationContextRunner tlsContext() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
					OpenAiAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-test", "openai.warm-up=false");
	}

	private static TokenBucketPacer pacer(BucketStore store) {
		return TokenBucketPacer.builder().store(store).storeScheduler(Schedulers.immediate()).build();
	}

	private static DefaultListableBeanFactory beanFactory(@Nullable TokenBucketPacer pacer, TokenEstimator estimator) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		if (pacer != null) {
			beanFactory.registerSingleton("pacer", pacer);
		}
		beanFactory.registerSingleton("estimator", estimator);
		return beanFactory;
	}

	@Test
	void samplesAreReadAsTheRealAnswersAre() {
		ChatCompletion completion = OpenAiJson.mapper().readValue(OpenAiWarmUp.CHAT_COMPLETION, ChatCompletion.class);
		assertThat(completion.choices()).singleElement()
			.satisfies((choice) -> assertThat(choice.finishReason()).isEqualTo("stop"));
		assertThat(completion.usage().promptTokens()).isOne();
		assertThat(OpenAiJson.mapper().readValue(OpenAiWarmUp.CHAT_CHUNK, ChatCompletionChunk.class).choices())
			.hasSize(1);
		EmbeddingResponse embeddings = OpenAiJson.mapper()
			.readValue(OpenAiWarmUp.EMBEDDINGS, EmbeddingResponse.class);
		assertThat(embeddings.data()).hasSize(2)
			.allSatisfy((embedding) -> assertThat(embedding.embedding()).containsExactly(1.0f, 2.0f));
	}

	private ApplicationContextRunner connectingContext() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
					OpenAiAutoConfiguration.class))
			.withUserConfiguration(CountingCustomizerConfiguration.class)
			.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + wm.baseUrl() + "/v1");
	}

	private static void ready(AssertableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(), Duration.ZERO));
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizerConfiguration {

		@Bean
		CountingCustomizer countingCustomizer() {
			return new CountingCustomizer();
		}

	}

	static class CountingCustomizer implements OpenAiWebClientCustomizer {

		final AtomicInteger built = new AtomicInteger();

		final Set<String> threads = ConcurrentHashMap.newKeySet();

		@Override
		public void customize(WebClient.Builder builder) {
			this.built.incrementAndGet();
			this.threads.add(Thread.currentThread().getName());
		}

	}

}
