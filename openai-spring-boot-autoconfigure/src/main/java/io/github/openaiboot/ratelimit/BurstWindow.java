package io.github.openaiboot.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How much of one per-minute limit a bucket may spend at once, as a window: a bucket
 * holds at most {@code limit × window / 1 minute}, refilling at the limit per minute.
 * OpenAI may enforce a per-minute limit over shorter periods (60,000 requests per
 * minute as 1,000 per second), so a whole minute's burst would meet 429s.
 * <p>
 * The window is the configured one when there is one, fixed. Otherwise it starts at one
 * second, is learned from the headers (what remains plus what refills until the reset is
 * the server's own bucket), and halves, at most once a second, on each per-minute 429,
 * which caps what the headers can teach from then on. Not thread-safe: guarded by the
 * model's monitor.
 *
 * @author openai-spring-boot
 */
final class BurstWindow {

	static final Duration DEFAULT = Duration.ofSeconds(1);

	private static final long MINUTE = Duration.ofMinutes(1).toNanos();

	private static final long SHRINK_INTERVAL = Duration.ofSeconds(1).toNanos();

	private final @Nullable Duration configured;

	private long learned;

	private long ceiling = MINUTE;

	private boolean shrunk;

	private long lastShrink;

	private long lastServerLimit;

	private long lastRemaining = -1;

	BurstWindow(@Nullable Duration configured) {
		this.configured = configured;
	}

	/**
	 * Return the window in effect, in nanoseconds.
	 */
	long nanos() {
		if (this.configured != null) {
			return Math.min(this.configured.toNanos(), MINUTE);
		}
		long window = (this.learned > 0) ? this.learned : DEFAULT.toNanos();
		return Math.min(window, this.ceiling);
	}

	/**
	 * Return the most a bucket of the given limit per minute may hold.
	 */
	long capacity(long limit) {
		long capacity = (long) Math.floor((double) limit * nanos() / MINUTE);
		return Math.max(1, Math.min(limit, capacity));
	}

	/**
	 * Learn the server's window from a response: what remains of its bucket, plus what
	 * refills until it is full again, at its limit per minute.
	 * @return whether the window in effect changed
	 */
	boolean learn(long serverLimit, long remaining, Duration reset) {
		if (this.configured != null || serverLimit <= 0 || remaining < 0 || reset.isNegative()) {
			return false;
		}
		this.lastServerLimit = serverLimit;
		this.lastRemaining = remaining;
		double full = remaining + (double) reset.toNanos() * serverLimit / MINUTE;
		long window = (long) Math.min(MINUTE, full * MINUTE / serverLimit);
		if (window <= 0) {
			return false;
		}
		// rounded headers make the figure wobble: keep it unless it moved by a tenth
		if (this.learned > 0 && Math.abs(window - this.learned) * 10 <= this.learned) {
			return false;
		}
		long before = nanos();
		this.learned = window;
		return nanos() != before;
	}

	/**
	 * Narrow the window after a per-minute 429, unless it is configured. When the
	 * server's latest headers still showed more than a second's worth of its minute's
	 * budget left, the 429 proves that it enforces the limit over a shorter period than
	 * its headers describe (OpenAI's "60,000 RPM may be enforced as 1,000 per second"):
	 * the window drops to one second at once, rather than halving through the 429s of
	 * several bursts. Otherwise it halves, at most once a second.
	 * @return whether the window in effect changed
	 */
	boolean shrink(long now) {
		if (this.configured != null) {
			return false;
		}
		long before = nanos();
		boolean quantized = this.lastServerLimit > 0
				&& this.lastRemaining > Math.max(1, this.lastServerLimit * DEFAULT.toNanos() / MINUTE);
		if (quantized && before > DEFAULT.toNanos()) {
			this.shrunk = true;
			this.lastShrink = now;
			this.ceiling = DEFAULT.toNanos();
			return nanos() != before;
		}
		if (this.shrunk && now - this.lastShrink < SHRINK_INTERVAL) {
			return false;
		}
		this.shrunk = true;
		this.lastShrink = now;
		this.ceiling = Math.max(1, before / 2);
		return nanos() != before;
	}

}
