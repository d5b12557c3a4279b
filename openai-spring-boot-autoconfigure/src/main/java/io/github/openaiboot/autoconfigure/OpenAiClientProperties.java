package io.github.openaiboot.autoconfigure;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.github.openaiboot.audio.SpeechStreamFormat;
import io.github.openaiboot.azure.AzureApiMode;
import io.github.openaiboot.embedding.EncodingFormat;
import io.github.openaiboot.error.ApiKeyRedactor;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Settings of one OpenAI client: where it connects, how it authenticates, its request
 * defaults, retry, pacing, pricing and health. The root {@code openai.*} properties are
 * the client named {@code default}; each {@code openai.clients.<name>.*} is another, that
 * inherits every root value it does not set.
 *
 * @author openai-spring-boot
 */
public class OpenAiClientProperties {

	/**
	 * OpenAI API key. Falls back to the OPENAI_API_KEY environment variable.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the OpenAI API, or of a compatible gateway. Falls back to the
	 * OPENAI_BASE_URL environment variable.
	 */
	private String baseUrl = "https://api.openai.com/v1";

	/**
	 * Organization ID sent as the OpenAI-Organization header. Falls back to the
	 * OPENAI_ORG_ID environment variable.
	 */
	private @Nullable String organization;

	/**
	 * Project ID sent as the OpenAI-Project header. Falls back to the
	 * OPENAI_PROJECT_ID environment variable.
	 */
	private @Nullable String project;

	/**
	 * Additional headers sent with every request.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Maximum time to establish a connection.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Maximum time without data while waiting for or reading a response, per attempt.
	 * For streams this bounds the wait for the first chunk and between chunks.
	 */
	private Duration responseTimeout = Duration.ofMinutes(10);

	/**
	 * Maximum size of a response held in memory, such as base64 images or large
	 * embedding batches.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(64);

	/**
	 * Name of this client in metrics, observations and health (the openai.client tag),
	 * to tell several OpenAI clients apart.
	 */
	private String clientName = "default";

	/**
	 * Which service this client talks to: OpenAI itself (or a compatible gateway), or
	 * Azure OpenAI.
	 */
	private Provider provider = Provider.OPENAI;

	/**
	 * Azure OpenAI resource endpoint, such as https://my-resource.openai.azure.com.
	 */
	private @Nullable String endpoint;

	/**
	 * Azure OpenAI deployment names by model name; a model without an entry is sent as
	 * the deployment of the same name.
	 */
	private Map<String, String> deployments = new LinkedHashMap<>();

	/**
	 * Azure OpenAI API shape: v1 (paths under /openai/v1, the deployment sent as the
	 * model) or legacy (paths under /openai/deployments/{deployment}, with an
	 * api-version query parameter).
	 */
	private AzureApiMode apiMode = AzureApiMode.V1;

	/**
	 * Azure OpenAI api-version query parameter, required by the legacy API mode and
	 * optional for v1.
	 */
	private @Nullable String apiVersion;

	/**
	 * Scope of the Microsoft Entra ID tokens requested for Azure OpenAI when no API key
	 * is set.
	 */
	private String entraScope = "https://ai.azure.com/.default";

	/**
	 * Maximum number of accounts an OpenAiAccountResolver resolved that are kept, each with
	 * its own pacer, health and meters; the least recently used is forgotten past it.
	 */
	private int maxAccounts = 1000;

	private final Chat chat = new Chat();

	private final Responses responses = new Responses();

	private final Realtime realtime = new Realtime();

	private final Embedding embedding = new Embedding();

	private final Image image = new Image();

	private final FineTuning fineTuning = new FineTuning();

	private final Batch batch = new Batch();

	private final Audio audio = new Audio();

	private final Moderation moderation = new Moderation();

	private final Retry retry = new Retry();

	private final RateLimit rateLimit = new RateLimit();
	private final Pricing pricing = new Pricing();

	private final Health health = new Health();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public @Nullable String getOrganization() {
		return this.organization;
	}

	public void setOrganization(@Nullable String organization) {
		this.organization = organization;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	public String getClientName() {
		return this.clientName;
	}

	public void setClientName(String clientName) {
		this.clientName = clientName;
	}

	public int getMaxAccounts() {
		return this.maxAccounts;
	}

	public void setMaxAccounts(int maxAccounts) {
		this.maxAccounts = maxAccounts;
	}

	public Provider getProvider() {
		return this.provider;
	}

	public void setProvider(Provider provider) {
		this.provider = provider;
	}

	public @Nullable String getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable String endpoint) {
		this.endpoint = endpoint;
	}

