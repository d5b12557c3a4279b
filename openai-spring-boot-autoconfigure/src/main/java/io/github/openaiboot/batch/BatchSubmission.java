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
	 * Return the batches, as they were created, in the order of the requests they hold.
	 * @return the batches
	 */
	List<Batch> batches();

	/**
	 * Poll the batches until they end, then read their output and error files: the
	 * outcome of every submitted request, in the order submitted. A request without a
	 * line in either file (its batch failed, expired or was cancelled before it ran) has
	 * an error saying so. Each subscription polls and reads again; answers are recorded
	 * in the token and cost meters (operation {@code batch}, at the batch price) by the
	 * first.
	 * @return the outcomes
	 */
	Flux<BatchResult<T>> results();

	/**
	 * Cancel the batches that have not ended.
	 * @return the batches, cancelling
	 */
	Mono<List<Batch>> cancel();

}
