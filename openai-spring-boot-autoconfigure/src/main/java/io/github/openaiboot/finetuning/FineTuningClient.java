package io.github.openaiboot.finetuning;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI's fine-tuning jobs ({@code /v1/fine_tuning/jobs}). Jobs
 * belong to one account: this client is made per named client, never for a pool.
 *
 * @author openai-spring-boot
 */
public interface FineTuningClient {

	/**
	 * Create a fine-tuning job.
	 * @param request the request
	 * @return the job, usually {@code validating_files} or {@code queued}
	 */
	Mono<FineTuningJob> create(FineTuningJobRequest request);

	/**
	 * Retrieve a job.
	 * @param jobId the job's id
	 * @return the job
	 */
	Mono<FineTuningJob> retrieve(String jobId);

	/**
	 * List the organization's jobs, newest first, fetching further pages only as they
	 * are consumed.
	 * @return the jobs
	 */
	Flux<FineTuningJob> list();

	/**
	 * Cancel a job.
	 * @param jobId the job's id
	 * @return the job, cancelled
	 */
	Mono<FineTuningJob> cancel(String jobId);

	/**
	 * Pause a running job.
	 * @param jobId the job's id
	 * @return the job, paused
	 */
	Mono<FineTuningJob> pause(String jobId);

	/**
	 * Resume a paused job.
	 * @param jobId the job's id
	 * @return the job, queued again
	 */
	Mono<FineTuningJob> resume(String jobId);

	/**
	 * List a job's events, newest first as OpenAI lists them, fetching further pages only
	 * as they are consumed.
	 * @param jobId the job's id
	 * @return the events
	 */
	Flux<FineTuningJobEvent> events(String jobId);

	/**
	 * List a job's checkpoints, newest first, fetching further pages only as they are
	 * consumed.
	 * @param jobId the job's id
	 * @return the checkpoints
	 */
	Flux<FineTuningCheckpoint> checkpoints(String jobId);

	/**
	 * Follow a job until it ends: each of its events once, oldest first, as they appear,
	 * then the job as it ended ({@link FineTuningUpdate.Finished}), succeeded, failed or
	 * cancelled. The job and its new events are polled, at the poll interval while
	 * events arrive and backing off to the longest interval while none do. A failed
	 * poll that is worth retrying (a rate limit, a server or connection error) is made
	 * again later without repeating an event already emitted; other failures, or too many
	 * failed polls in a row, end the stream with the error. A status unknown today is
	 * followed like any status that is not terminal. Cancelling the subscription stops
	 * the polling. Following a job to its end records its trained tokens and their cost
	 * (operation {@code fine_tuning}) once.
	 * @param jobId the job's id
	 * @return the job's events, then the job
	 */
	Flux<FineTuningUpdate> follow(String jobId);

}
