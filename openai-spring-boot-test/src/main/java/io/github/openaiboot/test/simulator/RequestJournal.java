package io.github.openaiboot.test.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * Counts the requests the simulator received and keeps their bodies, so tests can assert what was sent and how often.
 *
 * @author OpenAI Spring Boot contributors
 */
final class RequestJournal {

	private final AtomicLong total = new AtomicLong();

	private final Map<Endpoint, AtomicLong> counts = new EnumMap<>(Endpoint.class);

	private final Map<Endpoint, Queue<String>> bodies = new EnumMap<>(Endpoint.class);

	RequestJournal() {
		for (Endpoint endpoint : Endpoint.values()) {
			this.counts.put(endpoint, new AtomicLong());
			this.bodies.put(endpoint, new ConcurrentLinkedQueue<>());
		}
	}

	void record(@Nullable Endpoint endpoint, String body) {
		this.total.incrementAndGet();
		if (endpoint != null) {
			this.counts.get(endpoint).incrementAndGet();
			if (!body.isEmpty()) {
				this.bodies.get(endpoint).add(body);
			}
		}
	}

	long count() {
		return this.total.get();
	}

	long count(Endpoint endpoint) {
		return this.counts.get(endpoint).get();
	}

	List<String> bodies(Endpoint endpoint) {
		return List.copyOf(this.bodies.get(endpoint));
	}

	void clear() {
		this.total.set(0);
		this.counts.values().forEach((count) -> count.set(0));
		this.bodies.values().forEach(Queue::clear);
	}

}
