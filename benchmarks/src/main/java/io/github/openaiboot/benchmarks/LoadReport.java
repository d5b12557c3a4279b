package io.github.openaiboot.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoublePredicate;
import java.util.stream.Stream;

/**
 * The table the load benchmark prints: for each scenario, each client's figures pooled
 * over its slices, the ratio starter / plain of the pooled figures and the median of
 * the pairs' ratios, how the pairs' ratios spread, and whether the starter meets its
 * targets, judged by the median pair ratio.
 *
 * @author openai-spring-boot
 */
final class LoadReport {

	private static final double MB = 1024.0 * 1024.0;

	private static final String ROW = "%-11s %-12s %10s %10s %8s %8s %10s %9s %8s %7s%n";

	private final LoadSettings settings;

	private final List<ScenarioRun> runs;

	LoadReport(LoadSettings settings, List<ScenarioRun> runs) {
		this.settings = settings;
		this.runs = runs;
	}

	String render() {
		StringBuilder out = new StringBuilder();
		int slices = this.settings.slicesPerScenario();
		double sliceSeconds = this.settings.slice().toMillis() / 1000.0;
		out.append(String.format(Locale.ROOT,
				"%nLoad benchmark: concurrency %d; per scenario and client %.1f s warm-up, then %d slices of %.1f s "
						+ "(%.1f s measured), the clients taking turns in ABBA order; %s; %d CPUs, Java %s%n",
				this.settings.concurrency(), this.settings.warmup().toMillis() / 1000.0, slices, sliceSeconds,
				slices * sliceSeconds,
				this.settings.fork() ? "one JVM per client, both alive throughout" : "both clients in one JVM",
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
		if (this.settings.calibrateBootBuilder()) {
			out.append(String.format(Locale.ROOT, "Calibration (-Dcalibrate.boot-builder=true): the \"starter\" rows "
					+ "are the plain exchange on Spring Boot's WebClient.Builder, without the starter%n"));
		}
		out.append(String.format(Locale.ROOT, ROW, "scenario", "client", "req/s", "chunks/s", "p50 ms", "p99 ms",
				"CPU ms/req", "heap MB", "threads", "errors"));
		for (ScenarioRun run : this.runs) {
			ScenarioResult plain = run.plain();
			ScenarioResult starter = run.starter();
			row(out, plain);
			row(out, starter);
			pooledRatioRow(out, plain, starter);
			medianRatioRow(out, run);
		}
		out.append(String.format(Locale.ROOT, "%nPair ratios, starter / plain of two adjacent slices "
				+ "(median, interquartile range, min-max):%n"));
		out.append(String.format(Locale.ROOT, "%-11s %-12s %5s %8s %17s %17s%n", "scenario", "metric", "pairs",
				"median", "IQR", "min-max"));
		for (ScenarioRun run : this.runs) {
			spreadRow(out, run.scenario(), throughputName(run.scenario()), throughput(run));
			spreadRow(out, run.scenario(), "CPU ms/req", run.pairs(Slice::cpuMillisPerRequest));
		}
		out.append(String.format("%nTargets (starter vs plain, by the median pair ratio; "
				+ "figures from a busy machine are noise):%n"));
		for (ScenarioRun run : this.runs) {
			targets(out, run);
		}
		if (this.runs.stream().anyMatch((run) -> !run.plainCold().isEmpty())) {
			coldStart(out);
		}
		out.append(String.format("%nThreads that are not the JVM's, Reactor's or Netty's:%n"));
		for (ClientMode mode : ClientMode.values()) {
			out.append(String.format("  %-8s %s%n", mode.id(), foreign(mode).isEmpty() ? "none" : foreign(mode)));
		}
		Set<String> starterOnly = new LinkedHashSet<>(foreign(ClientMode.STARTER));
		starterOnly.removeAll(foreign(ClientMode.PLAIN));
		out.append(String.format("  starter-only: %s  %s%n", starterOnly.isEmpty() ? "none" : starterOnly,
				starterOnly.isEmpty() ? "PASS" : "CHECK"));
		this.runs.stream()
			.flatMap((run) -> Stream.concat(run.plainSlices().stream(), run.starterSlices().stream()))
			.filter((slice) -> !slice.firstError().isEmpty())
			.findFirst()
			.ifPresent((slice) -> out.append(String.format("%nFirst error (%s, %s): %s%n", slice.mode().id(),
					slice.scenario().id(), slice.firstError())));
		return out.toString();
	}

	/**
	 * The first seconds of each client's warm-up: its throughput over them, against its
	 * own measured (warm) throughput and the other client's cold one, and the first
	 * second in which it reached 0.9 of its warm throughput.
	 */
	private void coldStart(StringBuilder out) {
		out.append(String.format(Locale.ROOT, "%nCold start: the first seconds of each client's warm-up, in "
				+ "one-second slices (not paired: the clients warm up one after the other):%n"));
		out.append(String.format(Locale.ROOT, "%-11s %-8s %7s %12s %12s %14s  %s%n", "scenario", "client",
				"seconds", "cold /s", "of its warm", "0.9 warm by", "per second"));
		for (ScenarioRun run : this.runs) {
			if (run.plainCold().isEmpty()) {
				continue;
			}
			double plainCold = coldRow(out, run.scenario(), ClientMode.PLAIN, run.plainCold(), run.plain());
			double starterCold = coldRow(out, run.scenario(), ClientMode.STARTER, run.starterCold(), run.starter());
			out.append(String.format(Locale.ROOT, "%-11s %-8s %7s %12s%n", "", "ratio", "",
					times(starterCold / plainCold)));
		}
	}

	private static double coldRow(StringBuilder out, Scenario scenario, ClientMode mode, List<Slice> cold,
			ScenarioResult warm) {
		long units = cold.stream().mapToLong(Slice::units).sum();
		double seconds = cold.stream().mapToDouble(Slice::seconds).sum();
		double perSecond = units / seconds;
		String reached = "not within " + cold.size() + " s";
		StringBuilder timeline = new StringBuilder();
		for (int i = 0; i < cold.size(); i++) {
			double share = cold.get(i).unitsPerSecond() / warm.unitsPerSecond();
			if (share >= 0.9 && reached.startsWith("not")) {
				reached = "second " + (i + 1);
			}
			timeline.append(String.format(Locale.ROOT, (i > 0) ? " %.2f" : "%.2f", share));
		}
		out.append(String.format(Locale.ROOT, "%-11s %-8s %7.1f %12s %12s %14s  %s%n", scenario.id(), mode.id(),
				seconds, number("%.1f", perSecond), times(perSecond / warm.unitsPerSecond()), reached, timeline));
		return perSecond;
	}

	private Set<String> foreign(ClientMode mode) {
		Set<String> names = new LinkedHashSet<>();
		for (ScenarioRun run : this.runs) {
			Census census = (mode == ClientMode.PLAIN) ? run.plainCensus() : run.starterCensus();
			census.foreignThreads().forEach((name) -> names.add(name.replaceAll(" x\\d+$", "")));
		}
		return names;
	}

	private static void row(StringBuilder out, ScenarioResult result) {
		out.append(String.format(Locale.ROOT, ROW, result.scenario().id(), result.mode().id(),
				number("%.1f", result.requestsPerSecond()),
				(result.scenario() == Scenario.STREAM) ? number("%.1f", result.unitsPerSecond()) : "-",
				number("%.2f", result.p50Micros() / 1000.0), number("%.2f", result.p99Micros() / 1000.0),
				number("%.3f", result.cpuMillisPerRequest()), number("%.1f", result.heapBytes() / MB),
				Integer.toString(result.liveThreads()), Long.toString(result.errors())));
	}

	private static void pooledRatioRow(StringBuilder out, ScenarioResult plain, ScenarioResult starter) {
		out.append(String.format(Locale.ROOT, ROW, "", "pooled ratio",
				times(starter.requestsPerSecond() / plain.requestsPerSecond()),
				(plain.scenario() == Scenario.STREAM) ? times(starter.unitsPerSecond() / plain.unitsPerSecond()) : "-",
				times(ratio(starter.p50Micros(), plain.p50Micros())),
				times(ratio(starter.p99Micros(), plain.p99Micros())),
				times(starter.cpuMillisPerRequest() / plain.cpuMillisPerRequest()),
				String.format(Locale.ROOT, "%+.1fM", (starter.heapBytes() - plain.heapBytes()) / MB),
				String.format(Locale.ROOT, "%+d", starter.liveThreads() - plain.liveThreads()), ""));
	}

	private static void medianRatioRow(StringBuilder out, ScenarioRun run) {
		out.append(String.format(Locale.ROOT, ROW, "", "pair median",
				times(run.pairs(Slice::requestsPerSecond).median()),
				(run.scenario() == Scenario.STREAM) ? times(run.pairs(Slice::unitsPerSecond).median()) : "-",
				times(run.pairs(Slice::p50Micros).median()), times(run.pairs(Slice::p99Micros).median()),
				times(run.pairs(Slice::cpuMillisPerRequest).median()), "", "", ""));
	}

	private static void spreadRow(StringBuilder out, Scenario scenario, String metric, PairStatistics pairs) {
		out.append(String.format(Locale.ROOT, "%-11s %-12s %5d %8s %17s %17s%n", scenario.id(), metric,
				pairs.pairs(), times(pairs.median()), range(pairs.lowerQuartile(), pairs.upperQuartile()),
				range(pairs.min(), pairs.max())));
	}

	private static void targets(StringBuilder out, ScenarioRun run) {
		String scenario = run.scenario().id();
		ScenarioResult plain = run.plain();
		ScenarioResult starter = run.starter();
		PairStatistics throughput = throughput(run);
		String throughputTarget = (run.scenario() == Scenario.STREAM) ? "chunks/s" : "requests/s";
		check(out, scenario + " " + throughputTarget + " >= 0.90 x plain", throughput.median(), "x",
				(value) -> value >= 0.90, iqr(throughput));
		PairStatistics cpu = run.pairs(Slice::cpuMillisPerRequest);
		check(out, scenario + " CPU per request <= 1.2 x plain", cpu.median(), "x", (value) -> value <= 1.2,
				iqr(cpu));
		check(out, scenario + " heap after GC within 2 MB of plain", (starter.heapBytes() - plain.heapBytes()) / MB,
				" MB", (value) -> value <= 2.0, "");
		check(out, scenario + " no errors", starter.errors() + plain.errors(), "", (value) -> value == 0, "");
	}

	private static PairStatistics throughput(ScenarioRun run) {
		return run.pairs(Slice::unitsPerSecond);
	}

	private static String throughputName(Scenario scenario) {
		return (scenario == Scenario.STREAM) ? "chunks/s" : "req/s";
	}

	private static String iqr(PairStatistics pairs) {
		return "  (IQR " + range(pairs.lowerQuartile(), pairs.upperQuartile()) + ", " + pairs.pairs() + " pairs)";
	}

	private static void check(StringBuilder out, String name, double value, String unit, DoublePredicate met,
			String note) {
		out.append(String.format(Locale.ROOT, "  %-44s %8.3f%-3s %s%s%n", name, value, unit,
				met.test(value) ? "PASS" : "FAIL", note));
	}

	private static double ratio(long starter, long plain) {
		return (plain == 0) ? Double.NaN : (double) starter / plain;
	}

	private static String times(double ratio) {
		return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.3fx", ratio) : "-";
	}

	private static String range(double low, double high) {
		return Double.isFinite(low) ? String.format(Locale.ROOT, "%.3f-%.3f", low, high) : "-";
	}

	private static String number(String format, double value) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
	}

}
