package io.github.openaiboot.benchmarks;

import java.util.Map;

/**
 * What one client measured in one short run of a scenario (a slice of the paired
 * benchmark), in a form that crosses a process boundary as one line of text.
 *
 * @param scenario the scenario
 * @param mode the client
 * @param requests successful calls
 * @param units chunks (streams) or calls (others) of successful calls
 * @param errors failed calls
 * @param nanos how long the slice took, the last calls' ends included
 * @param cpuNanos CPU time of the client's JVM during the slice, the fake server's
 * threads left out
 * @param latency latencies of the successful calls
 * @param firstError the first failure, or an empty string
 * @author openai-spring-boot
 */
record Slice(Scenario scenario, ClientMode mode, long requests, long units, long errors, long nanos, long cpuNanos,
		LatencyHistogram latency, String firstError) {

	double seconds() {
		return this.nanos / 1e9;
	}

	double requestsPerSecond() {
		return this.requests / seconds();
	}

	/**
	 * Return the throughput the targets are set on: chunks per second for streams,
	 * requests per second otherwise.
	 * @return units per second
	 */
	double unitsPerSecond() {
		return this.units / seconds();
	}

	double cpuMillisPerRequest() {
		return (this.requests == 0) ? Double.NaN : this.cpuNanos / 1e6 / this.requests;
	}

	long p50Micros() {
		return this.latency.percentileMicros(50);
	}

	long p99Micros() {
		return this.latency.percentileMicros(99);
	}

	String toLine() {
		return WorkerProtocol.reply(WorkerProtocol.RESULT, "scenario=" + this.scenario.id(), "mode=" + this.mode.id(),
				"requests=" + this.requests, "units=" + this.units, "errors=" + this.errors, "nanos=" + this.nanos,
				"cpu=" + this.cpuNanos, "latency=" + this.latency.encode(), "error=" + this.firstError);
	}

	static Slice parse(String line) {
		Map<String, String> values = WorkerProtocol.fields(WorkerProtocol.RESULT, line);
		return new Slice(Scenario.of(values.get("scenario")),
				ClientMode.of(values.get("mode")), Long.parseLong(values.get("requests")),
				Long.parseLong(values.get("units")), Long.parseLong(values.get("errors")),
				Long.parseLong(values.get("nanos")), Long.parseLong(values.get("cpu")),
				LatencyHistogram.decode(values.getOrDefault("latency", "")), values.getOrDefault("error", ""));
	}

}
