package io.github.openaiboot.retry;

import java.time.Duration;

import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiException;
import reactor.util.context.ContextView;

/**
 * Told about each retry of an OpenAI call, before the wait, so that retries can be
 * counted (the starter's {@code openai.client.retries} counter is one) or traced.
 * Implementations must be quick and must not throw; a failing listener never fails the
 * call.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
public interface OpenAiRetryListener {

	/**
	 * Called when a failed attempt is about to be retried.
	 * @param request the request being retried
	 * @param exception why the attempt failed
	 * @param attempt the number of the attempt that failed, {@code 1} for the first
	 * @param delay how long the pipeline waits before the next attempt
	 */
	void onRetry(OpenAiRequest<?> request, OpenAiException exception, int attempt, Duration delay);

	/**
	 * Called when a failed attempt is about to be retried, with the Reactor context of
	 * the call, where the call's observation is. By default, calls
	 * {@link #onRetry(OpenAiRequest, OpenAiException, int, Duration)}.
	 * @param request the request being retried
	 * @param exception why the attempt failed
	 * @param attempt the number of the attempt that failed, {@code 1} for the first
	 * @param delay how long the pipeline waits before the next attempt
	 * @param context the Reactor context of the call
	 */
	default void onRetry(OpenAiRequest<?> request, OpenAiException exception, int attempt, Duration delay,
			ContextView context) {
		onRetry(request, exception, attempt, delay);
	}

}
