package io.github.openaiboot.benchmarks;

import java.util.List;

/**
 * What one client measured in one scenario, pooled over its slices: totals over the
 * total measured time, percentiles of all its calls, and the census after the scenario.
 *
 * @param scenario the scenario
 * @param mode the client
 * @param slices how many slices were pooled
 * @param requests successful calls
 * @param units chunks (streams) or calls (others)
 * @param errors failed calls
 * @param seconds measured time
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 * @param cpuNanos CPU time of the client's JVM during the slices, the fake server's
 * threads left out
 * @param heapBytes used heap after a full GC, after the scenario
 * @param liveThreads live threads after the scenario
 * @param foreignThreads threads neither the JVM's, Reactor's, Netty's nor the harness's
 * @param firstError the first failure, or an empty string
 * @author openai-spring-boot
 */
public record ScenarioResult(Scenario scenario, ClientMode mode, int slices, long requests, long units, long errors,
		double seconds, long p50Micros, long p99Micros, long cpuNanos, long heapBytes, int liveThreads,
		List<String> foreignThreads, String firstError) {

	/**
	 * Pool the slices of one client in one scenario.
	 * @param scenario the scenario
	 * @param slices the client's slices, at least one
	 * @param census the census of the client's JVM after the scenario
	 * @return the pooled result
	 */
	static ScenarioResult pool(Scenario scenario, List<Slice> slices, Census census) {
		LatencyHistogram latency = new LatencyHistogram();
		long requests = 0;
		long units = 0;
		long errors = 0;
		long nanos = 0;
		long cpu = 0;
		String firstError = "";
		for (Slice slice : slices) {
			latency.add(slice.latency());
			requests += slice.requests();
			units += slice.units();
			errors += slice.errors();
			nanos += slice.nanos();
			cpu += slice.cpuNanos();
			if (firstError.isEmpty()) {
				firstError = slice.firstError();
			}
		}
		return new ScenarioResult(scenario, census.mode(), slices.size(), requests, units, errors, nanos / 1e9,
				latency.percentileMicros(50), latency.percentileMicros(99), cpu, census.heapBytes(),
				census.liveThreads(), census.foreignThreads(), firstError);
	}

	double requestsPerSecond() {
		return this.requests / this.seconds;
	}

	double unitsPerSecond() {
		return this.units / this.seconds;
	}

	double cpuMillisPerRequest() {
		return (this.requests == 0) ? Double.NaN : this.cpuNanos / 1e6 / this.requests;
	}

}
