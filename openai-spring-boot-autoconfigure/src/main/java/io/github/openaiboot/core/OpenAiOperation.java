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
	MODELS("models");

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
