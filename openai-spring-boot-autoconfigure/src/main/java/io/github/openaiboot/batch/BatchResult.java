package io.github.openaiboot.batch;

import io.github.openaiboot.error.OpenAiException;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one request submitted in a batch: its answer, or the typed error it
 * failed with.
 *
 * @param <T> the type of the answer
 * @param index the request's position among those submitted, from 0
 * @param customId the request's {@code custom_id} in the input file
 * @param response the answer, or {@code null} when it failed
 * @param error why it failed, or {@code null} when it was answered
 * @author openai-spring-boot
 */
public record BatchResult<T>(long index, String customId, @Nullable T response, @Nullable OpenAiException error) {

	/**
	 * Return whether the request was answered.
	 * @return whether there is a response
	 */
	public boolean isSuccess() {
		return this.response != null;
	}

	/**
	 * Return the answer, or throw the error the request failed with.
	 * @return the answer
	 * @throws OpenAiException when the request failed
	 */
	public T orThrow() {
		if (this.response == null) {
			throw (this.error != null) ? this.error : new IllegalStateException("No answer for " + this.customId);
		}
		return this.response;
	}

}
