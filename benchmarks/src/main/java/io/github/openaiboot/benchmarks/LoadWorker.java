package io.github.openaiboot.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Drives one client through the scenarios against a running fake server: for each
 * scenario a warm-up, then a measured closed loop, then a census of heap and threads.
 * Run as a JVM of its own ({@code LoadWorker <plain|starter> <baseUrl>}) so that each
 * client's CPU time, heap and threads are its own; the plain client runs in the same
 * Spring Boot application as the starter, only without the starter's
 * auto-configurations, so that heap figures compare like with like.
 *
 * @author openai-spring-boot
 */
public final class LoadWorker {

	private LoadWorker() {
	}

	/**
	 * Run one client and print one {@code @@result} line per scenario.
	 * @param args the client ({@code plain} or {@code starter}) and the base URL
	 */
	public static void main(String[] args) {
		ClientMode mode = ClientMode.valueOf(args[0].toUpperCase(Locale.ROOT));
		for (ScenarioResult result : run(mode, args[1], LoadSettings.fromSystemProperties())) {
			System.out.println(result.toLine());
		}
		System.exit(0);
	}

	/**
	 * Run one client through the scenarios of the settings.
	 * @param mode the client
	 * @param baseUrl the fake server's base URL
	 * @param settings the settings
	 * @return one result per scenario
	 */
	public static List<ScenarioResult> run(ClientMode mode, String baseUrl, LoadSettings settings) {
		List<ScenarioResult> results = new ArrayList<>();
		try (ConfigurableApplicationContext context = (mode == ClientMode.STARTER)
				? BenchmarkContexts.starter(baseUrl) : BenchmarkContexts.withoutStarter()) {
			BenchmarkClient client = (mode == ClientMode.STARTER) ? new StarterBenchmarkClient(context)
					: settings.plainFromBootBuilder()
							? PlainBenchmarkClient.create(context.getBean(WebClient.Builder.class), baseUrl)
							: PlainBenchmarkClient.create(baseUrl);
			for (Scenario scenario : settings.scenarios()) {
				results.add(run(mode, scenario, client, settings));
			}
		}
		return results;
	}

	private static ScenarioResult run(ClientMode mode, Scenario scenario, BenchmarkClient client,
			LoadSettings settings) {
		if (!settings.warmup().isZero()) {
			ClosedLoop.run(() -> scenario.call(client), settings.concurrency(), settings.warmup());
		}
		JvmProbe.heapAfterGc();
		long cpuBefore = JvmProbe.clientCpuNanos();
		ClosedLoop.Sample sample = ClosedLoop.run(() -> scenario.call(client), settings.concurrency(),
				settings.duration());
		long cpu = JvmProbe.clientCpuNanos() - cpuBefore;
		long heap = JvmProbe.heapAfterGc();
		Throwable error = sample.firstError();
		return new ScenarioResult(scenario, mode, sample.requests(), sample.units(), sample.errors(),
				sample.elapsedNanos() / 1e9, sample.p50Micros(), sample.p99Micros(), cpu, heap,
				JvmProbe.liveThreads(), JvmProbe.foreignThreads(), (error != null) ? error.toString() : "");
	}

}
