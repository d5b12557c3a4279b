package io.github.openaiboot.batch;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Requests submitted as one or more batches (more when they exceed a batch's lines,
 * bytes or enqueued tokens), and their outcomes once the batches end.
 *
 * @param <T> the type of each answer
 * @author openai-spring-boot
 */
public interface BatchSubmission<T> {

	/**
	 * Return the batches created so far, in the order of the requests they hold. Batches
	 * that wait for room under the enqueued-token limit are created by
	 * {@link #results()} as the batches before them end, so this list grows as the
	 * results are read.
	 * @return the batches
	 */
	List<Batch> batches();

	/**
	 * Poll the batches until they end, then read their output and error files: the
	 * outcome of every submitted request, in the order submitted. Batches still waiting
	 * for room under the enqueued-token limit are created as the ones before them end,
	 * and a batch that failed with {@code token_limit_exceeded} is created again once
	 * there is room. A request without a
	 * line in either file (its batch failed, expired or was cancelled before it ran) has
	 * an error saying so. Each subscription polls and reads again; answers are recorded
	 * in the token and cost meters (operation {@code batch}, at the batch price) by the
	 * first.
	 * @return the outcomes
	 */
	Flux<BatchResult<T>> results();

	/**
	 * Cancel the batches that have not ended; those still waiting for room are never
	 * created, and their requests' results say so.
	 * @return the batches, cancelling
	 */
	Mono<List<Batch>> cancel();

}
