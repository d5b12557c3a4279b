package io.github.openaiboot.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.core.ErrorResponseDecoder;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.file.DefaultFilesClient;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.model.DefaultModelsClient;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.pool.MapOpenAiClients;
import io.github.openaiboot.pool.OpenAiClients;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.responses.ResponsesClient;
import io.github.openaiboot.ratelimit.TokenCounter;
import io.github.openaiboot.ratelimit.TokenEstimator;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import io.github.openaiboot.retry.RetryAfterParser;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for the reactive OpenAI clients.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@EnableConfigurationProperties(OpenAiProperties.class)
@Import(OpenAiNamedClientsRegistrar.class)
public final class OpenAiAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RateLimitTracker openAiRateLimitTracker() {
		return new RateLimitTracker();
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiCallOutcomes openAiCallOutcomes(ObjectProvider<Clock> clock) {
		return new OpenAiCallOutcomes(clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean
	PricingTable openAiPricingTable(OpenAiProperties properties) {
		return OpenAiClientFactory.pricingTable(properties, "openai");
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "openai.warm-up", matchIfMissing = true)
	static OpenAiWarmUp openAiWarmUp(ObjectProvider<OpenAiPipeline> pipelines, ListableBeanFactory beanFactory) {
		// named clients are no default candidates, so not in a provider's stream
		return new OpenAiWarmUp(() -> Stream.concat(pipelines.orderedStream(),
				beanFactory.getBeansOfType(OpenAiNamedClient.class)
					.values()
					.stream()
					.map(OpenAiNamedClient::pipeline)
					.filter(Objects::nonNull)),
				() -> beanFactory.getBean(OpenAiClientFactory.class).warmUpTls(),
				() -> OpenAiWarmUp.warmUpTokenizer(beanFactory,
						beanFactory.getBean(OpenAiProperties.class).getChat().getModel()));
	}

	@Bean
	OpenAiClientFactory openAiClientFactory(ListableBeanFactory beanFactory, Environment environment) {
		return new OpenAiClientFactory(beanFactory, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiPipeline openAiPipeline(OpenAiProperties properties, OpenAiClientFactory factory,
			RateLimitTracker rateLimitTracker, ObjectProvider<OpenAiRetry> retry, OpenAiCallOutcomes callOutcomes,
			ObjectProvider<OpenAiCallObserver> callObserver, ObjectProvider<RateLimiter> rateLimiter,
			ObjectProvider<TokenEstimator> tokenEstimator, ObjectProvider<OpenAiClientMetrics> metrics) {
		return OpenAiPipeline.builder(factory.webClient(properties, "openai"))
			.jsonMapper(OpenAiJson.mapper())
			.errorDecoder(new ErrorResponseDecoder(OpenAiJson.mapper(), new RetryAfterParser()))
			.rateLimitTracker(rateLimitTracker)
			.retry(retry.getIfAvailable(OpenAiRetry::none))
			.callOutcomes(callOutcomes)
			.callObserver(callObserver.getIfAvailable(() -> OpenAiCallObserver.NONE))
			.rateLimiter(rateLimiter.getIfAvailable(RateLimiter::unlimited))
			.tokenEstimator(tokenEstimator.getIfAvailable(() -> (request) -> 0))
			.routing(OpenAiClientFactory.routing(properties))
			.accounts(factory.accounts(properties, "openai", metrics.getIfAvailable()))
			.apiKeyHeader(properties.getProvider() == OpenAiClientProperties.Provider.AZURE)
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ChatClient openAiChatClient(OpenAiPipeline pipeline, OpenAiProperties properties, BeanFactory beanFactory) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		return (pool != null) ? pool.chat() : OpenAiClientFactory.chatClient(pipeline, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ResponsesClient openAiResponsesClient(OpenAiPipeline pipeline, OpenAiProperties properties,
			BeanFactory beanFactory) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		return (pool != null) ? pool.responses() : OpenAiClientFactory.responsesClient(pipeline, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnClass(name = "reactor.netty.http.client.HttpClient")
	RealtimeClient openAiRealtimeClient(OpenAiPipeline pipeline, OpenAiProperties properties, BeanFactory beanFactory,
			OpenAiClientFactory factory, RateLimitTracker rateLimitTracker,
			ObjectProvider<OpenAiCallObserver> callObserver, ObjectProvider<RateLimiter> rateLimiter) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		if (pool != null) {
			return pool.realtime();
		}
		RealtimeClient client = factory.realtimeClient(properties, "openai", pipeline,
				callObserver.getIfAvailable(() -> OpenAiCallObserver.NONE), rateLimitTracker,
				rateLimiter.getIfAvailable(RateLimiter::unlimited));
		if (client == null) {
			throw new IllegalStateException("The Realtime API client needs Reactor Netty");
		}
		return client;
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddingClient openAiEmbeddingClient(OpenAiPipeline pipeline, OpenAiProperties properties,
			BeanFactory beanFactory) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		return (pool != null) ? pool.embedding() : OpenAiClientFactory.embeddingClient(pipeline, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ImageClient openAiImageClient(OpenAiPipeline pipeline, OpenAiProperties properties, BeanFactory beanFactory) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		return (pool != null) ? pool.image() : OpenAiClientFactory.imageClient(pipeline, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	ModelsClient openAiModelsClient(OpenAiPipeline pipeline) {
		return new DefaultModelsClient(pipeline);
	}

	@Bean
	@ConditionalOnMissingBean
	FineTuningClient openAiFineTuningClient(OpenAiPipeline pipeline, OpenAiProperties properties) {
		// the root account's, even with a default pool: jobs belong to one account
		return OpenAiClientFactory.fineTuningClient(pipeline, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	AudioClient openAiAudioClient(OpenAiPipeline pipeline, OpenAiProperties properties, BeanFactory beanFactory) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		return (pool != null) ? pool.audio() : OpenAiClientFactory.audioClient(pipeline, properties);
	}

	@Bean
	@ConditionalOnMissingBean
	BatchClient openAiBatchClient(OpenAiPipeline pipeline, OpenAiProperties properties,
			ObjectProvider<TokenEstimator> tokenEstimator) {
		return OpenAiClientFactory.batchClient(pipeline, properties,
				tokenEstimator.getIfAvailable(TokenCounter::new));
	}

	@Bean
	@ConditionalOnMissingBean
	ModerationClient openAiModerationClient(OpenAiPipeline pipeline, OpenAiProperties properties,
			BeanFactory beanFactory) {
		OpenAiNamedClient pool = defaultPool(properties, beanFactory);
		return (pool != null) ? pool.moderation() : OpenAiClientFactory.moderationClient(pipeline, properties);
	}

	// the root account's own, even under a default pool: files belong to one account
	@Bean
	@ConditionalOnMissingBean
	FilesClient openAiFilesClient(OpenAiPipeline pipeline) {
		return new DefaultFilesClient(pipeline);
	}

	@Bean
	OpenAiRootClient openAiRootClient(OpenAiProperties properties, OpenAiPipeline pipeline,
			RateLimitTracker rateLimitTracker, OpenAiCallOutcomes callOutcomes, ObjectProvider<RateLimiter> rateLimiter,
			ObjectProvider<TokenEstimator> tokenEstimator) {
		Map<Class<?>, Object> clients = new LinkedHashMap<>(OpenAiClientFactory.clients(pipeline, properties));
		clients.putAll(OpenAiClientFactory.accountClients(pipeline, properties,
				tokenEstimator.getIfAvailable(TokenCounter::new)));
		return new OpenAiRootClient(properties, pipeline, rateLimitTracker, callOutcomes,
				rateLimiter.getIfAvailable(RateLimiter::unlimited), clients);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiClients openAiClients(OpenAiRootClient root, OpenAiProperties properties, ListableBeanFactory beanFactory,
			ObjectProvider<ChatClient> chat, ObjectProvider<ResponsesClient> responses,
			ObjectProvider<EmbeddingClient> embedding, ObjectProvider<ImageClient> image,
			ObjectProvider<ModelsClient> models, ObjectProvider<AudioClient> audio,
			ObjectProvider<ModerationClient> moderation, ObjectProvider<FilesClient> files,
			ObjectProvider<FineTuningClient> fineTuning, ObjectProvider<BatchClient> batch,
			ObjectProvider<RealtimeClient> realtime) {
		Map<String, Map<Class<?>, Object>> clients = new LinkedHashMap<>();
		Map<Class<?>, Object> rootClients = new LinkedHashMap<>(root.client().clients());
		if (properties.getDefaultPool() == null) {
			// the beans, so that one an application defines itself is the one it gets
			chat.ifUnique((client) -> rootClients.put(ChatClient.class, client));
			responses.ifUnique((client) -> rootClients.put(ResponsesClient.class, client));
			embedding.ifUnique((client) -> rootClients.put(EmbeddingClient.class, client));
			image.ifUnique((client) -> rootClients.put(ImageClient.class, client));
			audio.ifUnique((client) -> rootClients.put(AudioClient.class, client));
			moderation.ifUnique((client) -> rootClients.put(ModerationClient.class, client));
		}
		files.ifUnique((client) -> rootClients.put(FilesClient.class, client));
		models.ifUnique((client) -> rootClients.put(ModelsClient.class, client));
		fineTuning.ifUnique((client) -> rootClients.put(FineTuningClient.class, client));
		batch.ifUnique((client) -> rootClients.put(BatchClient.class, client));
		realtime.ifUnique((client) -> rootClients.put(RealtimeClient.class, client));
		clients.put(OpenAiProperties.DEFAULT_CLIENT, rootClients);
		beanFactory.getBeansOfType(OpenAiNamedClient.class)
			.values()
			.forEach((named) -> clients.put(named.name(), named.clients()));
		return new MapOpenAiClients(clients);
	}

	private static @Nullable OpenAiNamedClient defaultPool(OpenAiProperties properties, BeanFactory beanFactory) {
		String pool = properties.getDefaultPool();
		return (pool != null)
				? beanFactory.getBean(OpenAiNamedClientsRegistrar.beanName(pool), OpenAiNamedClient.class) : null;
	}

	/**
	 * Retry of failed calls, unless {@code openai.retry.enabled} is {@code false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "openai.retry.enabled", matchIfMissing = true)
	static class RetryConfiguration {

		@Bean
		@ConditionalOnMissingBean(RetryPolicy.class)
		OpenAiRetryPolicy openAiRetryPolicy(OpenAiProperties properties) {
			return OpenAiClientFactory.retryPolicy(properties.getRetry());
		}

		@Bean
		@ConditionalOnMissingBean
		OpenAiRetry openAiRetry(RetryPolicy retryPolicy, OpenAiProperties properties,
				ObjectProvider<OpenAiRetryListener> listeners) {
			OpenAiRetry.Builder builder = OpenAiRetry.builder(retryPolicy)
				.maxServerDelay(properties.getRetry().getMaxServerDelay());
			listeners.orderedStream().forEach(builder::listener);
			return builder.build();
		}

	}

	/**
	 * Counts retries in Micrometer when it is on the classpath and a
	 * {@link MeterRegistry} bean exists.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "openai.retry.enabled", matchIfMissing = true)
	static class RetryMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OpenAiRetryMetrics openAiRetryMetrics(ObjectProvider<MeterRegistry> meterRegistry,
				OpenAiProperties properties) {
			// Looked up at each retry, so that the registry need not exist before the clients.
			return new OpenAiRetryMetrics(meterRegistry::getIfUnique, properties.getClientName());
		}

	}

}
