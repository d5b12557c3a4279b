package io.github.openaiboot.batch;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How submitted requests are made into batches and how the batches are polled.
 *
 * @param maxLines the requests per batch, at most OpenAI's 50,000
 * @param maxBytes the size of a batch's input file in bytes, at most OpenAI's 200 MB
 * @param maxEnqueuedTokens the estimated input tokens per batch, to stay under the
 * organization's enqueued-token limit, or {@code null} for no bound
 * @param pollInterval the pause between polls of a batch that has not ended
 * @author openai-spring-boot
 */
public record BatchSettings(int maxLines, long maxBytes, @Nullable Long maxEnqueuedTokens, Duration pollInterval) {

	/**
	 * The most requests OpenAI takes in one batch.
	 */
	public static final int MAX_LINES = 50_000;

	/**
	 * The largest input file OpenAI takes for a batch, 200 MB.
	 */
	public static final long MAX_BYTES = 200L * 1024 * 1024;

	/**
	 * Create settings.
	 */
	public BatchSettings {
		if (maxLines < 1 || maxLines > MAX_LINES) {
			throw new IllegalArgumentException("'maxLines' must be from 1 to " + MAX_LINES + ", but was " + maxLines);
		}
		if (maxBytes < 1 || maxBytes > MAX_BYTES) {
			throw new IllegalArgumentException("'maxBytes' must be from 1 to " + MAX_BYTES + ", but was " + maxBytes);
		}
		if (maxEnqueuedTokens != null && maxEnqueuedTokens < 1) {
			throw new IllegalArgumentException("'maxEnqueuedTokens' must be positive, but was " + maxEnqueuedTokens);
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("'pollInterval' must be positive, but was " + pollInterval);
		}
	}

	/**
	 * Return the settings used when none are configured: OpenAI's limits, no token
	 * bound, a poll a minute.
	 * @return the default settings
	 */
	public static BatchSettings defaults() {
		return new BatchSettings(MAX_LINES, MAX_BYTES, null, Duration.ofMinutes(1));
	}

}
