package io.github.openaiboot.autoconfigure;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.audio.AudioDefaults;
import io.github.openaiboot.audio.DefaultAudioClient;
import io.github.openaiboot.audio.SpeechStreamFormat;
import io.github.openaiboot.azure.AzureRequestRouting;
import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.batch.BatchSettings;
import io.github.openaiboot.batch.DefaultBatchClient;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatDefaults;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.core.CachingOpenAiCredentials;
import io.github.openaiboot.core.ErrorResponseDecoder;
import io.github.openaiboot.core.OpenAiAccount;
import io.github.openaiboot.core.OpenAiAccountResolver;
import io.github.openaiboot.core.OpenAiAccounts;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.OpenAiCredentials;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.core.RequestRouting;
import io.github.openaiboot.embedding.DefaultEmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingDefaults;
import io.github.openaiboot.file.DefaultFilesClient;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.finetuning.DefaultFineTuningClient;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.finetuning.FollowSettings;
import io.github.openaiboot.image.DefaultImageClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageDefaults;
import io.github.openaiboot.model.DefaultModelsClient;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.moderation.DefaultModerationClient;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.pool.MapOpenAiClients;
import io.github.openaiboot.pool.OpenAiPool;
import io.github.openaiboot.pool.PoolListener;
import io.github.openaiboot.pool.PoolMember;
import io.github.openaiboot.ratelimit.BucketStore;
import io.github.openaiboot.ratelimit.LocalBucketStore;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenCounter;
import io.github.openaiboot.ratelimit.TokenEstimator;
import io.github.openaiboot.realtime.DefaultRealtimeClient;
import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.realtime.RealtimeEndpoint;
import io.github.openaiboot.responses.DefaultResponsesClient;
import io.github.openaiboot.responses.ResponseDefaults;
import io.github.openaiboot.responses.ResponsesClient;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import io.github.openaiboot.retry.RetryAfterParser;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.TokenPrice;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds what each OpenAI client has of its own (WebClient, pacer, retry, observation,
 * pricing, pipeline, clients) from its properties and what the application shares
 * (Boot's WebClient builder and connector, the token estimator, the Redis bucket store,
 * the observation and meter registries). The root client's beans are built by the same
 * methods, so that a named client behaves exactly as the root one would with the same
 * settings.
 *
 * @author openai-spring-boot
 */
final class OpenAiClientFactory {

	private static final String AZURE_IDENTITY = "com.azure.identity.DefaultAzureCredentialBuilder";

	private static final String REACTOR_NETTY = "reactor.netty.http.client.HttpClient";

	// set by the WebSocket handshake itself
	private static final Set<String> HANDSHAKE_OWN_HEADERS = Set.of("host", "content-length",
			"content-type", "connection", "upgrade", "accept-encoding", "transfer-encoding");

	private final ListableBeanFactory beanFactory;

	private final Environment environment;

	// the first base URL of a client whose first connection builds Reactor Netty's default TLS
	private final AtomicReference<@Nullable URI> defaultTlsEndpoint = new AtomicReference<>();

	OpenAiClientFactory(ListableBeanFactory beanFactory, Environment environment) {
		this.beanFactory = beanFactory;
		this.environment = environment;
	}

	/**
	 * Bind the effective settings of a named client: the root {@code openai.*} values,
	 * then those of {@code openai.clients.<name>} over them. An Azure OpenAI client does
	 * not inherit the root API key, base URL, organization or project, which belong to
	 * another service.
	 * @param environment the environment
	 * @param name the client name
	 * @return the validated settings
	 */
	static OpenAiClientProperties bind(Environment environment, String name) {
		Binder binder = Binder.get(environment);
		String prefix = prefix(name);
		OpenAiClientProperties own = binder.bind(prefix, OpenAiClientProperties.class)
			.orElseGet(OpenAiClientProperties::new);
		OpenAiClientProperties properties = new OpenAiClientProperties();
		binder.bind("openai", Bindable.ofInstance(properties));
		if (own.getProvider() == OpenAiClientProperties.Provider.AZURE) {
			properties.setApiKey(null);
			properties.setOrganization(null);
			properties.setProject(null);
		}
		binder.bind(prefix, Bindable.ofInstance(properties));
		properties.setClientName(name);
		properties.validate(prefix);
		return properties;
	}

	static String prefix(String name) {
		return "openai.clients." + name;
	}

