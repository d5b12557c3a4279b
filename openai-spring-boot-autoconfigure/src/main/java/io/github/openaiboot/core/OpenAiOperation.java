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
	 * Speech to text in the spoken language ({@code /audio/transcriptions}).
	 */
	TRANSCRIPTION("transcription"),

	/**
	 * Speech to English text ({@code /audio/translations}).
	 */
	TRANSLATION("translation"),

	/**
	 * Text to speech ({@code /audio/speech}).
	 */
	SPEECH("speech"),

	/**
	 * Moderation of text and images ({@code /moderations}), free of charge.
	 */
	MODERATION("moderation"),

	/**
	 * Upload, listing, retrieval, deletion and download of files ({@code /files}): calls
	 * that use no model and are not paced.
	 */
	FILES("files"),

	/**
	 * The Uploads API ({@code /uploads}): creation, parts, completion and cancellation
	 * of the uploads that send a large file in parts. Named apart from {@link #FILES}
	 * since a part of up to 64 MB takes far longer than any other files call. They use
	 * no model and are not paced.
	 */
	UPLOADS("uploads"),

	/**
	 * Fine-tuning jobs: their creation, retrieval, listing, cancellation, pausing and
	 * resumption, and their events and checkpoints.
	 */
	FINE_TUNING("fine_tuning"),

	/**
	 * The training of a fine-tuning job that has finished, recorded once with its
	 * trained tokens so that they are counted and priced.
	 */
	FINE_TUNING_TRAINING("fine_tuning"),

	/**
	 * Batches of the Batch API: their creation, retrieval, listing and cancellation.
	 */
	BATCH("batch"),

	/**
	 * One request of a batch, answered in its output file, recorded once with its usage
	 * so that its tokens are counted and priced at the batch discount.
	 */
	BATCH_RESULT("batch"),

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
