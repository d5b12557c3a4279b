package io.github.openaiboot.batch;

/**
 * The endpoints a batch's requests can go to, as its {@code endpoint} and each line's
 * {@code url} name them.
 *
 * @author openai-spring-boot
 */
public final class BatchEndpoint {

	/**
	 * Chat completions.
	 */
	public static final String CHAT_COMPLETIONS = "/v1/chat/completions";

	/**
	 * Embeddings.
	 */
	public static final String EMBEDDINGS = "/v1/embeddings";

	/**
	 * Responses of the Responses API.
	 */
	public static final String RESPONSES = "/v1/responses";

	/**
	 * Moderations.
	 */
	public static final String MODERATIONS = "/v1/moderations";

	/**
	 * Legacy completions.
	 */
	public static final String COMPLETIONS = "/v1/completions";

	private BatchEndpoint() {
	}

}
