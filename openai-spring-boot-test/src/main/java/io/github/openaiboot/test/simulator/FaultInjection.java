package io.github.openaiboot.test.simulator;

import org.jspecify.annotations.Nullable;

/**
 * A fault scheduled on an {@link OpenAiSimulator}, narrowed fluently. Until narrowed it hits every request; configure
 * it before sending the requests it is meant for.
 *
 * <pre class="code">
 * simulator.inject(SimulatedFault.rateLimited().retryAfterMs(200)).on(Endpoint.CHAT).times(2);
 * simulator.inject(SimulatedFault.serverError(503)).fraction(0.2);
 * </pre>
 *
 * @author OpenAI Spring Boot contributors
 */
public final class FaultInjection {

	private final Object lock;

	private final SimulatedFault fault;

	private @Nullable Endpoint endpoint;

	private long remaining = -1;

	private double fraction = 1.0;

	FaultInjection(Object lock, SimulatedFault fault) {
		this.lock = lock;
		this.fault = fault;
	}

	/**
	 * Restricts the fault to one endpoint.
	 * @param endpoint the endpoint to hit
	 * @return this injection
	 */
	public FaultInjection on(Endpoint endpoint) {
		synchronized (this.lock) {
			this.endpoint = endpoint;
		}
		return this;
	}

	/**
	 * Limits the fault to the next {@code count} requests it hits.
	 * @param count how many requests fail
	 * @return this injection
	 */
	public FaultInjection times(int count) {
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative");
		}
		synchronized (this.lock) {
			this.remaining = count;
		}
		return this;
	}

	/**
	 * Makes the fault hit each matching request with the given probability, drawn from the simulator's seeded
	 * random source so that runs repeat.
	 * @param probability between 0 and 1
	 * @return this injection
	 */
	public FaultInjection fraction(double probability) {
		if (probability < 0 || probability > 1) {
			throw new IllegalArgumentException("probability must be between 0 and 1");
		}
		synchronized (this.lock) {
			this.fraction = probability;
		}
		return this;
	}

	/**
	 * Returns how many more requests this fault will hit, or {@code -1} when unlimited.
	 * @return the remaining count
	 */
	public long remaining() {
		synchronized (this.lock) {
			return this.remaining;
		}
	}

	/**
	 * Stops this fault from hitting further requests.
	 */
	public void cancel() {
		times(0);
	}

	SimulatedFault fault() {
		return this.fault;
	}

	// Called with the lock held.
	boolean matches(Endpoint endpoint, boolean streaming) {
		return this.remaining != 0 && (this.endpoint == null || this.endpoint == endpoint)
				&& this.fault.appliesTo(endpoint, streaming);
	}

	// Called with the lock held.
	boolean hit(double draw) {
		if (draw >= this.fraction) {
			return false;
		}
		if (this.remaining > 0) {
			this.remaining--;
		}
		return true;
	}

	@Override
	public String toString() {
		synchronized (this.lock) {
			return "FaultInjection[" + this.fault + ", endpoint=" + this.endpoint + ", remaining=" + this.remaining
					+ ", fraction=" + this.fraction + "]";
		}
	}

}
