package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load benchmark of the starter's clients against a plain {@code WebClient}, measured in
 * paired, interleaved slices: it starts a fake OpenAI server and both clients' workers,
 * each in a JVM of its own unless {@code -Dfork=false}, kept alive throughout. For each
 * scenario, each worker warms up in turn, then the workers take turns to load the
 * server for a short slice in ABBA order (plain, starter, starter, plain, plain, ...),
 * only one at a time while the other waits idle, until each has the measured time it
 * is due. Adjacent slices of the two clients form a pair that saw nearly the same
 * machine, so the median of the pairs' ratios holds still where whole runs minutes apart
 * do not. Prints a table of pooled figures, pooled and median pair ratios, and whether
 * the starter meets its targets.
 *
 * @author openai-spring-boot
 * @see LoadSettings
 * @see WorkerProtocol
 */
public final class LoadBenchmark {

	/**
	 * Seconds at the start of each client's warm-up measured one by one, as its cold
	 * start.
	 */
	static final int COLD_SECONDS = 10;

	private LoadBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args not used; see {@link LoadSettings} for the system properties
	 */
	public static void main(String[] args) {
		LoadSettings settings = LoadSettings.fromSystemProperties();
		List<ScenarioRun> runs;
		SelfSignedTls tls = Boolean.getBoolean("server.tls") ? SelfSignedTls.create() : null;
		if (tls != null) {
			tls.trustInThisJvm();
		}
		try (FakeOpenAiServer server = (tls != null) ? FakeOpenAiServer.startSecure(settings.serverThreads(), tls)
				: FakeOpenAiServer.start(settings.serverThreads())) {
			if (settings.fork()) {
				warmUpServer(server.baseUrl(), settings, LoadSettings.serverWarmupFromSystemProperties());
			}
			runs = run(settings, server.baseUrl());
		}
		System.out.print(new LoadReport(settings, runs).render());
		System.exit(0);
	}

	/**
	 * Load the fake server from this JVM, before any worker starts, with a plain client
	 * running each scenario in turn, so that the server's own code is compiled before
	 * the first client's cold start is measured: otherwise the client that warms up first
	 * would share its first seconds with a server still being compiled.
	 */
	private static void warmUpServer(String baseUrl, LoadSettings settings, Duration warmup) {
		if (warmup.isZero()) {
			return;
		}
		PlainBenchmarkClient client = PlainBenchmarkClient.create(baseUrl);
		Duration each = warmup.dividedBy(settings.scenarios().size());
		for (Scenario scenario : settings.scenarios()) {
			ClosedLoop.run(() -> scenario.call(client), settings.concurrency(), each);
			progress("server warm-up: %s for %.1f s", scenario.id(), each.toMillis() / 1000.0);
		}
	}

	/**
	 * Start both clients' workers, measure them, and stop them.
	 * @param settings the settings
	 * @param baseUrl the fake server's base URL
	 * @return what each scenario measured
	 */
	static List<ScenarioRun> run(LoadSettings settings, String baseUrl) {
		if (!settings.fork()) {
			if (!settings.workerJvmArgs().isEmpty()) {
				System.err.println("worker.jvmArgs is ignored with fork=false: both clients run in this JVM");
			}
			progress("starting both clients in this JVM");
			try (LoadWorker plain = LoadWorker.start(ClientMode.PLAIN, baseUrl, settings);
					LoadWorker starter = LoadWorker.start(ClientMode.STARTER, baseUrl, settings)) {
				return measure(settings, plain, starter);
			}
		}
		progress("starting the plain and the starter worker JVMs");
		try (ForkedWorker plain = ForkedWorker.start(ClientMode.PLAIN, baseUrl, settings);
				ForkedWorker starter = ForkedWorker.start(ClientMode.STARTER, baseUrl, settings)) {
			plain.awaitReady();
			starter.awaitReady();
			return measure(settings, plain, starter);
		}
	}