	public Map<String, String> getDeployments() {
		return this.deployments;
	}

	public void setDeployments(Map<String, String> deployments) {
		this.deployments = deployments;
	}

	public AzureApiMode getApiMode() {
		return this.apiMode;
	}

	public void setApiMode(AzureApiMode apiMode) {
		this.apiMode = apiMode;
	}

	public @Nullable String getApiVersion() {
		return this.apiVersion;
	}

	public void setApiVersion(@Nullable String apiVersion) {
		this.apiVersion = apiVersion;
	}

	public String getEntraScope() {
		return this.entraScope;
	}

	public void setEntraScope(String entraScope) {
		this.entraScope = entraScope;
	}

	public Chat getChat() {
		return this.chat;
	}

	public Responses getResponses() {
		return this.responses;
	}

	public Realtime getRealtime() {
		return this.realtime;
	}

	public Embedding getEmbedding() {
		return this.embedding;
	}

	public Image getImage() {
		return this.image;
	}

	public FineTuning getFineTuning() {
		return this.fineTuning;
	}

	public Batch getBatch() {
		return this.batch;
	}

	public Audio getAudio() {
		return this.audio;
	}

	public Moderation getModeration() {
		return this.moderation;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Pricing getPricing() {
		return this.pricing;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Check the settings, naming the property of any invalid value.
	 * @param prefix the prefix of this client's properties, such as {@code openai} or
	 * {@code openai.clients.eu}
	 */
	void validate(String prefix) {
		if (this.provider == Provider.AZURE) {
			validateAzure(prefix);
		}
		else {
			validateBaseUrl(prefix);
		}
		requirePositive(prefix + ".connect-timeout", this.connectTimeout);
		requirePositive(prefix + ".response-timeout", this.responseTimeout);
		if (this.maxResponseSize.toBytes() <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-response-size", this.maxResponseSize,
					"Must be positive.");
		}
		this.fineTuning.validate(prefix + ".fine-tuning");
		this.batch.validate(prefix + ".batch");
		Double temperature = this.chat.getTemperature();
		if (temperature != null && (temperature < 0 || temperature > 2)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".chat.temperature", temperature,
					"Must be between 0 and 2.");
		}
		Integer maxTokens = this.chat.getMaxCompletionTokens();
		if (maxTokens != null && maxTokens <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".chat.max-completion-tokens", maxTokens,
					"Must be positive.");
		}
		Double responsesTemperature = this.responses.getTemperature();
		if (responsesTemperature != null && (responsesTemperature < 0 || responsesTemperature > 2)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".responses.temperature",
					responsesTemperature, "Must be between 0 and 2.");
		}
		Integer maxOutputTokens = this.responses.getMaxOutputTokens();
		if (maxOutputTokens != null && maxOutputTokens <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".responses.max-output-tokens",
					maxOutputTokens, "Must be positive.");
		}
		if (this.clientName == null || this.clientName.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".client-name", this.clientName,
					"Must not be blank.");
		}
		if (this.maxAccounts < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-accounts", this.maxAccounts,
					"Must be at least 1.");
		}
		requirePositive(prefix + ".health.cache-ttl", this.health.getCacheTtl());
		requirePositive(prefix + ".health.timeout", this.health.getTimeout());
		this.pricing.getModels().forEach((model, price) -> {
			requireNotNegative(prefix + ".pricing.models[" + model + "].input", price.getInput());
			requireNotNegative(prefix + ".pricing.models[" + model + "].cached-input", price.getCachedInput());
			requireNotNegative(prefix + ".pricing.models[" + model + "].output", price.getOutput());
		});
		if (this.embedding.getConcurrency() <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".embedding.concurrency",
					this.embedding.getConcurrency(), "Must be positive.");
		}
		if (this.embedding.getMaxTokensPerCall() <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".embedding.max-tokens-per-call",
					this.embedding.getMaxTokensPerCall(), "Must be positive.");
		}
		Integer dimensions = this.embedding.getDimensions();
		if (dimensions != null && dimensions <= 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".embedding.dimensions", dimensions,
					"Must be positive.");
		}
		requireText(prefix + ".audio.model", this.audio.getModel());
		requireText(prefix + ".audio.speech-model", this.audio.getSpeechModel());
		requireText(prefix + ".audio.voice", this.audio.getVoice());
		requireText(prefix + ".moderation.model", this.moderation.getModel());
		this.retry.validate(prefix);
		this.rateLimit.validate(prefix);
	}

	private static void requireText(String property, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must not be blank.");
		}
	}

	private void validateAzure(String prefix) {
		if (!StringUtils.hasText(this.endpoint)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".endpoint", this.endpoint,
					"Must be set for provider azure, such as https://my-resource.openai.azure.com.");
		}
		try {
			URI uri = new URI(this.endpoint);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".endpoint", this.endpoint,
						"Must be an absolute https URL, such as https://my-resource.openai.azure.com.");
			}
		}
		catch (java.net.URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".endpoint", this.endpoint,
					"Must be an absolute https URL, such as https://my-resource.openai.azure.com.");
		}
		if (this.apiMode == AzureApiMode.LEGACY && !StringUtils.hasText(this.apiVersion)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".api-version", this.apiVersion,
					"Must be set for api-mode legacy, such as 2024-10-21.");
		}
		this.deployments.forEach((model, deployment) -> {
			if (deployment == null || !deployment.matches("[A-Za-z0-9._-]+")) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".deployments[" + model + "]",
						deployment, "Must be a deployment name: letters, digits, '.', '_' and '-'.");
			}
		});
	}

	private void validateBaseUrl(String prefix) {
		try {
			URI uri = new URI(this.baseUrl);
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".base-url", this.baseUrl,
						"Must be an absolute http or https URL, such as https://api.openai.com/v1.");
			}
		}
		catch (java.net.URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".base-url", this.baseUrl,
					"Must be an absolute http or https URL, such as https://api.openai.com/v1.");
		}
	}

	private static void requirePositive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must be positive.");
		}
	}

	private static void requireNotNegative(String name, @Nullable BigDecimal value) {
		if (value != null && value.signum() < 0) {
			throw new InvalidConfigurationPropertyValueException(name, value, "Must not be negative.");
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[apiKey=" + ((this.apiKey != null) ? ApiKeyRedactor.mask(this.apiKey) : null)
				+ ", baseUrl=" + this.baseUrl + ", organization=" + this.organization + ", project=" + this.project
				+ ", headers=" + this.headers.keySet() + "]";
	}

	/**
	 * Chat defaults.
	 */
	public static class Chat {

		/**
		 * Model used by requests that name none.
		 */
		private String model = "gpt-4o-mini";

		/**
		 * Sampling temperature, between 0 and 2, used by requests that set none.
		 */
		private @Nullable Double temperature;

		/**
		 * Nucleus sampling probability mass used by requests that set none.
		 */
		private @Nullable Double topP;

		/**
		 * Upper bound of generated tokens used by requests that set none.
		 */
		private @Nullable Integer maxCompletionTokens;

		/**
		 * Whether streamed answers end with a chunk that carries the usage of the whole
		 * request.
		 */
		private boolean includeUsage = true;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Double getTopP() {
			return this.topP;
		}

		public void setTopP(@Nullable Double topP) {
			this.topP = topP;
		}

		public @Nullable Integer getMaxCompletionTokens() {
			return this.maxCompletionTokens;
		}

		public void setMaxCompletionTokens(@Nullable Integer maxCompletionTokens) {
			this.maxCompletionTokens = maxCompletionTokens;
		}

		public boolean isIncludeUsage() {
			return this.includeUsage;
		}

		public void setIncludeUsage(boolean includeUsage) {
			this.includeUsage = includeUsage;
		}

	}

	/**
	 * Responses API defaults.
	 */
	public static class Responses {

		/**
		 * Model used by requests that name none.
		 */
		private String model = "gpt-4o-mini";

		/**
		 * Sampling temperature, between 0 and 2, used by requests that set none.
		 */
		private @Nullable Double temperature;

		/**
		 * Upper bound of generated tokens, reasoning included, used by requests that set
		 * none.
		 */
		private @Nullable Integer maxOutputTokens;

		/**
		 * Reasoning effort of reasoning models used by requests that set none, such as
		 * low, medium or high.
		 */
		private @Nullable String reasoningEffort;

		/**
		 * Whether OpenAI stores responses of requests that do not say, so that they can
		 * be continued and retrieved; unset leaves OpenAI's default, which stores them.
		 */
		private @Nullable Boolean store;

		/**
		 * Processing tier used by requests that set none, such as auto, default, flex or
		 * priority.
		 */
		private @Nullable String serviceTier;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable Double getTemperature() {
			return this.temperature;
		}

		public void setTemperature(@Nullable Double temperature) {
			this.temperature = temperature;
		}

		public @Nullable Integer getMaxOutputTokens() {
			return this.maxOutputTokens;
		}

		public void setMaxOutputTokens(@Nullable Integer maxOutputTokens) {
			this.maxOutputTokens = maxOutputTokens;
		}

		public @Nullable String getReasoningEffort() {
			return this.reasoningEffort;
		}

		public void setReasoningEffort(@Nullable String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
		}

		public @Nullable Boolean getStore() {
			return this.store;
		}

		public void setStore(@Nullable Boolean store) {
			this.store = store;
		}

		public @Nullable String getServiceTier() {
			return this.serviceTier;
		}

		public void setServiceTier(@Nullable String serviceTier) {
			this.serviceTier = serviceTier;
		}

	}

	/**
	 * Realtime API defaults.
	 */
	public static class Realtime {

		/**
		 * Model of sessions that name none.
		 */
		private String model = "gpt-realtime";

		/**
		 * WebSocket URL of the Realtime API, such as
		 * wss://api.openai.com/v1/realtime; unset derives it from the base URL (or, for
		 * Azure OpenAI, from the endpoint).
		 */
		private @Nullable String url;

		/**
		 * Whether to speak the beta protocol (OpenAI-Beta: realtime=v1 header, beta
		 * session shape) rather than the generally available one.
		 */
		private boolean beta;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public boolean isBeta() {
			return this.beta;
		}

		public void setBeta(boolean beta) {
			this.beta = beta;
		}

	}

	/**
	 * Embedding defaults.
	 */
	public static class Embedding {

		/**
		 * Model used by requests that name none.
		 */
		private String model = "text-embedding-3-small";

		/**
		 * Number of dimensions of each vector, for models that can shorten them.
		 */
		private @Nullable Integer dimensions;

		/**
		 * How vectors are sent back; base64 is about four times smaller than float.
		 */
		private EncodingFormat encodingFormat = EncodingFormat.BASE64;

		/**
		 * Calls that a request of several batches, or embedAll, keeps in flight at once;
		 * the pacer still holds each one until the organization's limits allow it.
		 */
		private int concurrency = 4;

		/**
		 * Most tokens one call carries, summed over its texts (OpenAI accepts 300,000).
		 * Texts are counted by their UTF-8 bytes, an upper bound of their tokens.
		 */
		private int maxTokensPerCall = 300000;

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getMaxTokensPerCall() {
			return this.maxTokensPerCall;
		}

		public void setMaxTokensPerCall(int maxTokensPerCall) {
			this.maxTokensPerCall = maxTokensPerCall;
		}

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable Integer getDimensions() {
			return this.dimensions;
		}

		public void setDimensions(@Nullable Integer dimensions) {
			this.dimensions = dimensions;
		}

		public EncodingFormat getEncodingFormat() {
			return this.encodingFormat;
		}

		public void setEncodingFormat(EncodingFormat encodingFormat) {
			this.encodingFormat = encodingFormat;
		}

	}

	/**
	 * Image generation defaults.
	 */
	public static class Image {

		/**
		 * Model used by requests that name none.
		 */
		private String model = "dall-e-3";

		/**
		 * Image size used by requests that set none, such as 1024x1024.
		 */
		private @Nullable String size;

		/**
		 * Image quality used by requests that set none, such as standard or hd.
		 */
		private @Nullable String quality;

		/**
		 * Response format used by requests that set none: url or b64_json.
		 */
		private @Nullable String responseFormat;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public @Nullable String getSize() {
			return this.size;
		}

		public void setSize(@Nullable String size) {
			this.size = size;
		}

		public @Nullable String getQuality() {
			return this.quality;
		}

		public void setQuality(@Nullable String quality) {
			this.quality = quality;
		}

		public @Nullable String getResponseFormat() {
			return this.responseFormat;
		}

		public void setResponseFormat(@Nullable String responseFormat) {
			this.responseFormat = responseFormat;
		}

	}

	/**
	 * Following of fine-tuning jobs.
	 */
	public static class FineTuning {

		/**
		 * Pause between polls of a followed job while its events arrive.
		 */
		private Duration pollInterval = Duration.ofSeconds(10);

		/**
		 * Longest pause between polls, reached by doubling the pause while no events
		 * arrive or polls fail.
		 */
		private Duration maxPollInterval = Duration.ofMinutes(1);

		/**
		 * Failed polls in a row after which following a job gives up with the failure.
		 */
		private int maxPollFailures = 10;

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getMaxPollInterval() {
			return this.maxPollInterval;
		}

		public void setMaxPollInterval(Duration maxPollInterval) {
			this.maxPollInterval = maxPollInterval;
		}

		public int getMaxPollFailures() {
			return this.maxPollFailures;
		}

		public void setMaxPollFailures(int maxPollFailures) {
			this.maxPollFailures = maxPollFailures;
		}

		void validate(String prefix) {
			requirePositive(prefix + ".poll-interval", this.pollInterval);
			if (this.maxPollInterval.compareTo(this.pollInterval) < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-poll-interval",
						this.maxPollInterval, "Must not be shorter than " + prefix + ".poll-interval.");
			}
			if (this.maxPollFailures < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-poll-failures",
						this.maxPollFailures, "Must not be negative.");
			}
		}

	}

	/**
	 * Audio defaults: transcription, translation and text to speech.
	 */
	public static class Audio {

		/**
		 * Transcription and translation model used by requests that name none, such as
		 * whisper-1, gpt-4o-transcribe or gpt-4o-mini-transcribe.
		 */
		private String model = "whisper-1";

		/**
		 * Text-to-speech model used by requests that name none, such as tts-1, tts-1-hd
		 * or gpt-4o-mini-tts.
		 */
		private String speechModel = "tts-1";

		/**
		 * Text-to-speech voice used by requests that name none, such as alloy, coral or
		 * nova.
		 */
		private String voice = "alloy";

		/**
		 * How speech is asked for when its request does not say: 'auto' streams the
		 * models priced per token (gpt-4o-mini-tts) as server-sent events, whose last
		 * event reports the tokens used, so that their cost is recorded, and the others
		 * as audio bytes; 'audio' always as bytes; 'sse' always as events.
		 */
		private SpeechStreamFormat speechStreamFormat = SpeechStreamFormat.AUTO;

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

		public String getSpeechModel() {
			return this.speechModel;
		}

		public void setSpeechModel(String speechModel) {
			this.speechModel = speechModel;
		}

		public String getVoice() {
			return this.voice;
		}

		public SpeechStreamFormat getSpeechStreamFormat() {
			return this.speechStreamFormat;
		}

		public void setSpeechStreamFormat(SpeechStreamFormat speechStreamFormat) {
			this.speechStreamFormat = speechStreamFormat;
		}

		public void setVoice(String voice) {
			this.voice = voice;
		}

	}

	/**
	 * Submission of requests as batches of the Batch API.
	 */
	public static class Batch {

		/**
		 * Pause between polls of a batch that has not ended.
		 */
		private Duration pollInterval = Duration.ofMinutes(1);

		/**
		 * Most requests per batch; more are split into several batches.
		 */
		private int maxLines = 50_000;

		/**
		 * Largest input file per batch; larger inputs are split into several batches.
		 */
		private DataSize maxFileSize = DataSize.ofMegabytes(200);

		/**
		 * Most estimated input tokens per batch, to stay under the organization's
		 * enqueued-token limit of the model; larger inputs are split, and a single
		 * request above it is refused. No bound when unset.
		 */
		private @Nullable Long maxEnqueuedTokens;

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public int getMaxLines() {
			return this.maxLines;
		}

		public void setMaxLines(int maxLines) {
			this.maxLines = maxLines;
		}

		public DataSize getMaxFileSize() {
			return this.maxFileSize;
		}

		public void setMaxFileSize(DataSize maxFileSize) {
			this.maxFileSize = maxFileSize;
		}

		public @Nullable Long getMaxEnqueuedTokens() {
			return this.maxEnqueuedTokens;
		}

		public void setMaxEnqueuedTokens(@Nullable Long maxEnqueuedTokens) {
			this.maxEnqueuedTokens = maxEnqueuedTokens;
		}

		void validate(String prefix) {
			requirePositive(prefix + ".poll-interval", this.pollInterval);
			if (this.maxLines < 1 || this.maxLines > 50_000) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-lines", this.maxLines,
						"Must be from 1 to 50000, the most requests OpenAI takes in one batch.");
			}
			if (this.maxFileSize.toBytes() < 1 || this.maxFileSize.toBytes() > DataSize.ofMegabytes(200).toBytes()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-file-size", this.maxFileSize,
						"Must be positive and at most 200MB, the largest batch input file OpenAI takes.");
			}
			if (this.maxEnqueuedTokens != null && this.maxEnqueuedTokens < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".max-enqueued-tokens",
						this.maxEnqueuedTokens, "Must be positive.");
			}
		}

	}

	/**
	 * Moderation defaults.
	 */
	public static class Moderation {

		/**
		 * Moderation model used by requests that name none, such as
		 * omni-moderation-latest.
		 */
		private String model = "omni-moderation-latest";

		public String getModel() {
			return this.model;
		}

		public void setModel(String model) {
			this.model = model;
		}

	}

	/**
	 * Retry of failed calls.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried when the failure is worth it.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of attempts per call, the first one included.
		 */
		private int maxAttempts = 3;

		/**
		 * Delay before the first retry when the server asked for none.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Factor applied to the delay after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Upper bound of a computed delay.
		 */
		private Duration maxBackoff = Duration.ofSeconds(8);

		/**
		 * Random reduction of each computed delay, between 0 and 1, to spread retries.
		 */
		private double jitter = 0.25;

		/**
		 * Longest delay the server may ask for; a call asked to wait longer fails at
		 * once with the hint attached.
		 */
		private Duration maxServerDelay = Duration.ofSeconds(60);

		/**
		 * Time limit of a whole call, retries and waits included, or none when unset.
		 */
		private @Nullable Duration deadline;

		/**
		 * Error kinds to retry in addition to the default ones.
		 */
		private Set<OpenAiErrorKind> retryOn = EnumSet.noneOf(OpenAiErrorKind.class);

		/**
		 * Error kinds never to retry, even if retried by default or listed in retry-on.
		 */
		private Set<OpenAiErrorKind> neverRetryOn = EnumSet.noneOf(OpenAiErrorKind.class);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public double getJitter() {
			return this.jitter;
		}

		public void setJitter(double jitter) {
			this.jitter = jitter;
		}

		public Duration getMaxServerDelay() {
			return this.maxServerDelay;
		}

		public void setMaxServerDelay(Duration maxServerDelay) {
			this.maxServerDelay = maxServerDelay;
		}

		public @Nullable Duration getDeadline() {
			return this.deadline;
		}

		public void setDeadline(@Nullable Duration deadline) {
			this.deadline = deadline;
		}

		public Set<OpenAiErrorKind> getRetryOn() {
			return this.retryOn;
		}

		public void setRetryOn(Set<OpenAiErrorKind> retryOn) {
			this.retryOn = retryOn;
		}

		public Set<OpenAiErrorKind> getNeverRetryOn() {
			return this.neverRetryOn;
		}

		public void setNeverRetryOn(Set<OpenAiErrorKind> neverRetryOn) {
			this.neverRetryOn = neverRetryOn;
		}

		void validate(String prefix) {
			if (this.maxAttempts < 1) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.max-attempts", this.maxAttempts,
						"Must be at least 1 (1 makes a single attempt).");
			}
			if (this.initialBackoff.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.initial-backoff",
						this.initialBackoff, "Must not be negative.");
			}
			if (!(this.multiplier >= 1) || Double.isInfinite(this.multiplier)) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.multiplier", this.multiplier,
						"Must be at least 1 (1 keeps the delay fixed).");
			}
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.max-backoff", this.maxBackoff,
						"Must not be less than openai.retry.initial-backoff (" + this.initialBackoff + ").");
			}
			if (!(this.jitter >= 0 && this.jitter <= 1)) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.jitter", this.jitter,
						"Must be between 0 and 1.");
			}
			if (this.maxServerDelay.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.max-server-delay",
						this.maxServerDelay, "Must not be negative.");
			}
			if (this.deadline != null && (this.deadline.isNegative() || this.deadline.isZero())) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".retry.deadline", this.deadline,
						"Must be positive; leave it unset for no deadline.");
			}
		}

	}

	/**
	 * Prices used for the openai.client.cost metric and for cost reports.
	 */
	public static class Pricing {

		/**
		 * Token prices by model name or family prefix, in US dollars per million tokens,
		 * overriding the built-in list prices. Use brackets for names with dots, such as
		 * openai.pricing.models[gpt-4.1].input.
		 */
		private Map<String, ModelPrice> models = new LinkedHashMap<>();

		public Map<String, ModelPrice> getModels() {
			return this.models;
		}

		public void setModels(Map<String, ModelPrice> models) {
			this.models = models;
		}

	}

	/**
	 * Token prices of one model, in US dollars per million tokens. Prices left unset
	 * are taken from the built-in price of the model's family.
	 */
	public static class ModelPrice {

		/**
		 * Price of a million prompt tokens, in US dollars.
		 */
		private @Nullable BigDecimal input;

		/**
		 * Price of a million prompt tokens served from the prompt cache, in US dollars.
		 */
		private @Nullable BigDecimal cachedInput;

		/**
		 * Price of a million generated tokens, in US dollars.
		 */
		private @Nullable BigDecimal output;

		/**
		 * Price of a million audio input tokens, in US dollars, for models that price
		 * audio apart from text (such as gpt-realtime); unset prices audio as text.
		 */
		private @Nullable BigDecimal audioInput;

		/**
		 * Price of a million audio output tokens, in US dollars, for models that price
		 * audio apart from text; unset with audio-input set means the output price.
		 */
		private @Nullable BigDecimal audioOutput;

		public @Nullable BigDecimal getAudioInput() {
			return this.audioInput;
		}

		public void setAudioInput(@Nullable BigDecimal audioInput) {
			this.audioInput = audioInput;
		}

		public @Nullable BigDecimal getAudioOutput() {
			return this.audioOutput;
		}

		public void setAudioOutput(@Nullable BigDecimal audioOutput) {
			this.audioOutput = audioOutput;
		}

		public @Nullable BigDecimal getInput() {
			return this.input;
		}

		public void setInput(@Nullable BigDecimal input) {
			this.input = input;
		}

		public @Nullable BigDecimal getCachedInput() {
			return this.cachedInput;
		}

		public void setCachedInput(@Nullable BigDecimal cachedInput) {
			this.cachedInput = cachedInput;
		}

		public @Nullable BigDecimal getOutput() {
			return this.output;
		}

		public void setOutput(@Nullable BigDecimal output) {
			this.output = output;
		}

	}

	/**
	 * Health indicator settings.
	 */
	public static class Health {

		/**
		 * How long a probe result, or a successful real call, is trusted before the
		 * health indicator probes GET /models again.
		 */
		private Duration cacheTtl = Duration.ofSeconds(60);

		/**
		 * Maximum time the health probe may take before the indicator reports DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Client-side pacing under the organization's requests and tokens per minute limits.
	 */
	public static class RateLimit {

		/**
		 * Whether to pace requests under the requests and tokens per minute limits. With
		 * no configured limits and adaptive pacing on, the first request of each model
		 * passes unpaced and the limits are learned from the response headers.
		 */
		private boolean enabled = true;

		/**
		 * Requests per minute allowed for models without a limit of their own; none when
		 * unset.
		 */
		private @Nullable Long requestsPerMinute;

		/**
		 * Tokens per minute allowed for models without a limit of their own; none when
		 * unset.
		 */
		private @Nullable Long tokensPerMinute;

		/**
		 * Limits per model, by model name.
		 */
		private Map<String, ModelLimits> models = new LinkedHashMap<>();

		/**
		 * Longest a request may wait for permits; a longer wait fails at once with a
		 * local rate-limit exception.
		 */
		private Duration maxWait = Duration.ofSeconds(30);

		/**
		 * Whether to learn limits and the remaining budget from the x-ratelimit-* response
		 * headers, and to hold requests after a 429 until the server's hinted reset.
		 */
		private boolean adaptive = true;

		/**
		 * Window of a per-minute limit that may be spent at once, such as 1s for a server
		 * enforcing 600 requests per minute as 10 per second; at most 1m. When unset, one
		 * second until the x-ratelimit-* headers tell the server's window, narrowed by the
		 * 429s that still come.
		 */
		private @Nullable Duration burst;

		/**
		 * Share of each per-minute limit left unused, so that requests paced right at the
		 * limit do not meet 429s from a server counting over a sliding window.
		 */
		private double margin = 0.02;

		/**
		 * Completion tokens assumed, for pacing, for chat requests that set no
		 * max-completion-tokens.
		 */
		private int defaultCompletionTokens = 1024;

		/**
		 * Where the buckets are kept: local to this instance, or in Redis, shared by every
		 * instance.
		 */
		private Store store = Store.LOCAL;

		private final Redis redis = new Redis();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Long getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(@Nullable Long requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public @Nullable Long getTokensPerMinute() {
			return this.tokensPerMinute;
		}

		public void setTokensPerMinute(@Nullable Long tokensPerMinute) {
			this.tokensPerMinute = tokensPerMinute;
		}

		public Map<String, ModelLimits> getModels() {
			return this.models;
		}

		public void setModels(Map<String, ModelLimits> models) {
			this.models = models;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

		public boolean isAdaptive() {
			return this.adaptive;
		}

		public void setAdaptive(boolean adaptive) {
			this.adaptive = adaptive;
		}

		public double getMargin() {
			return this.margin;
		}

		public void setMargin(double margin) {
			this.margin = margin;
		}

		public @Nullable Duration getBurst() {
			return this.burst;
		}

		public void setBurst(@Nullable Duration burst) {
			this.burst = burst;
		}

		public int getDefaultCompletionTokens() {
			return this.defaultCompletionTokens;
		}

		public void setDefaultCompletionTokens(int defaultCompletionTokens) {
			this.defaultCompletionTokens = defaultCompletionTokens;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public Redis getRedis() {
			return this.redis;
		}

		void validate(String prefix) {
			requirePositiveIfSet(prefix + ".rate-limit.requests-per-minute", this.requestsPerMinute);
			requirePositiveIfSet(prefix + ".rate-limit.tokens-per-minute", this.tokensPerMinute);
			for (Map.Entry<String, ModelLimits> model : this.models.entrySet()) {
				String modelPrefix = prefix + ".rate-limit.models." + model.getKey();
				requirePositiveIfSet(modelPrefix + ".requests-per-minute", model.getValue().getRequestsPerMinute());
				requirePositiveIfSet(modelPrefix + ".tokens-per-minute", model.getValue().getTokensPerMinute());
			}
			if (this.maxWait.isNegative()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.max-wait", this.maxWait,
						"Must not be negative.");
			}
			if (!(this.margin >= 0 && this.margin < 0.5)) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.margin", this.margin,
						"Must be at least 0 and below 0.5, such as 0.02 for 2 %.");
			}
			if (this.burst != null && (this.burst.isNegative() || this.burst.isZero()
					|| this.burst.compareTo(Duration.ofMinutes(1)) > 0)) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.burst", this.burst,
						"Must be positive and at most 1m: a per-minute limit never allows more than a minute's budget at once.");
			}
			if (this.defaultCompletionTokens < 0) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.default-completion-tokens",
						this.defaultCompletionTokens, "Must not be negative.");
			}
			requirePositive(prefix + ".rate-limit.redis.timeout", this.redis.getTimeout());
			if (!StringUtils.hasText(this.redis.getKeyPrefix())) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".rate-limit.redis.key-prefix",
						this.redis.getKeyPrefix(), "Must not be empty.");
			}
		}

		private static void requirePositiveIfSet(String name, @Nullable Long value) {
			if (value != null && value <= 0) {
				throw new InvalidConfigurationPropertyValueException(name, value, "Must be positive.");
			}
		}

		/**
		 * Where rate-limit buckets are kept.
		 */
		public enum Store {

			/**
			 * In this instance's memory.
			 */
			LOCAL,

			/**
			 * In Redis, shared by every instance.
			 */
			REDIS

		}

		/**
		 * Limits of one model.
		 */
		public static class ModelLimits {

			/**
			 * Requests per minute allowed for the model.
			 */
			private @Nullable Long requestsPerMinute;

			/**
			 * Tokens per minute allowed for the model.
			 */
			private @Nullable Long tokensPerMinute;

			public @Nullable Long getRequestsPerMinute() {
				return this.requestsPerMinute;
			}

			public void setRequestsPerMinute(@Nullable Long requestsPerMinute) {
				this.requestsPerMinute = requestsPerMinute;
			}

			public @Nullable Long getTokensPerMinute() {
				return this.tokensPerMinute;
			}

			public void setTokensPerMinute(@Nullable Long tokensPerMinute) {
				this.tokensPerMinute = tokensPerMinute;
			}

		}

		/**
		 * Buckets shared through Redis.
		 */
		public static class Redis {

			/**
			 * Redis URL, such as redis://localhost:6379, used when the application has no
			 * Spring Data Redis Lettuce connection factory, or to use another server.
			 */
			private @Nullable String url;

			/**
			 * Prefix of the Redis keys of the buckets.
			 */
			private String keyPrefix = "openai:ratelimit:";

			/**
			 * What calls do while Redis is unreachable: pace locally (fail-open) or fail
			 * (fail-closed).
			 */
			private FailureMode failureMode = FailureMode.FAIL_OPEN;

			/**
			 * Longest to wait for Redis to answer.
			 */
			private Duration timeout = Duration.ofSeconds(1);

			public @Nullable String getUrl() {
				return this.url;
			}

			public void setUrl(@Nullable String url) {
				this.url = url;
			}

			public String getKeyPrefix() {
				return this.keyPrefix;
			}

			public void setKeyPrefix(String keyPrefix) {
				this.keyPrefix = keyPrefix;
			}

			public FailureMode getFailureMode() {
				return this.failureMode;
			}

			public void setFailureMode(FailureMode failureMode) {
				this.failureMode = failureMode;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

			/**
			 * What calls do while Redis is unreachable.
			 */
			public enum FailureMode {

				/**
				 * Pace locally, and warn once.
				 */
				FAIL_OPEN,

				/**
				 * Fail the calls with a clear exception.
				 */
				FAIL_CLOSED

			}

		}

	}

	/**
	 * Service an OpenAI client talks to.
	 */
	public enum Provider {

		/**
		 * OpenAI's API, or a gateway compatible with it.
		 */
		OPENAI,

		/**
		 * Azure OpenAI.
		 */
		AZURE

	}

}