	/**
	 * Build a named client.
	 * @param name the name
	 * @return its parts
	 */
	OpenAiNamedClient client(String name) {
		OpenAiClientProperties properties = bind(this.environment, name);
		String prefix = prefix(name);
		OpenAiClientMetrics metrics = this.beanFactory.getBeanProvider(OpenAiClientMetrics.class).getIfAvailable();
		RateLimitTracker tracker = new RateLimitTracker();
		OpenAiCallOutcomes outcomes = new OpenAiCallOutcomes(clock());
		PricingTable pricing = pricingTable(properties, prefix);
		RateLimiter rateLimiter = properties.getRateLimit().isEnabled() ? pacer(properties, prefix, metrics)
				: RateLimiter.unlimited();
		OpenAiCallObserver observer = observer(name, pricing);
		OpenAiPipeline pipeline = OpenAiPipeline.builder(webClient(properties, prefix))
			.jsonMapper(OpenAiJson.mapper())
			.errorDecoder(new ErrorResponseDecoder(OpenAiJson.mapper(), new RetryAfterParser()))
			.rateLimitTracker(tracker)
			.retry(retry(properties, name, metrics))
			.callOutcomes(outcomes)
			.callObserver(observer)
			.rateLimiter(rateLimiter)
			.tokenEstimator(tokenEstimator())
			.routing(routing(properties))
			.accounts(accounts(properties, prefix, metrics))
			.apiKeyHeader(properties.getProvider() == OpenAiClientProperties.Provider.AZURE)
			.build();
		if (metrics != null) {
			metrics.rateLimits(name, tracker);
		}
		Map<Class<?>, Object> clients = new LinkedHashMap<>(clients(pipeline, properties));
		clients.putAll(accountClients(pipeline, properties, batchTokenEstimator()));
		RealtimeClient realtime = realtimeClient(properties, prefix, pipeline, observer, tracker, rateLimiter);
		if (realtime != null) {
			clients.put(RealtimeClient.class, realtime);
		}
		return new OpenAiNamedClient(name, properties, pipeline, tracker, outcomes, rateLimiter, clients);
	}

	/**
	 * Build a pool over named clients already built.
	 * @param name the pool name
	 * @param pool its settings
	 * @param members its members, in the order listed
	 * @param root the root settings, whose retry and request defaults the pool uses
	 * @return its parts
	 */
	OpenAiNamedClient pool(String name, OpenAiProperties.Pool pool, List<OpenAiNamedClient> members,
			OpenAiClientProperties root) {
		OpenAiClientMetrics metrics = this.beanFactory.getBeanProvider(OpenAiClientMetrics.class).getIfAvailable();
		List<PoolMember> poolMembers = new ArrayList<>();
		for (OpenAiNamedClient member : members) {
			OpenAiPipeline pipeline = member.pipeline();
			if (pipeline == null) {
				throw new IllegalStateException("Pool member " + member.name() + " is not a client");
			}
			ModelsClient models = new DefaultModelsClient(pipeline);
			poolMembers.add(new PoolMember(member.name(), pipeline, member.rateLimiter(), member.rateLimitTracker(),
					() -> models.list().take(1).then()));
		}
		OpenAiCallOutcomes outcomes = new OpenAiCallOutcomes(clock());
		OpenAiPool transport = OpenAiPool.builder(name, poolMembers)
			.strategy(pool.getStrategy())
			.probeInterval(pool.getProbeInterval())
			.retry(retry(root, name, metrics))
			.callObserver(observer(name, pricingTable(root, "openai")))
			.listener((metrics != null) ? metrics.failovers() : PoolListener.NONE)
			.clock(clock())
			.build();
		Map<Class<?>, Object> clients = new LinkedHashMap<>(clients(transport, root));
		List<String> memberNames = members.stream().map(OpenAiNamedClient::name).toList();
		// jobs and batches belong to the account that made them: a pool must not fail over
		clients.put(FineTuningClient.class,
				new MapOpenAiClients.Unavailable("Fine-tuning jobs belong to one account, and '" + name
						+ "' is a pool (of " + memberNames + "): use the FineTuningClient of one of its members"));
		clients.put(BatchClient.class, new MapOpenAiClients.Unavailable("Batches belong to one account, and '" + name
				+ "' is a pool (of " + memberNames + "): use the BatchClient of one of its members"));
		Map<String, DefaultRealtimeClient> realtimeMembers = new LinkedHashMap<>();
		for (OpenAiNamedClient member : members) {
			if (member.clients().get(RealtimeClient.class) instanceof DefaultRealtimeClient realtime) {
				realtimeMembers.put(member.name(), realtime);
			}
		}
		if (realtimeMembers.size() == members.size()) {
			// a session is pinned to the member a call of its model would go to first, or to the
			// next after a handshake refused as a call would be (out of credit, key refused, rate limited)
			clients.put(RealtimeClient.class, new DefaultRealtimeClient(
					(model) -> realtimeMembers.get(transport.route(model).get(0).name()).endpoint(model),
					(model, open) -> transport.pinned(model,
							(member) -> open.apply(realtimeMembers.get(member.name()).endpoint(model))),
					transport, root.getRealtime().getModel(), root.getRealtime().isBeta()));
		}
		return new OpenAiNamedClient(name, null, transport, new RateLimitTracker(), outcomes, RateLimiter.unlimited(),
				clients);
	}

