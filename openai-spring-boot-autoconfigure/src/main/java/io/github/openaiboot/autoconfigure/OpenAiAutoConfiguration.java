package io.github.openaiboot.autoconfigure;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatDefaults;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.core.ErrorResponseDecoder;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.embedding.DefaultEmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingDefaults;
import io.github.openaiboot.image.DefaultImageClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageDefaults;
import io.github.openaiboot.model.DefaultModelsClient;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenEstimator;
import io.github.openaiboot.retry.RetryAfterParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.TokenPrice;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for the reactive OpenAI clients.
 *
 * @author openai-spring-boot
 */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@ConditionalOnClass({ WebClient.class, ClientHttpConnectorBuilder.class })
@EnableConfigurationProperties(OpenAiProperties.class)
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
		PricingTable builtIn = PricingTable.builtIn();
		Map<String, TokenPrice> overrides = new LinkedHashMap<>();
		properties.getPricing().getModels().forEach((model, price) -> overrides.put(model, tokenPrice(builtIn, model, price)));
		return builtIn.withTokenPrices(overrides);
	}

	@Bean
	@ConditionalOnMissingBean
	OpenAiPipeline openAiPipeline(OpenAiProperties properties, WebClient.Builder webClientBuilder,
			ResourceLoader resourceLoader, ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings,
			ObjectProvider<OpenAiWebClientCustomizer> customizers, RateLimitTracker rateLimitTracker,
			ObjectProvider<OpenAiRetry> retry,
			OpenAiCallOutcomes callOutcomes, ObjectProvider<OpenAiCallObserver> callObserver,
			ObjectProvider<RateLimiter> rateLimiter, ObjectProvider<TokenEstimator> tokenEstimator) {
		String apiKey = properties.getApiKey();
		if (!StringUtils.hasText(apiKey)) {
			throw new OpenAiApiKeyMissingException();
		}
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout());
		WebClient.Builder builder = webClientBuilder.clone()
			.baseUrl(stripTrailingSlash(properties.getBaseUrl()))
			.clientConnector(connectorBuilder
				.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()))
				.build(settings))
			.codecs((codecs) -> codecs.defaultCodecs()
				.maxInMemorySize((int) Math.min(Integer.MAX_VALUE, properties.getMaxResponseSize().toBytes())))
			.defaultHeaders((headers) -> applyHeaders(headers, apiKey.strip(), properties));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return OpenAiPipeline.builder(builder.build())
			.jsonMapper(OpenAiJson.mapper())
			.errorDecoder(new ErrorResponseDecoder(OpenAiJson.mapper(), new RetryAfterParser()))
			.rateLimitTracker(rateLimitTracker)
			.retry(retry.getIfAvailable(OpenAiRetry::none))
			.callOutcomes(callOutcomes)
			.callObserver(callObserver.getIfAvailable(() -> OpenAiCallObserver.NONE))
			.rateLimiter(rateLimiter.getIfAvailable(RateLimiter::unlimited))
			.tokenEstimator(tokenEstimator.getIfAvailable(() -> (request) -> 0))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	ChatClient openAiChatClient(OpenAiPipeline pipeline, OpenAiProperties properties) {
		OpenAiProperties.Chat chat = properties.getChat();
		return new DefaultChatClient(pipeline, new ChatDefaults(chat.getModel(), chat.getTemperature(),
				chat.getTopP(), chat.getMaxCompletionTokens(), chat.isIncludeUsage()));
	}

	@Bean
	@ConditionalOnMissingBean
	EmbeddingClient openAiEmbeddingClient(OpenAiPipeline pipeline, OpenAiProperties properties) {
		OpenAiProperties.Embedding embedding = properties.getEmbedding();
		return new DefaultEmbeddingClient(pipeline, new EmbeddingDefaults(embedding.getModel(),
				embedding.getDimensions(), embedding.getEncodingFormat()));
	}

	@Bean
	@ConditionalOnMissingBean
	ImageClient openAiImageClient(OpenAiPipeline pipeline, OpenAiProperties properties) {
		OpenAiProperties.Image image = properties.getImage();
		return new DefaultImageClient(pipeline,
				new ImageDefaults(image.getModel(), image.getSize(), image.getQuality(), image.getResponseFormat()));
	}

	@Bean
	@ConditionalOnMissingBean
	ModelsClient openAiModelsClient(OpenAiPipeline pipeline) {
		return new DefaultModelsClient(pipeline);
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
			OpenAiProperties.Retry retry = properties.getRetry();
			return OpenAiRetryPolicy.builder()
				.maxAttempts(retry.getMaxAttempts())
				.initialBackoff(retry.getInitialBackoff())
				.multiplier(retry.getMultiplier())
				.maxBackoff(retry.getMaxBackoff())
				.jitter(retry.getJitter())
				.timeout(retry.getDeadline())
				.retryOn(retry.getRetryOn())
				.neverRetryOn(retry.getNeverRetryOn())
				.build();
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

	private static TokenPrice tokenPrice(PricingTable builtIn, String model, OpenAiProperties.ModelPrice price) {
		TokenPrice base = builtIn.tokenPrice(model).orElse(null);
		BigDecimal input = (price.getInput() != null) ? price.getInput() : (base != null) ? base.input() : null;
		if (input == null) {
			throw new InvalidConfigurationPropertyValueException("openai.pricing.models[" + model + "].input", null,
					"Must be set for a model without a built-in price.");
		}
		BigDecimal cachedInput = (price.getCachedInput() != null) ? price.getCachedInput()
				: (base != null && price.getInput() == null) ? base.cachedInput() : input;
		BigDecimal output = (price.getOutput() != null) ? price.getOutput()
				: (base != null) ? base.output() : BigDecimal.ZERO;
		return new TokenPrice(input, cachedInput, output);
	}

	private static void applyHeaders(HttpHeaders headers, String apiKey, OpenAiProperties properties) {
		headers.setBearerAuth(apiKey);
		if (StringUtils.hasText(properties.getOrganization())) {
			headers.set("OpenAI-Organization", properties.getOrganization());
		}
		if (StringUtils.hasText(properties.getProject())) {
			headers.set("OpenAI-Project", properties.getProject());
		}
		for (Map.Entry<String, String> header : properties.getHeaders().entrySet()) {
			headers.set(header.getKey(), header.getValue());
		}
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
