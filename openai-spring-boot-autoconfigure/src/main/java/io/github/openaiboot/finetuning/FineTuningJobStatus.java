package io.github.openaiboot.finetuning;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The statuses of a fine-tuning job as OpenAI writes them. The status is an open string:
 * {@code paused} is missing from OpenAI's own list, and a status unknown today is
 * treated as one the job moves on from.
 *
 * @author openai-spring-boot
 */
public final class FineTuningJobStatus {

	/**
	 * The training and validation files are being checked.
	 */
	public static final String VALIDATING_FILES = "validating_files";

	/**
	 * The job waits for its turn.
	 */
	public static final String QUEUED = "queued";

	/**
	 * The model is being trained.
	 */
	public static final String RUNNING = "running";

	/**
	 * The job was paused, and can be resumed.
	 */
	public static final String PAUSED = "paused";

	/**
	 * The fine-tuned model was made. Terminal.
	 */
	public static final String SUCCEEDED = "succeeded";

	/**
	 * The job failed; its {@code error} says why. Terminal.
	 */
	public static final String FAILED = "failed";

	/**
	 * The job was cancelled. Terminal.
	 */
	public static final String CANCELLED = "cancelled";

	private static final Set<String> TERMINAL = Set.of(SUCCEEDED, FAILED, CANCELLED);

	private FineTuningJobStatus() {
	}

	/**
	 * Return whether a job in a status has ended, and will not change again.
	 * @param status the status
	 * @return whether it is {@code succeeded}, {@code failed} or {@code cancelled}
	 */
	public static boolean isTerminal(@Nullable String status) {
		return status != null && TERMINAL.contains(status);
	}

}
