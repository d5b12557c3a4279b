package io.github.openaiboot.pool;

import java.util.Set;

import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.responses.ResponsesClient;

/**
 * The OpenAI clients of an application by name: {@code default} (the root
 * {@code openai.*} properties), each {@code openai.clients.<name>} and each
 * {@code openai.pools.<name>}.
 *
 * @author openai-spring-boot
 */
public interface OpenAiClients {

	/**
	 * Return the chat client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default ChatClient chat(String name) {
		return client(name, ChatClient.class);
	}

	/**
	 * Return the Responses API client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default ResponsesClient responses(String name) {
		return client(name, ResponsesClient.class);
	}

	/**
	 * Return the Realtime API client of a named client or pool; a pool's sessions are
	 * each pinned to one member.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 * @since 0.1.0
	 */
	default RealtimeClient realtime(String name) {
		return client(name, RealtimeClient.class);
	}

	/**
	 * Return the embedding client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default EmbeddingClient embedding(String name) {
		return client(name, EmbeddingClient.class);
	}

	/**
	 * Return the audio client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default AudioClient audio(String name) {
		return client(name, AudioClient.class);
	}

	/**
	 * Return the moderation client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default ModerationClient moderation(String name) {
		return client(name, ModerationClient.class);
	}

	/**
	 * Return the files client of a named client. Files belong to one account, so a pool
	 * has none.
	 * @param name the name of a client
	 * @return the client
	 * @throws IllegalArgumentException when no client has that name, or it is a pool
	 * (the message names the pool's members)
	 */
	default FilesClient files(String name) {
		return client(name, FilesClient.class);
	}

	/**
	 * Return the image client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default ImageClient image(String name) {
		return client(name, ImageClient.class);
	}

	/**
	 * Return the models client of a named client or pool.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name
	 */
	default ModelsClient models(String name) {
		return client(name, ModelsClient.class);
	}

	/**
	 * Return the fine-tuning client of a named client. Fine-tuning jobs belong to one
	 * account, so a pool has none.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client has that name, or it is a pool
	 */
	default FineTuningClient fineTuning(String name) {
		return client(name, FineTuningClient.class);
	}

	/**
	 * Return the Batch API client of a named client. Batches and their files belong to
	 * one account, so a pool has none.
	 * @param name the name
	 * @return the client
	 * @throws IllegalArgumentException when no client has that name, or it is a pool
	 */
	default BatchClient batch(String name) {
		return client(name, BatchClient.class);
	}

	/**
	 * Return a client of a named client or pool by its type.
	 * @param <T> the type of client
	 * @param name the name
	 * @param type the type of client, such as {@link ChatClient}
	 * @return the client
	 * @throws IllegalArgumentException when no client or pool has that name, or it has
	 * no client of that type
	 */
	<T> T client(String name, Class<T> type);

	/**
	 * Return the names of the clients and pools, {@code default} first.
	 * @return the names
	 */
	Set<String> names();

}
