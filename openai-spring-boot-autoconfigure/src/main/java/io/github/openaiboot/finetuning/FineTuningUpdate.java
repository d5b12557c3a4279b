package io.github.openaiboot.finetuning;

/**
 * What following a fine-tuning job emits: each of its events once, oldest first, then
 * the job as it ended.
 *
 * @author openai-spring-boot
 * @see FineTuningClient#follow(String)
 */
public sealed interface FineTuningUpdate permits FineTuningUpdate.Event, FineTuningUpdate.Finished {

	/**
	 * An event of the job.
	 *
	 * @param event the event
	 */
	record Event(FineTuningJobEvent event) implements FineTuningUpdate {

	}

	/**
	 * The job, having reached a terminal status: the last element of a followed job.
	 *
	 * @param job the job, succeeded, failed or cancelled
	 */
	record Finished(FineTuningJob job) implements FineTuningUpdate {

	}

}