	/**
	 * Build the Realtime API client of a client, when Reactor Netty is on the class path:
	 * its WebSocket handshake carries the headers the client's WebClient sends (API key
	 * or bearer token, organization, project, custom headers and those of the
	 * customizers' filters), over a Reactor Netty client with the same connect timeout
	 * and SSL settings.
	 * @param properties the client's settings
	 * @param prefix the prefix of its properties, for error messages
	 * @param transport the transport of its HTTP calls
	 * @param observer its observation stage
	 * @param tracker where its headroom is kept
	 * @param rateLimiter its pacer
	 * @return the client, or {@code null} without Reactor Netty
	 */
	@Nullable RealtimeClient realtimeClient(OpenAiClientProperties properties, String prefix, OpenAiTransport transport,
			OpenAiCallObserver observer, RateLimitTracker tracker, RateLimiter rateLimiter) {
		if (!ClassUtils.isPresent(REACTOR_NETTY, classLoader())) {
			return null;
		}
		// the realtime client's own, for the handshake's headers
		SingletonSupplier<WebClient> webClient = SingletonSupplier.of(webClient(properties, prefix));
		boolean beta = properties.getRealtime().isBeta();
		HttpClientSettings settings = this.beanFactory.getBeanProvider(HttpClientSettings.class)
			.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), null);
		RealtimeEndpoint endpoint = new RealtimeEndpoint(properties.getClientName(),
				(model) -> realtimeUrl(properties, model), (url) -> handshakeHeaders(webClient.obtain(), url, beta),
				RealtimeWebSockets.client(settings), observer, tracker, rateLimiter, beta);
		return new DefaultRealtimeClient(endpoint, transport, properties.getRealtime().getModel());
	}

	/**
	 * The WebSocket URL of a model's sessions: {@code openai.realtime.url}, or the base
	 * URL's {@code /realtime} with a WebSocket scheme, or for Azure OpenAI the endpoint's
	 * {@code /openai/v1/realtime} with the model's deployment.
	 */
	static URI realtimeUrl(OpenAiClientProperties properties, String model) {
		boolean azure = properties.getProvider() == OpenAiClientProperties.Provider.AZURE;
		String name = azure ? properties.getDeployments().getOrDefault(model, model) : model;
		String url = properties.getRealtime().getUrl();
		if (!StringUtils.hasText(url)) {
			String base = baseUrl(properties) + (azure ? "/openai/v1/realtime" : "/realtime");
			url = base.startsWith("https:") ? "wss:" + base.substring(6)
					: base.startsWith("http:") ? "ws:" + base.substring(5) : base;
		}
		return URI.create(stripTrailingSlash(url) + (url.contains("?") ? "&" : "?") + "model="
				+ URLEncoder.encode(name, StandardCharsets.UTF_8));
	}

	/**
	 * The headers the client's WebClient would send to a URL, filters included, read by
	 * running its filters over an exchange that sends nothing.
	 */
	static Mono<HttpHeaders> handshakeHeaders(WebClient webClient, URI url, boolean beta) {
		return Mono.defer(() -> {
			AtomicReference<ClientRequest> sent = new AtomicReference<>();
			WebClient capturing = webClient.mutate()
				.observationRegistry(ObservationRegistry.NOOP)
				.exchangeFunction((request) -> {
					sent.set(request);
					return Mono.just(ClientResponse.create(HttpStatus.NO_CONTENT).build());
				})
				.build();
			return capturing.get().uri(url).retrieve().toBodilessEntity().then(Mono.fromSupplier(() -> {
				HttpHeaders headers = new HttpHeaders();
				sent.get().headers().forEach((header, values) -> {
					if (!HANDSHAKE_OWN_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
						headers.addAll(header, values);
					}
				});
				if (beta) {
					headers.set("OpenAI-Beta", "realtime=v1");
				}
				return headers;
			}));
		});
	}

	private TokenEstimator tokenEstimator() {
		return this.beanFactory.getBeanProvider(TokenEstimator.class).getIfAvailable(() -> (request) -> 0);
	}

	// batches are split and held under the enqueued-token limit by their tokens, so never estimate none
	private TokenEstimator batchTokenEstimator() {
		return this.beanFactory.getBeanProvider(TokenEstimator.class).getIfAvailable(TokenCounter::new);
	}

	private ClassLoader classLoader() {
		return (this.beanFactory instanceof ConfigurableBeanFactory configurable
				&& configurable.getBeanClassLoader() != null) ? configurable.getBeanClassLoader()
						: OpenAiClientFactory.class.getClassLoader();
	}

	/**
	 * The accounts of a client whose calls an {@link OpenAiAccountResolver} bean gives an
	 * account each, paced each on its own (in the organization's scope when the account
	 * names one, else in the scope of its hashed id).
	 * @param properties the client's settings
	 * @param prefix the prefix of its properties, for error messages
	 * @param metrics the meters, if any
	 * @return the accounts, or {@code null} without a resolver
	 */
	@Nullable OpenAiAccounts accounts(OpenAiClientProperties properties, String prefix,
			@Nullable OpenAiClientMetrics metrics) {
		OpenAiAccountResolver resolver = this.beanFactory.getBeanProvider(OpenAiAccountResolver.class)
			.getIfAvailable();
		if (resolver == null) {
			return null;
		}
		BucketStore store = this.beanFactory.getBeanProvider(BucketStore.class).getIfAvailable();
		Function<OpenAiAccount, RateLimiter> rateLimiters = (account) -> properties.getRateLimit().isEnabled()
				? pacerBuilder(properties, prefix, store,
						(account.organization() != null) ? account.organization() : account.id())
					.build()
				: RateLimiter.unlimited();
		return new OpenAiAccounts(resolver, rateLimiters,
				tokenEstimator(),
				properties.getMaxAccounts(),
				(metrics != null) ? metrics.accounts(properties.getClientName()) : OpenAiAccounts.Listener.NONE);
	}

	private boolean httpClientObservations() {
		OpenAiProperties root = this.beanFactory.getBeanProvider(OpenAiProperties.class).getIfAvailable();
		return root != null && root.isHttpClientObservations();
	}

	private Clock clock() {
		return this.beanFactory.getBeanProvider(Clock.class).getIfAvailable(Clock::systemUTC);
	}

	static Map<Class<?>, Object> clients(OpenAiTransport transport, OpenAiClientProperties properties) {
		Map<Class<?>, Object> clients = new LinkedHashMap<>();
		clients.put(ChatClient.class, chatClient(transport, properties));
		clients.put(ResponsesClient.class, responsesClient(transport, properties));
		clients.put(EmbeddingClient.class, embeddingClient(transport, properties));
		clients.put(ImageClient.class, imageClient(transport, properties));
		clients.put(ModelsClient.class, new DefaultModelsClient(transport));
		clients.put(AudioClient.class, audioClient(transport, properties));
		clients.put(ModerationClient.class, moderationClient(transport, properties));
		if (transport instanceof OpenAiPool pool) {
			// files belong to the account that uploaded them: a pool must not fail over
			clients.put(FilesClient.class, new MapOpenAiClients.Unavailable("Files belong to one account, and '"
					+ pool.name() + "' is a pool (of " + pool.members().stream().map(PoolMember::name).toList()
					+ "): use the FilesClient of one of its members"));
		}
		else {
			clients.put(FilesClient.class, new DefaultFilesClient(transport));
		}
		return clients;
	}

	/**
	 * The clients of what belongs to one account, fine-tuning jobs and batches, made for
	 * a client and never for a pool.
	 * @param pipeline the client's pipeline
	 * @param properties the client's settings
	 * @param tokenEstimator what estimates the tokens of batched requests
	 * @return the clients by type
	 */
	static Map<Class<?>, Object> accountClients(OpenAiPipeline pipeline, OpenAiClientProperties properties,
			TokenEstimator tokenEstimator) {
		Map<Class<?>, Object> clients = new LinkedHashMap<>();
		clients.put(FineTuningClient.class, fineTuningClient(pipeline, properties));
		clients.put(BatchClient.class, batchClient(pipeline, properties, tokenEstimator));
		return clients;
	}

	static DefaultFineTuningClient fineTuningClient(OpenAiPipeline pipeline, OpenAiClientProperties properties) {
		OpenAiClientProperties.FineTuning fineTuning = properties.getFineTuning();
		return new DefaultFineTuningClient(pipeline, new FollowSettings(fineTuning.getPollInterval(),
				fineTuning.getMaxPollInterval(), fineTuning.getMaxPollFailures()));
	}

	static DefaultBatchClient batchClient(OpenAiPipeline pipeline, OpenAiClientProperties properties,
			TokenEstimator tokenEstimator) {
		OpenAiClientProperties.Batch batch = properties.getBatch();
		return new DefaultBatchClient(pipeline, new DefaultFilesClient(pipeline),
				chatClient(pipeline, properties)::requestBody, embeddingClient(pipeline, properties)::requestBody,
				tokenEstimator, new BatchSettings(batch.getMaxLines(), batch.getMaxFileSize().toBytes(),
						batch.getMaxEnqueuedTokens(), batch.getPollInterval()));
	}

	static DefaultAudioClient audioClient(OpenAiTransport transport, OpenAiClientProperties properties) {
		OpenAiClientProperties.Audio audio = properties.getAudio();
		SpeechStreamFormat streamFormat = audio.getSpeechStreamFormat();
		if (streamFormat == SpeechStreamFormat.AUTO
				&& properties.getProvider() == OpenAiClientProperties.Provider.AZURE) {
			// Azure's documentation does not say that its speech streams events: ask for the bytes
			streamFormat = SpeechStreamFormat.AUDIO;
		}
		return new DefaultAudioClient(transport,
				new AudioDefaults(audio.getModel(), audio.getSpeechModel(), audio.getVoice(), streamFormat));
	}

	static DefaultModerationClient moderationClient(OpenAiTransport transport, OpenAiClientProperties properties) {
		return new DefaultModerationClient(transport, properties.getModeration().getModel());
	}

	static DefaultChatClient chatClient(OpenAiTransport transport, OpenAiClientProperties properties) {
		OpenAiClientProperties.Chat chat = properties.getChat();
		return new DefaultChatClient(transport, new ChatDefaults(chat.getModel(), chat.getTemperature(),
				chat.getTopP(), chat.getMaxCompletionTokens(), chat.isIncludeUsage()));
	}

	static DefaultResponsesClient responsesClient(OpenAiTransport transport, OpenAiClientProperties properties) {
		OpenAiClientProperties.Responses responses = properties.getResponses();
		return new DefaultResponsesClient(transport,
				new ResponseDefaults(responses.getModel(), responses.getTemperature(), responses.getMaxOutputTokens(),
						responses.getReasoningEffort(), responses.getStore(), responses.getServiceTier()));
	}

	static DefaultEmbeddingClient embeddingClient(OpenAiTransport transport, OpenAiClientProperties properties) {
		OpenAiClientProperties.Embedding embedding = properties.getEmbedding();
		return new DefaultEmbeddingClient(transport,
				new EmbeddingDefaults(embedding.getModel(), embedding.getDimensions(), embedding.getEncodingFormat()),
				embedding.getConcurrency(), embedding.getMaxTokensPerCall());
	}

	static DefaultImageClient imageClient(OpenAiTransport transport, OpenAiClientProperties properties) {
		OpenAiClientProperties.Image image = properties.getImage();
		return new DefaultImageClient(transport,
				new ImageDefaults(image.getModel(), image.getSize(), image.getQuality(), image.getResponseFormat()));
	}

	/**
	 * Prepare the WebClient of a client: Boot's builder, connector and timeouts, the
	 * client's base URL, authentication and headers, then the customizers. What can be
	 * wrong with the settings (no API key, no credentials) fails here, at start-up; the
	 * client itself, whose connector starts the HTTP library, is built each time the
	 * returned supplier is called, which its user does once (the pipeline by the warm-up
	 * after start-up, or by its first call).
	 * @param properties the client's settings
	 * @param prefix the prefix of its properties, for error messages
	 * @return what builds the WebClient
	 */
	Supplier<WebClient> webClient(OpenAiClientProperties properties, String prefix) {
		ObjectProvider<HttpClientSettings> settingsProvider = this.beanFactory
			.getBeanProvider(HttpClientSettings.class);
		HttpClientSettings settings = settingsProvider.getIfAvailable(HttpClientSettings::defaults)
			.withTimeouts(properties.getConnectTimeout(), properties.getResponseTimeout());
		ClassLoader classLoader = (this.beanFactory instanceof ConfigurableBeanFactory configurable
				&& configurable.getBeanClassLoader() != null) ? configurable.getBeanClassLoader()
						: OpenAiClientFactory.class.getClassLoader();
		ClientHttpConnectorBuilder<?> connectorBuilder = this.beanFactory
			.getBeanProvider(ClientHttpConnectorBuilder.class)
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(classLoader));
		String apiKey = StringUtils.hasText(properties.getApiKey()) ? properties.getApiKey().strip() : null;
		OpenAiCredentials credentials = (apiKey != null) ? null : credentials(properties, classLoader);
		if (apiKey == null && credentials == null) {
			throw new OpenAiApiKeyMissingException(prefix);
		}
		String baseUrl = baseUrl(properties);
		if (settings.sslBundle() == null && connectorBuilder instanceof ReactorClientHttpConnectorBuilder
				&& baseUrl.regionMatches(true, 0, "https:", 0, 6)) {
			this.defaultTlsEndpoint.compareAndSet(null, URI.create(baseUrl));
		}
		boolean httpClientObservations = httpClientObservations();
		List<OpenAiWebClientCustomizer> customizers = this.beanFactory
			.getBeanProvider(OpenAiWebClientCustomizer.class)
			.orderedStream()
			.toList();
		return () -> {
			WebClient.Builder builder = this.beanFactory.getBean(WebClient.Builder.class)
				.clone()
				.baseUrl(baseUrl)
				.clientConnector(connectorBuilder.build(settings))
				.codecs((codecs) -> {
					codecs.defaultCodecs()
						.maxInMemorySize(
								(int) Math.min(Integer.MAX_VALUE, properties.getMaxResponseSize().toBytes()));
					// spring.http.codecs.log-request-details would log the Authorization header in full at TRACE
					codecs.defaultCodecs().enableLoggingRequestDetails(false);
				})
				.defaultHeaders((headers) -> applyHeaders(headers, apiKey, properties));
			if (!httpClientObservations) {
				// a no-op registry makes Spring skip the observation's context, not only its meters
				builder.observationRegistry(ObservationRegistry.NOOP);
			}
			if (credentials != null) {
				OpenAiCredentials cached = (credentials instanceof CachingOpenAiCredentials) ? credentials
						: new CachingOpenAiCredentials(credentials, java.time.Duration.ofMinutes(5), clock());
				builder.filter((request, next) -> cached.token()
					.flatMap((token) -> next.exchange(ClientRequest.from(request)
						.headers((headers) -> headers.setBearerAuth(token.token()))
						.build())));
			}
			customizers.forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		};
	}

	/**
	 * Build what the first connection over TLS of a client without an SSL bundle would
	 * otherwise build: Reactor Netty's default client SSL contexts, and a first handshake
	 * message written into memory ({@link ReactorNettyTls}). Nothing is sent.
	 * @return the endpoint it was done for, or {@code null} when no client connects over
	 * TLS with Reactor Netty's defaults
	 * @throws UncheckedIOException if the SSL engine fails
	 */
	@Nullable URI warmUpTls() {
		URI endpoint = this.defaultTlsEndpoint.get();
		if (endpoint == null) {
			return null;
		}
		try {
			ReactorNettyTls.warmUp(endpoint);
		}
		catch (SSLException ex) {
			throw new UncheckedIOException(ex);
		}
		return endpoint;
	}

	/**
	 * The bearer tokens of a client without an API key: an {@link OpenAiCredentials}
	 * bean, or for Azure OpenAI, Microsoft Entra ID tokens from
	 * {@code DefaultAzureCredential} when azure-identity is on the class path.
	 */
	private @Nullable OpenAiCredentials credentials(OpenAiClientProperties properties, ClassLoader classLoader) {
		OpenAiCredentials credentials = this.beanFactory.getBeanProvider(OpenAiCredentials.class).getIfAvailable();
		if (credentials != null || properties.getProvider() != OpenAiClientProperties.Provider.AZURE
				|| !ClassUtils.isPresent(AZURE_IDENTITY, classLoader)) {
			return credentials;
		}
		return AzureIdentity.credentials(properties.getEntraScope());
	}

	static String baseUrl(OpenAiClientProperties properties) {
		String url = (properties.getProvider() == OpenAiClientProperties.Provider.AZURE)
				? azureEndpoint(properties.getEndpoint()) : properties.getBaseUrl();
		return stripTrailingSlash(url);
	}

	private static String azureEndpoint(@Nullable String endpoint) {
		String url = stripTrailingSlash((endpoint != null) ? endpoint : "");
		// the routing adds /openai/v1 or /openai/deployments/…
		for (String suffix : new String[] { "/openai/v1", "/openai" }) {
			if (url.endsWith(suffix)) {
				return url.substring(0, url.length() - suffix.length());
			}
		}
		return url;
	}

	static RequestRouting routing(OpenAiClientProperties properties) {
		if (properties.getProvider() != OpenAiClientProperties.Provider.AZURE) {
			return RequestRouting.IDENTITY;
		}
		return new AzureRequestRouting(properties.getApiMode(), properties.getDeployments(),
				properties.getApiVersion(), OpenAiJson.mapper());
	}

	static void applyHeaders(HttpHeaders headers, @Nullable String apiKey, OpenAiClientProperties properties) {
		if (apiKey != null) {
			if (properties.getProvider() == OpenAiClientProperties.Provider.AZURE) {
				headers.set("api-key", apiKey);
			}
			else {
				headers.setBearerAuth(apiKey);
			}
		}
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

	/**
	 * The pacer's scope: the organization whose limits it shares (through Redis, with
	 * every client and instance of that organization), the Azure resource, or else the
	 * client's own name.
	 */
	static String pacerScope(OpenAiClientProperties properties, String fallback) {
		if (properties.getProvider() == OpenAiClientProperties.Provider.AZURE) {
			return "azure:" + URI.create(baseUrl(properties)).getHost();
		}
		return StringUtils.hasText(properties.getOrganization()) ? properties.getOrganization() : fallback;
	}

	private TokenBucketPacer pacer(OpenAiClientProperties properties, String prefix,
			@Nullable OpenAiClientMetrics metrics) {
		BucketStore store = this.beanFactory.getBeanProvider(BucketStore.class).getIfAvailable();
		TokenBucketPacer.Builder builder = pacerBuilder(properties, prefix, store,
				pacerScope(properties, properties.getClientName()));
		Consumer<TokenBucketPacer> bind = (metrics != null) ? metrics.pacer(properties.getClientName(), builder)
				: (pacer) -> {
				};
		this.beanFactory.getBeanProvider(TokenBucketPacerBuilderCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(builder));
		TokenBucketPacer pacer = builder.build();
		bind.accept(pacer);
		return pacer;
	}

	/**
	 * Start the pacer of a client from its rate-limit settings.
	 * @param properties the client's settings
	 * @param prefix the prefix of its properties, for error messages
	 * @param store the shared store, if any
	 * @param scope the scope of its buckets
	 * @return the builder
	 */
	static TokenBucketPacer.Builder pacerBuilder(OpenAiClientProperties properties, String prefix,
			@Nullable BucketStore store, String scope) {
		OpenAiClientProperties.RateLimit rateLimit = properties.getRateLimit();
		if (store == null && rateLimit.getStore() == OpenAiClientProperties.RateLimit.Store.REDIS) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.store", "redis",
					"Sharing limits through Redis needs com.bucket4j:bucket4j_jdk17-lettuce and "
							+ "io.lettuce:lettuce-core on the class path, and openai.rate-limit.store=redis.");
		}
		TokenBucketPacer.Builder builder = TokenBucketPacer.builder()
			.store((store != null && rateLimit.getStore() == OpenAiClientProperties.RateLimit.Store.REDIS) ? store
					: new LocalBucketStore())
			.maxWait(rateLimit.getMaxWait())
			.burst(rateLimit.getBurst())
			.margin(rateLimit.getMargin())
			.adaptive(rateLimit.isAdaptive())
			.scope(scope)
			.defaultLimits(orZero(rateLimit.getRequestsPerMinute()), orZero(rateLimit.getTokensPerMinute()))
			.failOpen(rateLimit.getRedis()
				.getFailureMode() == OpenAiClientProperties.RateLimit.Redis.FailureMode.FAIL_OPEN);
		for (Map.Entry<String, OpenAiClientProperties.RateLimit.ModelLimits> model : rateLimit.getModels()
			.entrySet()) {
			Long requests = model.getValue().getRequestsPerMinute();
			Long tokens = model.getValue().getTokensPerMinute();
			builder.limits(model.getKey(), (requests != null) ? requests : orZero(rateLimit.getRequestsPerMinute()),
					(tokens != null) ? tokens : orZero(rateLimit.getTokensPerMinute()));
		}
		return builder;
	}

	private static long orZero(@Nullable Long value) {
		return (value != null) ? value : 0;
	}

	private OpenAiRetry retry(OpenAiClientProperties properties, String name, @Nullable OpenAiClientMetrics metrics) {
		if (!properties.getRetry().isEnabled()) {
			return OpenAiRetry.none();
		}
		OpenAiRetry.Builder builder = OpenAiRetry.builder(retryPolicy(properties.getRetry()))
			.maxServerDelay(properties.getRetry().getMaxServerDelay());
		this.beanFactory.getBeanProvider(OpenAiRetryListener.class)
			.orderedStream()
			// the root client's counter is tagged with its name; this client gets its own
			.filter((listener) -> !(listener instanceof OpenAiRetryMetrics))
			.forEach(builder::listener);
		if (metrics != null) {
			builder.listener(metrics.retries(name));
		}
		return builder.build();
	}

	static OpenAiRetryPolicy retryPolicy(OpenAiClientProperties.Retry retry) {
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

	private OpenAiCallObserver observer(String name, PricingTable pricing) {
		OpenAiCallObserverFactory factory = this.beanFactory.getBeanProvider(OpenAiCallObserverFactory.class)
			.getIfAvailable();
		return (factory != null) ? factory.create(name, pricing) : OpenAiCallObserver.NONE;
	}

	/**
	 * The built-in prices with a client's overrides.
	 * @param properties the client's settings
	 * @param prefix the prefix of its properties, for error messages
	 * @return the prices
	 */
	static PricingTable pricingTable(OpenAiClientProperties properties, String prefix) {
		PricingTable builtIn = PricingTable.builtIn();
		Map<String, TokenPrice> overrides = new LinkedHashMap<>();
		Map<String, TokenPrice> audio = new LinkedHashMap<>();
		properties.getPricing().getModels().forEach((model, price) -> {
			TokenPrice tokenPrice = tokenPrice(builtIn, model, price, prefix);
			overrides.put(model, tokenPrice);
			if (price.getAudioInput() != null || price.getAudioOutput() != null) {
				BigDecimal audioInput = (price.getAudioInput() != null) ? price.getAudioInput() : tokenPrice.input();
				BigDecimal audioOutput = (price.getAudioOutput() != null) ? price.getAudioOutput()
						: tokenPrice.output();
				audio.put(model, new TokenPrice(audioInput, audioInput, audioOutput));
			}
		});
		PricingTable table = builtIn.withTokenPrices(overrides);
		return audio.isEmpty() ? table : table.withAudioPrices(audio);
	}

	private static TokenPrice tokenPrice(PricingTable builtIn, String model, OpenAiClientProperties.ModelPrice price,
			String prefix) {
		TokenPrice base = builtIn.tokenPrice(model).orElse(null);
		BigDecimal input = (price.getInput() != null) ? price.getInput() : (base != null) ? base.input() : null;
		if (input == null) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".pricing.models[" + model + "].input",
					null, "Must be set for a model without a built-in price.");
		}
		BigDecimal cachedInput = (price.getCachedInput() != null) ? price.getCachedInput()
				: (base != null && price.getInput() == null) ? base.cachedInput() : input;
		BigDecimal output = (price.getOutput() != null) ? price.getOutput()
				: (base != null) ? base.output() : BigDecimal.ZERO;
		return new TokenPrice(input, cachedInput, output);
	}

	/**
	 * Kept apart so that the factory loads without azure-identity.
	 */
	private static final class AzureIdentity {

		private static volatile com.azure.core.credential.@Nullable TokenCredential credential;

		static OpenAiCredentials credentials(String scope) {
			com.azure.core.credential.TokenCredential shared = credential;
			if (shared == null) {
				shared = new com.azure.identity.DefaultAzureCredentialBuilder().build();
				credential = shared;
			}
			return new io.github.openaiboot.azure.AzureIdentityOpenAiCredentials(shared, scope);
		}

	}

}
