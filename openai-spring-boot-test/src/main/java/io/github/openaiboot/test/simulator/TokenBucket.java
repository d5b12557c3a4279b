package io.github.openaiboot.test.simulator;

import java.time.Duration;

/**
 * A per-minute budget that refills continuously, as OpenAI's limits do: its capacity is the per-minute limit and it
 * regains {@code limit / 60} units every second.
 *
 * @author OpenAI Spring Boot contributors
 */
final class TokenBucket {

	private static final double MILLIS_PER_MINUTE = 60_000.0;

	private final long capacity;

	private double available;

	private long lastRefill;

	TokenBucket(long capacity, long nowMillis) {
		this.capacity = capacity;
		this.available = capacity;
		this.lastRefill = nowMillis;
	}

	void refill(long nowMillis) {
		long elapsed = nowMillis - this.lastRefill;
		if (elapsed > 0) {
			this.available = Math.min(this.capacity, this.available + elapsed * this.capacity / MILLIS_PER_MINUTE);
			this.lastRefill = nowMillis;
		}
	}

	long capacity() {
		return this.capacity;
	}

	boolean canTake(long amount) {
		return amount <= this.available;
	}

	void take(long amount) {
		this.available -= amount;
	}

	long remaining() {
		return Math.max(0, (long) Math.floor(this.available));
	}

	long used() {
		return this.capacity - remaining();
	}

	Duration timeUntil(long amount) {
		double missing = amount - this.available;
		return (missing <= 0) ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(missing * MILLIS_PER_MINUTE / this.capacity));
	}

	Duration timeUntilFull() {
		return timeUntil(this.capacity);
	}

}
