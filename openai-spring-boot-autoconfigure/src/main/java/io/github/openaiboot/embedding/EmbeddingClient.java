package io.github.openaiboot.embedding;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI embeddings.
 *
 * @author openai-spring-boot
 */
public interface EmbeddingClient {

	/**
	 * Embed the request's texts. Requests of more than
	 * {@value EmbeddingRequest#MAX_INPUTS_PER_CALL} texts, or of more tokens than one call
	 * may carry, are sent in several calls, several in flight at once, and the vectors
	 * returned in input order, with the usage summed. For a large corpus prefer
	 * {@link #embedAll(Flux)}, which does not hold every vector in memory.
	 * @param request the request
	 * @return the vectors
	 */
	Mono<EmbeddingResponse> embed(EmbeddingRequest request);

	/**
	 * Embed one text with the default model.
	 * @param text the text
	 * @return its vector
	 */
	Mono<float[]> embed(String text);

	/**
	 * Embed a stream of texts of any length, such as the chunks of a document index,
	 * with the default model. See {@link #embedAll(Flux, EmbedAllOptions)}.
	 * @param texts the texts
	 * @return one vector per text, in input order
	 * @since 0.2.0
	 */
	default Flux<Embedding> embedAll(Flux<String> texts) {
		return embedAll(texts, EmbedAllOptions.defaults());
	}

	/**
	 * Embed a list of texts of any length with the default model. See
	 * {@link #embedAll(Flux, EmbedAllOptions)}.
	 * @param texts the texts
	 * @return one vector per text, in input order
	 * @since 0.2.0
	 */
	default Flux<Embedding> embedAll(List<String> texts) {
		return embedAll(Flux.fromIterable(texts), EmbedAllOptions.defaults());
	}

	/**
	 * Embed a stream of texts of any length. The texts are sent in calls of at most
	 * {@value EmbeddingRequest#MAX_INPUTS_PER_CALL} texts and of at most the options'
	 * (or {@code openai.embedding.max-tokens-per-call}'s) tokens, several calls in flight
	 * at once ({@code openai.embedding.concurrency}), each held by the pacer until the
	 * organization's limits allow it and retried on its own. The texts are read only as
	 * fast as the calls complete.
	 * <p>
	 * Each {@link Embedding#index() index} is the text's position in the stream, and
	 * vectors are emitted in that order, so the number received so far is the progress.
	 * When a call fails for good, every vector before its first text has been emitted
	 * and the returned {@code Flux} ends with the call's typed exception: resume from the
	 * number of vectors received. An empty text fails the stream with an
	 * {@link IllegalArgumentException} naming its index, before it is sent.
	 * @param texts the texts
	 * @param options the model and how to send the calls
	 * @return one vector per text, in input order
	 * @since 0.2.0
	 */
	Flux<Embedding> embedAll(Flux<String> texts, EmbedAllOptions options);

}