	/**
	 * Drive two running workers through the scenarios: for each, a warm-up of each worker
	 * in turn, then slices in ABBA order until each worker has run
	 * {@link LoadSettings#slicesPerScenario()} slices, then a census of each.
	 * @param settings the settings
	 * @param plain the plain client's worker
	 * @param starter the starter's worker
	 * @return what each scenario measured
	 */
	static List<ScenarioRun> measure(LoadSettings settings, WorkerChannel plain, WorkerChannel starter) {
		int pairs = settings.slicesPerScenario();
		List<ScenarioRun> runs = new ArrayList<>();
		for (Scenario scenario : settings.scenarios()) {
			List<Slice> plainCold = new ArrayList<>();
			List<Slice> starterCold = new ArrayList<>();
			if (!settings.warmup().isZero()) {
				for (WorkerChannel worker : List.of(plain, starter)) {
					List<Slice> cold = (worker == plain) ? plainCold : starterCold;
					warmUp(worker, scenario, settings.warmup(), cold);
				}
			}
			String command = WorkerProtocol.run(scenario, settings.slice());
			List<Slice> plainSlices = new ArrayList<>();
			List<Slice> starterSlices = new ArrayList<>();
			for (int pair = 0; pair < pairs; pair++) {
				boolean plainFirst = pair % 2 == 0;
				for (WorkerChannel worker : plainFirst ? List.of(plain, starter) : List.of(starter, plain)) {
					Slice slice = slice(worker, scenario, command);
					((worker == plain) ? plainSlices : starterSlices).add(slice);
				}
				Slice plainSlice = plainSlices.get(pair);
				Slice starterSlice = starterSlices.get(pair);
				progress("%s: pair %d/%d (%s first): plain %.0f/s, starter %.0f/s, ratio %.3f", scenario.id(),
						pair + 1, pairs, plainFirst ? "plain" : "starter", plainSlice.unitsPerSecond(),
						starterSlice.unitsPerSecond(), starterSlice.unitsPerSecond() / plainSlice.unitsPerSecond());
			}
			Census plainCensus = Census.parse(plain.send(WorkerProtocol.CENSUS_COMMAND));
			Census starterCensus = Census.parse(starter.send(WorkerProtocol.CENSUS_COMMAND));
			runs.add(new ScenarioRun(scenario, plainSlices, starterSlices, plainCensus, starterCensus, plainCold,
					starterCold));
		}
		return runs;
	}

	/**
	 * Warm a worker up: its first {@value #COLD_SECONDS} seconds (or all of the warm-up,
	 * when shorter) as one-second slices, kept as the scenario's cold start, then the rest
	 * in one run.
	 */
	private static void warmUp(WorkerChannel worker, Scenario scenario, Duration warmup, List<Slice> cold) {
		long coldSeconds = Math.min(COLD_SECONDS, warmup.toSeconds());
		String second = WorkerProtocol.run(scenario, Duration.ofSeconds(1));
		for (int i = 0; i < coldSeconds; i++) {
			cold.add(slice(worker, scenario, second));
		}
		Duration rest = warmup.minusSeconds(coldSeconds);
		long requests = cold.stream().mapToLong(Slice::requests).sum();
		long errors = cold.stream().mapToLong(Slice::errors).sum();
		double seconds = cold.stream().mapToDouble(Slice::seconds).sum();
		if (!rest.isZero()) {
			Slice slice = slice(worker, scenario, WorkerProtocol.run(scenario, rest));
			requests += slice.requests();
			errors += slice.errors();
			seconds += slice.seconds();
		}
		progress("%s: %s warmed up, %.1f s, %.0f req/s, %d errors", scenario.id(), worker.mode().id(), seconds,
				requests / seconds, errors);
	}

	private static Slice slice(WorkerChannel worker, Scenario scenario, String command) {
		Slice slice = Slice.parse(worker.send(command));
		if (slice.mode() != worker.mode() || slice.scenario() != scenario) {
			throw new IllegalStateException("Asked " + worker.mode().id() + " for '" + command + "' but got "
					+ slice.mode().id() + " " + slice.scenario().id());
		}
		return slice;
	}

	private static void progress(String format, Object... args) {
		System.err.println(String.format(Locale.ROOT, format, args));
	}

}
