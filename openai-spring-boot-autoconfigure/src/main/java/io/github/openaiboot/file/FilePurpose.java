package io.github.openaiboot.file;

/**
 * The purposes OpenAI knows for a file. Purposes are open strings: OpenAI adds new ones,
 * and these constants are only the ones known when this client was written.
 *
 * @author openai-spring-boot
 */
public final class FilePurpose {

	/**
	 * Files for assistants and vector stores.
	 */
	public static final String ASSISTANTS = "assistants";

	/**
	 * Output files of assistants (in responses only).
	 */
	public static final String ASSISTANTS_OUTPUT = "assistants_output";

	/**
	 * Input of the Batch API: a {@code .jsonl} file of requests, up to 200 MB; expires
	 * after 30 days unless told otherwise.
	 */
	public static final String BATCH = "batch";

	/**
	 * Output and error files of the Batch API (in responses only).
	 */
	public static final String BATCH_OUTPUT = "batch_output";

	/**
	 * Training and validation data of fine-tuning jobs: {@code .jsonl} files.
	 */
	public static final String FINE_TUNE = "fine-tune";

	/**
	 * Result files of fine-tuning jobs (in responses only).
	 */
	public static final String FINE_TUNE_RESULTS = "fine-tune-results";

	/**
	 * Images for vision fine-tuning.
	 */
	public static final String VISION = "vision";

	/**
	 * Files of any kind, for use as model inputs.
	 */
	public static final String USER_DATA = "user_data";

	/**
	 * Data sets of evals.
	 */
	public static final String EVALS = "evals";

	private FilePurpose() {
	}

}
