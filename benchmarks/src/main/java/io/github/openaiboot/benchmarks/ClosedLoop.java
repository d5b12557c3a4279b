package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Closed-loop load: a fixed number of callers, each starting its next call as soon as
 * its last one ends, for a fixed time. Callers are subscriptions, not threads, so the
 * load generator adds no threads of its own.
 *
 * @author openai-spring-boot
 */
final class ClosedLoop {

	private ClosedLoop() {
	}

	static Sample run(Supplier<Mono<Integer>> call, int concurrency, Duration duration) {
		LatencyHistogram latency = new LatencyHistogram();
		LongAdder units = new LongAdder();
		LongAdder errors = new LongAdder();
		AtomicReference<Throwable> firstError = new AtomicReference<>();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		Mono<Integer> timedCall = Mono.defer(() -> {
			long began = System.nanoTime();
			return call.get().doOnNext((count) -> {
				latency.recordNanos(System.nanoTime() - began);
				units.add(count);
			}).onErrorResume((ex) -> {
				errors.increment();
				firstError.compareAndSet(null, ex);
				return Mono.empty();
			});
		});
		Flux.range(0, concurrency)
			.flatMap((caller) -> timedCall.repeat(() -> System.nanoTime() < end), concurrency)
			.blockLast(duration.plusSeconds(60));
		long elapsed = System.nanoTime() - start;
		return new Sample(latency.count(), units.sum(), errors.sum(), elapsed, latency, firstError.get());
	}

	/**
	 * What a run measured.
	 *
	 * @param requests successful calls
	 * @param units chunks of successful calls (1 per call, except streams)
	 * @param errors failed calls
	 * @param elapsedNanos how long the run took
	 * @param latency latencies of successful calls
	 * @param firstError the first failure, if any
	 */
	record Sample(long requests, long units, long errors, long elapsedNanos, LatencyHistogram latency,
			@Nullable Throwable firstError) {

	}

}
