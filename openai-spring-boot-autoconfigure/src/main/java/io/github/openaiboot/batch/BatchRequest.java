package io.github.openaiboot.batch;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request to create a batch from an uploaded input file ({@code POST /v1/batches}).
 *
 * @param inputFileId the id of the JSONL input file, uploaded with purpose
 * {@code batch}
 * @param endpoint where its requests go, one of {@link BatchEndpoint}
 * @param completionWindow the time it may take, {@code 24h} (the only window OpenAI
 * offers)
 * @param metadata up to 16 key-value pairs stored with it, or {@code null}
 * @author openai-spring-boot
 */
public record BatchRequest(String inputFileId, String endpoint, String completionWindow,
		@Nullable Map<String, String> metadata) {

	/**
	 * The completion window of every batch.
	 */
	public static final String COMPLETION_WINDOW = "24h";

	/**
	 * Create a request.
	 */
	public BatchRequest {
		if (inputFileId == null || inputFileId.isBlank()) {
			throw new IllegalArgumentException("'inputFileId' must not be blank");
		}
		if (endpoint == null || !endpoint.startsWith("/v1/")) {
			throw new IllegalArgumentException("'endpoint' must be a path such as /v1/chat/completions, but was "
					+ endpoint);
		}
		metadata = (metadata != null) ? Map.copyOf(metadata) : null;
	}

	/**
	 * Return a request with the 24 hour completion window and no metadata.
	 * @param inputFileId the id of the input file
	 * @param endpoint where its requests go
	 * @return the request
	 */
	public static BatchRequest of(String inputFileId, String endpoint) {
		return new BatchRequest(inputFileId, endpoint, COMPLETION_WINDOW, null);
	}

	/**
	 * Return this request with metadata.
	 * @param metadata the key-value pairs
	 * @return a new request
	 */
	public BatchRequest withMetadata(Map<String, String> metadata) {
		return new BatchRequest(this.inputFileId, this.endpoint, this.completionWindow, metadata);
	}

}
