package io.github.openaiboot.file;

/**
 * The statuses of an {@link Upload} as OpenAI writes them. The status is an open string:
 * these constants are the ones known when this client was written, and an upload with
 * another status is returned as it came.
 *
 * @author openai-spring-boot
 */
public final class UploadStatus {

	/**
	 * The upload accepts parts.
	 */
	public static final String PENDING = "pending";

	/**
	 * The upload was completed: its file is ready for use. Terminal.
	 */
	public static final String COMPLETED = "completed";

	/**
	 * The upload was cancelled: it accepts no more parts. Terminal.
	 */
	public static final String CANCELLED = "cancelled";

	/**
	 * The upload was not completed within an hour of its creation. Terminal.
	 */
	public static final String EXPIRED = "expired";

	private UploadStatus() {
	}

}
