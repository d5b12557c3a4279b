package io.github.openaiboot.ratelimit;

import java.time.Duration;

/**
 * Hears what a {@link TokenBucketPacer} does, for metrics.
 *
 * @author openai-spring-boot
 */
public interface PacingListener {

	/**
	 * A listener that ignores everything.
	 */
	PacingListener NONE = new PacingListener() {
	};

	/**
	 * Called when a request got its permits.
	 * @param model the model of the request
	 * @param wait how long it had to wait, zero when it did not
	 */
	default void onAcquired(String model, Duration wait) {
	}

	/**
	 * Called when the pacer first keeps limits for a model.
	 * @param model the model
	 */
	default void onModel(String model) {
	}

}
