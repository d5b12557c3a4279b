package io.github.openaiboot.core;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the rate-limit headroom reported by the latest response that carried
 * {@code x-ratelimit-*} headers, success or error, streams included.
 *
 * @author openai-spring-boot
 */
public final class RateLimitTracker {

	private final AtomicReference<@Nullable Snapshot> latest = new AtomicReference<>();

	private final Clock clock;

	/**
	 * Create a tracker on the system clock.
	 */
	public RateLimitTracker() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a tracker on the given clock.
	 * @param clock the clock that stamps each update
	 */
	public RateLimitTracker(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Record the headers of a response.
	 * @param headers the parsed headers, ignored when {@code null}
	 */
	public void update(@Nullable RateLimitHeaders headers) {
		if (headers != null) {
			this.latest.set(new Snapshot(headers, this.clock.instant()));
		}
	}

	/**
	 * Return the latest headroom.
	 * @return the latest snapshot, or {@code null} before any response carried headers
	 */
	public @Nullable Snapshot latest() {
		return this.latest.get();
	}

	/**
	 * Rate-limit headers and when they were received.
	 *
	 * @param headers the headers
	 * @param receivedAt when the response arrived
	 */
	public record Snapshot(RateLimitHeaders headers, Instant receivedAt) {

	}

}
