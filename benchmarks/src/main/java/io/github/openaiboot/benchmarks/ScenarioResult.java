package io.github.openaiboot.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one client measured in one scenario, in a form that crosses a process boundary
 * as one line of text.
 *
 * @param scenario the scenario
 * @param mode the client
 * @param requests successful calls
 * @param units chunks (streams) or calls (others)
 * @param errors failed calls
 * @param seconds measured time
 * @param p50Micros median latency
 * @param p99Micros 99th percentile latency
 * @param cpuNanos CPU time of the client's JVM during the measurement, the fake server's
 * threads left out
 * @param heapBytes used heap after a full GC, after the measurement
 * @param liveThreads live threads after the measurement
 * @param foreignThreads threads neither the JVM's, Reactor's, Netty's nor the harness's
 * @param firstError the first failure, or an empty string
 * @author openai-spring-boot
 */
public record ScenarioResult(Scenario scenario, ClientMode mode, long requests, long units, long errors,
		double seconds, long p50Micros, long p99Micros, long cpuNanos, long heapBytes, int liveThreads,
		List<String> foreignThreads, String firstError) {

	private static final String PREFIX = "@@result";

	double requestsPerSecond() {
		return this.requests / this.seconds;
	}

	double unitsPerSecond() {
		return this.units / this.seconds;
	}

	double cpuMillisPerRequest() {
		return (this.requests == 0) ? Double.NaN : this.cpuNanos / 1e6 / this.requests;
	}

	String toLine() {
		return String.join("\t", PREFIX, "scenario=" + this.scenario.id(), "mode=" + this.mode.id(),
				"requests=" + this.requests, "units=" + this.units, "errors=" + this.errors, "seconds=" + this.seconds,
				"p50=" + this.p50Micros, "p99=" + this.p99Micros, "cpu=" + this.cpuNanos, "heap=" + this.heapBytes,
				"threads=" + this.liveThreads, "foreign=" + String.join("|", this.foreignThreads),
				"error=" + this.firstError.replaceAll("[\\t\\r\\n]+", " "));
	}

	static boolean isLine(String line) {
		return line.startsWith(PREFIX + "\t");
	}

	static ScenarioResult parse(String line) {
		Map<String, String> values = new HashMap<>();
		for (String field : line.split("\t")) {
			int equals = field.indexOf('=');
			if (equals > 0) {
				values.put(field.substring(0, equals), field.substring(equals + 1));
			}
		}
		String foreign = values.getOrDefault("foreign", "");
		return new ScenarioResult(Scenario.of(values.get("scenario")),
				ClientMode.valueOf(values.get("mode").toUpperCase(java.util.Locale.ROOT)),
				Long.parseLong(values.get("requests")), Long.parseLong(values.get("units")),
				Long.parseLong(values.get("errors")), Double.parseDouble(values.get("seconds")),
				Long.parseLong(values.get("p50")), Long.parseLong(values.get("p99")), Long.parseLong(values.get("cpu")),
				Long.parseLong(values.get("heap")), Integer.parseInt(values.get("threads")),
				foreign.isEmpty() ? List.of() : Arrays.asList(foreign.split("\\|")), values.getOrDefault("error", ""));
	}

}
