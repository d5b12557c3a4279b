package io.github.openaiboot.batch;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The statuses of a batch as OpenAI writes them. The status is an open string: one
 * unknown today is treated as one the batch moves on from.
 *
 * @author openai-spring-boot
 */
public final class BatchStatus {

	/**
	 * The input file is being checked.
	 */
	public static final String VALIDATING = "validating";

	/**
	 * The input file failed validation; the batch's {@code errors} say why. Terminal.
	 */
	public static final String FAILED = "failed";

	/**
	 * The requests are being run.
	 */
	public static final String IN_PROGRESS = "in_progress";

	/**
	 * The requests have run and the results are being written.
	 */
	public static final String FINALIZING = "finalizing";

	/**
	 * The results are ready. Terminal.
	 */
	public static final String COMPLETED = "completed";

	/**
	 * The completion window passed before every request ran. Terminal.
	 */
	public static final String EXPIRED = "expired";

	/**
	 * The batch is being cancelled, for up to ten minutes.
	 */
	public static final String CANCELLING = "cancelling";

	/**
	 * The batch was cancelled; requests that ran have results. Terminal.
	 */
	public static final String CANCELLED = "cancelled";

	private static final Set<String> TERMINAL = Set.of(FAILED, COMPLETED, EXPIRED, CANCELLED);

	private BatchStatus() {
	}

	/**
	 * Return whether a batch in a status has ended.
	 * @param status the status
	 * @return whether it is {@code completed}, {@code failed}, {@code expired} or
	 * {@code cancelled}
	 */
	public static boolean isTerminal(@Nullable String status) {
		return status != null && TERMINAL.contains(status);
	}

}
