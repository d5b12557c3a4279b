package io.github.openaiboot.test.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Injected faults in the order they were scheduled; the first one that matches a request wins.
 *
 * @author OpenAI Spring Boot contributors
 */
final class FaultRegistry {

	private final Object lock = new Object();

	private final List<FaultInjection> injections = new ArrayList<>();

	private final long seed;

	private Random random;

	FaultRegistry(long seed) {
		this.seed = seed;
		this.random = new Random(seed);
	}

	FaultInjection add(SimulatedFault fault) {
		FaultInjection injection = new FaultInjection(this.lock, fault);
		synchronized (this.lock) {
			this.injections.add(injection);
		}
		return injection;
	}

	@Nullable SimulatedFault take(Endpoint endpoint, boolean streaming) {
		synchronized (this.lock) {
			for (FaultInjection injection : this.injections) {
				if (injection.matches(endpoint, streaming)) {
					if (injection.hit(this.random.nextDouble())) {
						return injection.fault();
					}
				}
			}
			this.injections.removeIf((injection) -> injection.remaining() == 0);
			return null;
		}
	}

	void clear() {
		synchronized (this.lock) {
			this.injections.clear();
			this.random = new Random(this.seed);
		}
	}

}
