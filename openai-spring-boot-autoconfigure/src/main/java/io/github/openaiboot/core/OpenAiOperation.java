package io.github.openaiboot.core;

/**
 * The OpenAI operations the clients perform, named as in the OpenTelemetry GenAI
 * semantic conventions ({@code gen_ai.operation.name}).
 *
 * @author openai-spring-boot
 */
public enum OpenAiOperation {

	/**
	 * Chat completion, plain or streamed.
	 */
	CHAT("chat"),

	/**
	 * Embeddings.
	 */
	EMBEDDINGS("embeddings"),

	/**
	 * Image generation.
	 */
	IMAGE_GENERATION("image_generation"),

	/**
	 * Model listing and retrieval.
	 */
	MODELS("models"),

	/**
	 * A response of the Responses API, whole or streamed. Named {@code chat}, as the
	 * conventions require when one of their well-known names applies: it is a chat
	 * call, over another endpoint.
	 */
	RESPONSES("chat"),

	/**
	 * Retrieval, deletion and cancellation of stored responses of the Responses API, and
	 * the listing of their input items: calls that generate nothing.
	 */
	STORED_RESPONSES("responses"),

	/**
	 * One response of a realtime session, from {@code response.created} to
	 * {@code response.done}: where the session's tokens are counted.
	 */
	REALTIME("realtime"),

	/**
	 * A whole realtime session, from the handshake to its close.
	 */
	REALTIME_SESSION("realtime_session"),

	/**
	 * Creation of an ephemeral client secret of the Realtime API.
	 */
	REALTIME_CLIENT_SECRETS("realtime_client_secrets");

	private final String operationName;

	OpenAiOperation(String operationName) {
		this.operationName = operationName;
	}

	/**
	 * Return the {@code gen_ai.operation.name} of this operation.
	 * @return the operation name
	 */
	public String operationName() {
		return this.operationName;
	}

}
