package io.github.openaiboot.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The table the load benchmark prints: for each scenario, the best round of each client,
 * their ratio, and whether the starter meets its targets.
 *
 * @author openai-spring-boot
 */
final class LoadReport {

	private static final double MB = 1024.0 * 1024.0;

	private final LoadSettings settings;

	private final List<ScenarioResult> results;

	LoadReport(LoadSettings settings, List<ScenarioResult> results) {
		this.settings = settings;
		this.results = results;
	}

	String render() {
		StringBuilder out = new StringBuilder();
		out.append(String.format(Locale.ROOT,
				"%nLoad benchmark: concurrency %d, %.1f s measured after %.1f s warm-up per run, best of %d rounds "
						+ "(alternating order), %s, %d CPUs, Java %s%n",
				this.settings.concurrency(), this.settings.duration().toMillis() / 1000.0,
				this.settings.warmup().toMillis() / 1000.0, this.settings.rounds(),
				this.settings.fork() ? "one JVM per run" : "one JVM for all runs",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
		out.append(String.format(Locale.ROOT, "%-11s %-8s %10s %10s %8s %8s %10s %9s %8s %7s%n", "scenario",
				"client", "req/s", "chunks/s", "p50 ms", "p99 ms", "CPU ms/req", "heap MB", "threads", "errors"));
		List<String> targets = new ArrayList<>();
		for (Scenario scenario : this.settings.scenarios()) {
			Optional<ScenarioResult> plain = best(scenario, ClientMode.PLAIN);
			Optional<ScenarioResult> starter = best(scenario, ClientMode.STARTER);
			plain.ifPresent((result) -> row(out, result));
			starter.ifPresent((result) -> row(out, result));
			if (plain.isPresent() && starter.isPresent()) {
				ratioRow(out, plain.get(), starter.get());
				targets(targets, plain.get(), starter.get());
			}
		}
		out.append(String.format("%nTargets (starter vs plain; figures from a busy machine are noise):%n"));
		targets.forEach((line) -> out.append("  ").append(line).append('\n'));
		out.append(String.format("%nThreads that are not the JVM's, Reactor's or Netty's:%n"));
		for (ClientMode mode : ClientMode.values()) {
			out.append(String.format("  %-8s %s%n", mode.id(), foreign(mode).isEmpty() ? "none" : foreign(mode)));
		}
		Set<String> starterOnly = new LinkedHashSet<>(foreign(ClientMode.STARTER));
		starterOnly.removeAll(foreign(ClientMode.PLAIN));
		out.append(String.format("  starter-only: %s  %s%n", starterOnly.isEmpty() ? "none" : starterOnly,
				starterOnly.isEmpty() ? "PASS" : "CHECK"));
		this.results.stream()
			.filter((result) -> !result.firstError().isEmpty())
			.findFirst()
			.ifPresent((result) -> out.append(String.format("%nFirst error (%s, %s): %s%n", result.mode().id(),
					result.scenario().id(), result.firstError())));
		return out.toString();
	}

	private Optional<ScenarioResult> best(Scenario scenario, ClientMode mode) {
		return this.results.stream()
			.filter((result) -> result.scenario() == scenario && result.mode() == mode)
			.max(Comparator.comparingDouble(ScenarioResult::unitsPerSecond));
	}

	private Set<String> foreign(ClientMode mode) {
		Set<String> names = new LinkedHashSet<>();
		this.results.stream().filter((result) -> result.mode() == mode).forEach((result) -> result.foreignThreads()
			.forEach((name) -> names.add(name.replaceAll(" x\\d+$", ""))));
		return names;
	}

	private static void row(StringBuilder out, ScenarioResult result) {
		out.append(String.format(Locale.ROOT, "%-11s %-8s %10.1f %10s %8.2f %8.2f %10.3f %9.1f %8d %7d%n",
				result.scenario().id(), result.mode().id(), result.requestsPerSecond(),
				(result.scenario() == Scenario.STREAM) ? String.format(Locale.ROOT, "%.1f", result.unitsPerSecond())
						: "-",
				result.p50Micros() / 1000.0, result.p99Micros() / 1000.0, result.cpuMillisPerRequest(),
				result.heapBytes() / MB, result.liveThreads(), result.errors()));
	}

	private static void ratioRow(StringBuilder out, ScenarioResult plain, ScenarioResult starter) {
		out.append(String.format(Locale.ROOT, "%-11s %-8s %9.3fx %10s %7.3fx %7.3fx %9.3fx %+8.1fM %+8d %7s%n",
				"", "ratio", starter.requestsPerSecond() / plain.requestsPerSecond(),
				(plain.scenario() == Scenario.STREAM)
						? String.format(Locale.ROOT, "%.3fx", starter.unitsPerSecond() / plain.unitsPerSecond()) : "-",
				ratio(starter.p50Micros(), plain.p50Micros()), ratio(starter.p99Micros(), plain.p99Micros()),
				starter.cpuMillisPerRequest() / plain.cpuMillisPerRequest(),
				(starter.heapBytes() - plain.heapBytes()) / MB, starter.liveThreads() - plain.liveThreads(), ""));
	}

	private static double ratio(long starter, long plain) {
		return (plain == 0) ? Double.NaN : (double) starter / plain;
	}

	private static void targets(List<String> targets, ScenarioResult plain, ScenarioResult starter) {
		String scenario = plain.scenario().id();
		if (plain.scenario() == Scenario.STREAM) {
			check(targets, scenario + " chunks/s >= 0.90 x plain", starter.unitsPerSecond() / plain.unitsPerSecond(),
					"x", (value) -> value >= 0.90);
		}
		else {
			check(targets, scenario + " requests/s >= 0.90 x plain",
					starter.requestsPerSecond() / plain.requestsPerSecond(), "x", (value) -> value >= 0.90);
		}
		check(targets, scenario + " CPU per request <= 1.2 x plain",
				starter.cpuMillisPerRequest() / plain.cpuMillisPerRequest(), "x", (value) -> value <= 1.2);
		check(targets, scenario + " heap after GC within 2 MB of plain",
				(starter.heapBytes() - plain.heapBytes()) / MB, " MB", (value) -> value <= 2.0);
		check(targets, scenario + " no errors", starter.errors() + plain.errors(), "", (value) -> value == 0);
	}

	private static void check(List<String> targets, String name, double value, String unit,
			java.util.function.DoublePredicate met) {
		targets.add(String.format(Locale.ROOT, "%-48s %8.3f%-3s %s", name, value, unit, met.test(value) ? "PASS"
				: "FAIL"));
	}

}
