package io.github.openaiboot.core;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One call to hand to the {@link OpenAiPipeline}: what to send, where, and what to read
 * back.
 *
 * The response is decoded from JSON into the response type, except for two types: a
 * {@link String} response type reads the body as text (such as a transcription in
 * {@code srt} format), and a {@link org.springframework.core.io.buffer.DataBuffer}
 * response type, {@linkplain OpenAiTransport#stream streamed}, reads the body as the
 * buffers that arrive (such as generated speech or a file's content).
 *
 * @param <T> the type of the decoded response (or of each streamed chunk)
 * @param operation the operation, for observation and pacing
 * @param method the HTTP method
 * @param path the path below the base URL, such as {@code /chat/completions}
 * @param body the request body, serialized with {@link OpenAiJson}, or {@code null}
 * @param responseType the type to decode the response (or each chunk) into
 * @param model the model the request is for, or {@code null}
 * @author openai-spring-boot
 */
public record OpenAiRequest<T>(OpenAiOperation operation, HttpMethod method, String path, @Nullable Object body,
		Class<T> responseType, @Nullable String model) {

	/**
	 * Create a {@code POST} request. Its body is sent as JSON, or, when it is an
	 * {@link OpenAiMultipartBody}, as {@code multipart/form-data}.
	 * @param <T> the response type
	 * @param operation the operation
	 * @param path the path below the base URL
	 * @param body the request body
	 * @param responseType the response type
	 * @param model the model
	 * @return the request
	 */
	public static <T> OpenAiRequest<T> post(OpenAiOperation operation, String path, Object body,
			Class<T> responseType, @Nullable String model) {
		return new OpenAiRequest<>(operation, HttpMethod.POST, path, body, responseType, model);
	}

	/**
	 * Create a {@code GET} request.
	 * @param <T> the response type
	 * @param operation the operation
	 * @param path the path below the base URL
	 * @param responseType the response type
	 * @return the request
	 */
	public static <T> OpenAiRequest<T> get(OpenAiOperation operation, String path, Class<T> responseType) {
		return new OpenAiRequest<>(operation, HttpMethod.GET, path, null, responseType, null);
	}

	/**
	 * Create a {@code DELETE} request.
	 * @param <T> the response type
	 * @param operation the operation
	 * @param path the path below the base URL
	 * @param responseType the response type
	 * @return the request
	 */
	public static <T> OpenAiRequest<T> delete(OpenAiOperation operation, String path, Class<T> responseType) {
		return new OpenAiRequest<>(operation, HttpMethod.DELETE, path, null, responseType, null);
	}

	/**
	 * Return whether the request can be sent again, so that a failed attempt can be
	 * retried (or, in a pool, made on another member): every request but one whose
	 * multipart body streams a {@code Flux} that can be read only once.
	 * @return whether the request is repeatable
	 */
	public boolean isRepeatable() {
		return !(this.body instanceof OpenAiMultipartBody multipart) || multipart.isRepeatable();
	}

}
