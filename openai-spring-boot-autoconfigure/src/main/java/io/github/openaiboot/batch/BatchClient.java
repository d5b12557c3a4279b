package io.github.openaiboot.batch;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI's Batch API ({@code /v1/batches}): requests answered
 * within 24 hours at half price, under an enqueued-token limit of their own rather than
 * the per-minute ones. Batches and their files belong to one account: this client is
 * made per named client, never for a pool.
 *
 * @author openai-spring-boot
 */
public interface BatchClient {

	/**
	 * Create a batch from an input file uploaded with purpose {@code batch}.
	 * @param request the request
	 * @return the batch, usually {@code validating}
	 */
	Mono<Batch> create(BatchRequest request);

	/**
	 * Retrieve a batch.
	 * @param batchId the batch's id
	 * @return the batch
	 */
	Mono<Batch> retrieve(String batchId);

	/**
	 * List the organization's batches, newest first, fetching further pages only as they
	 * are consumed.
	 * @return the batches
	 */
	Flux<Batch> list();

	/**
	 * Cancel a batch.
	 * @param batchId the batch's id
	 * @return the batch, cancelling
	 */
	Mono<Batch> cancel(String batchId);

	/**
	 * Submit chat completions as batches: writes each request as the chat client would
	 * send it (defaults filled) to a JSONL input file, uploads it and creates the batch,
	 * splitting the requests into several batches where they exceed a batch's lines,
	 * bytes or estimated enqueued tokens.
	 * @param requests the requests
	 * @return the submission, once every batch is created
	 */
	Mono<BatchSubmission<ChatCompletion>> submit(Flux<ChatRequest> requests);

	/**
	 * Submit embedding requests as batches, as {@link #submit(Flux)} does chat
	 * completions.
	 * @param requests the requests
	 * @return the submission, once every batch is created
	 */
	Mono<BatchSubmission<EmbeddingResponse>> submitEmbeddings(Flux<EmbeddingRequest> requests);

}
