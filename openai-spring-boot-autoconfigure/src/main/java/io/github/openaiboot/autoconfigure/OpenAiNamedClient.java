package io.github.openaiboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.pool.MapOpenAiClients;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.pool.OpenAiPool;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.responses.ResponsesClient;
import org.jspecify.annotations.Nullable;

/**
 * What the auto-configuration builds for one {@code openai.clients.<name>} or
 * {@code openai.pools.<name>}: its own pipeline (or pool), pacing, rate-limit tracking,
 * outcomes for health, and the clients over it.
 *
 * @author openai-spring-boot
 */
public final class OpenAiNamedClient {

	private final String name;

	private final @Nullable OpenAiClientProperties properties;

	private final OpenAiTransport transport;

	private final RateLimitTracker rateLimitTracker;

	private final OpenAiCallOutcomes callOutcomes;

	private final RateLimiter rateLimiter;

	private final Map<Class<?>, Object> clients;

	OpenAiNamedClient(String name, @Nullable OpenAiClientProperties properties, OpenAiTransport transport,
			RateLimitTracker rateLimitTracker, OpenAiCallOutcomes callOutcomes, RateLimiter rateLimiter,
			Map<Class<?>, Object> clients) {
		this.name = name;
		this.properties = properties;
		this.transport = transport;
		this.rateLimitTracker = rateLimitTracker;
		this.callOutcomes = callOutcomes;
		this.rateLimiter = rateLimiter;
		this.clients = Map.copyOf(new LinkedHashMap<>(clients));
	}

	/**
	 * Return the name of the client or pool.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the effective settings of a client, root values inherited.
	 * @return the settings, or {@code null} for a pool
	 */
	public @Nullable OpenAiClientProperties properties() {
		return this.properties;
	}

	/**
	 * Return the pipeline of a client, or the pool.
	 * @return the transport every call goes through
	 */
	public OpenAiTransport transport() {
		return this.transport;
	}

	/**
	 * Return the pipeline of a client.
	 * @return the pipeline, or {@code null} for a pool
	 */
	public @Nullable OpenAiPipeline pipeline() {
		return (this.transport instanceof OpenAiPipeline pipeline) ? pipeline : null;
	}

	/**
	 * Return the pool.
	 * @return the pool, or {@code null} for a client
	 */
	public @Nullable OpenAiPool pool() {
		return (this.transport instanceof OpenAiPool pool) ? pool : null;
	}

	/**
	 * Return the latest rate-limit headers of the client.
	 * @return the tracker
	 */
	public RateLimitTracker rateLimitTracker() {
		return this.rateLimitTracker;
	}

	/**
	 * Return how the client's calls ended.
	 * @return the outcomes
	 */
	public OpenAiCallOutcomes callOutcomes() {
		return this.callOutcomes;
	}

	/**
	 * Return the client's pacer.
	 * @return the rate limiter
	 */
	public RateLimiter rateLimiter() {
		return this.rateLimiter;
	}

	/**
	 * Return the chat client.
	 * @return the client
	 */
	public ChatClient chat() {
		return client(ChatClient.class);
	}

	/**
	 * Return the Responses API client.
	 * @return the client
	 */
	public ResponsesClient responses() {
		return client(ResponsesClient.class);
	}

	/**
	 * Return the Realtime API client.
	 * @return the client, or {@code null} without Reactor Netty
	 * @since 0.1.0
	 */
	public RealtimeClient realtime() {
		return client(RealtimeClient.class);
	}

	/**
	 * Return the embedding client.
	 * @return the client
	 */
	public EmbeddingClient embedding() {
		return client(EmbeddingClient.class);
	}

	/**
	 * Return the image client.
	 * @return the client
	 */
	public ImageClient image() {
		return client(ImageClient.class);
	}

	/**
	 * Return the models client.
	 * @return the client
	 */
	public ModelsClient models() {
		return client(ModelsClient.class);
	}

	/**
	 * Return the fine-tuning client of a client.
	 * @return the client
	 * @throws IllegalStateException for a pool, naming its members
	 */
	public FineTuningClient fineTuning() {
		return client(FineTuningClient.class);
	}

	/**
	 * Return the Batch API client of a client.
	 * @return the client
	 * @throws IllegalStateException for a pool, naming its members
	 */
	public BatchClient batch() {
		return client(BatchClient.class);
	}

	/**
	 * Return the audio client.
	 * @return the client
	 */
	public AudioClient audio() {
		return client(AudioClient.class);
	}

	/**
	 * Return the moderation client.
	 * @return the client
	 */
	public ModerationClient moderation() {
		return client(ModerationClient.class);
	}

	/**
	 * Return the files client: a client's own; a pool has none, files belonging to one
	 * account.
	 * @return the client
	 * @throws IllegalStateException for a pool, naming its members
	 */
	public FilesClient files() {
		return client(FilesClient.class);
	}

	/**
	 * Return the clients by type.
	 * @return the clients
	 */
	public Map<Class<?>, Object> clients() {
		return this.clients;
	}

	private <T> T client(Class<T> type) {
		Object client = this.clients.get(type);
		if (client instanceof MapOpenAiClients.Unavailable unavailable) {
			throw new IllegalStateException(unavailable.reason());
		}
		return type.cast(client);
	}

	@Override
	public String toString() {
		return "OpenAiNamedClient[" + this.name + "]";
	}

}
