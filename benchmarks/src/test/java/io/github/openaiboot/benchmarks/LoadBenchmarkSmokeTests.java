package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.List;

import io.github.openaiboot.core.RateLimitTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the load benchmark works, without running it: the paired protocol with tiny
 * slices against the fake server, both clients in this JVM for every scenario, and (with
 * {@code -Dsmoke.fork=true}) both clients in worker JVMs of their own for one.
 *
 * @author openai-spring-boot
 */
class LoadBenchmarkSmokeTests {

	private static FakeOpenAiServer server;

	@BeforeAll
	static void startServer() {
		server = FakeOpenAiServer.start(1);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void pairedRunMeasuresBothClientsInEveryScenario() {
		LoadSettings settings = settings(List.of(Scenario.values()), false);
		List<ScenarioRun> runs = LoadBenchmark.run(settings, server.baseUrl());
		assertMeasured(runs, settings);
		assertThat(new LoadReport(settings, runs).render()).contains("pooled ratio", "pair median",
				"stream chunks/s >= 0.90 x plain", "embeddings CPU per request <= 1.2 x plain", "starter-only:");
	}

	@Test
	void calibrationPutsThePlainExchangeOnBootsBuilderInTheStartersPlace() {
		LoadSettings settings = new LoadSettings(Duration.ofMillis(400), Duration.ofMillis(100),
				Duration.ofMillis(200), 4, List.of(Scenario.CHAT), false, 1, false, true, "");
		try (LoadWorker worker = LoadWorker.start(ClientMode.STARTER, server.baseUrl(), settings)) {
			assertThat(worker.client()).isInstanceOf(PlainBenchmarkClient.class);
			assertThat(Slice.parse(worker.send("run chat 0.2")).requests()).isPositive();
			assertThat(new LoadReport(settings, List.of()).render()).contains("Calibration");
		}
		assertThat(settings.asJvmArguments()).contains("-Dcalibrate.boot-builder=true");
	}

	/**
	 * Two cold Spring Boot JVMs take some ten seconds on a small machine, so this one
	 * runs only with {@code -Dsmoke.fork=true}; the in-process run above goes through the
	 * same commands and replies.
	 */
	@Test
	@EnabledIfSystemProperty(named = "smoke.fork", matches = "true")
	void forkedWorkersAnswerThroughTheirStandardStreams() {
		// No warm-up and the quick compiler only: this checks the plumbing, not speed
		LoadSettings settings = new LoadSettings(Duration.ofMillis(200), Duration.ZERO, Duration.ofMillis(100), 4,
				List.of(Scenario.CHAT), true, 1, false, false, "-XX:TieredStopAtLevel=1 -Dworker.name={client}");
		assertMeasured(LoadBenchmark.run(settings, server.baseUrl()), settings);
	}

	@Test
	void workerRepliesWithAnErrorToWhatItDoesNotUnderstand() {
		try (LoadWorker worker = LoadWorker.start(ClientMode.PLAIN, server.baseUrl(),
				settings(List.of(Scenario.CHAT), false))) {
			assertThat(worker.reply("dance")).startsWith(WorkerProtocol.ERROR + "\tUnknown command");
			assertThat(worker.reply("run nothing 1.0")).startsWith(WorkerProtocol.ERROR);
			assertThat(Census.parse(worker.reply("census")).heapBytes()).isPositive();
		}
	}

	@Test
	void starterReadsTheFakeServersRateLimitHeaders() {
		try (ConfigurableApplicationContext context = BenchmarkContexts.starter(server.baseUrl())) {
			assertThat(new StarterBenchmarkClient(context).chat().block(Duration.ofSeconds(30))).isEqualTo(1);
			RateLimitTracker.Snapshot latest = context.getBean(RateLimitTracker.class).latest();
			assertThat(latest).isNotNull();
			assertThat(latest.headers().toString()).contains("9999");
		}
	}

	@Test
	void reportComparesTheClientsAndChecksTheTargetsByTheMedianPairRatio() {
		// The third pair ran on a machine three times as fast: it moves the pooled ratio,
		// not the median
		List<Slice> plain = List.of(slice(ClientMode.PLAIN, 1000), slice(ClientMode.PLAIN, 1000),
				slice(ClientMode.PLAIN, 3000));
		List<Slice> starter = List.of(slice(ClientMode.STARTER, 950), slice(ClientMode.STARTER, 940),
				slice(ClientMode.STARTER, 3600));
		ScenarioRun run = new ScenarioRun(Scenario.CHAT, plain, starter, census(ClientMode.PLAIN),
				census(ClientMode.STARTER));
		LoadSettings settings = new LoadSettings(Duration.ofSeconds(3), Duration.ZERO, Duration.ofSeconds(1), 32,
				List.of(Scenario.CHAT), true, 1, false, false, "");
		String report = new LoadReport(settings, List.of(run)).render();
		assertThat(report).containsPattern("pooled ratio +1\\.098x")
			.containsPattern("pair median +0\\.950x")
			.containsPattern("chat +req/s +3 +0\\.950x +0\\.945-1\\.075 +0\\.940-1\\.200")
			.containsPattern("chat requests/s >= 0.90 x plain +0\\.950x +PASS +\\(IQR 0\\.945-1\\.075, 3 pairs\\)")
			.contains("chat CPU per request <= 1.2 x plain", "starter-only: none");
	}

	@Test
	void reportShowsEachClientsColdStartAgainstItsWarmThroughput() {
		List<Slice> plain = List.of(slice(ClientMode.PLAIN, 1000), slice(ClientMode.PLAIN, 1000));
		List<Slice> starter = List.of(slice(ClientMode.STARTER, 800), slice(ClientMode.STARTER, 800));
		List<Slice> plainCold = List.of(slice(ClientMode.PLAIN, 600), slice(ClientMode.PLAIN, 950),
				slice(ClientMode.PLAIN, 1000));
		List<Slice> starterCold = List.of(slice(ClientMode.STARTER, 200), slice(ClientMode.STARTER, 400),
				slice(ClientMode.STARTER, 600));
		ScenarioRun run = new ScenarioRun(Scenario.CHAT, plain, starter, census(ClientMode.PLAIN),
				census(ClientMode.STARTER), plainCold, starterCold);
		LoadSettings settings = new LoadSettings(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(1),
				32, List.of(Scenario.CHAT), true, 1, false, false, "");
		String report = new LoadReport(settings, List.of(run)).render();
		assertThat(report).contains("Cold start")
			.containsPattern("chat +plain +3\\.0 +850\\.0 +0\\.850x +second 2 +0\\.60 0\\.95 1\\.00")
			.containsPattern("chat +starter +3\\.0 +400\\.0 +0\\.500x +not within 3 s +0\\.25 0\\.50 0\\.75")
			.containsPattern("ratio +0\\.471x");
	}

	@Test
	void sliceAndCensusSurviveTheTripThroughAWorkerProcessLine() {
		Slice slice = new Slice(Scenario.STREAM, ClientMode.STARTER, 42, 42 * 23, 1, 1_000_123_456L, 7_000_000,
				histogram(1_500_000, 2_000_000, 90_000_000), "java.lang.IllegalStateException: bad\tchunk");
		Slice parsed = Slice.parse(slice.toLine());
		assertThat(parsed.toLine()).isEqualTo(slice.toLine());
		assertThat(parsed.p99Micros()).isEqualTo(slice.p99Micros());
		assertThat(parsed.firstError()).isEqualTo("java.lang.IllegalStateException: bad chunk");
		Census census = census(ClientMode.PLAIN);
		assertThat(Census.parse(census.toLine())).isEqualTo(census);
	}

	private static LoadSettings settings(List<Scenario> scenarios, boolean fork) {
		return new LoadSettings(Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(200), 4, scenarios,
				fork, 1, false, false, "");
	}

	private static Slice slice(ClientMode mode, long requests) {
		return new Slice(Scenario.CHAT, mode, requests, requests, 0, 1_000_000_000L, requests * 200_000,
				histogram(2_000_000, 9_000_000), "");
	}

	private static Census census(ClientMode mode) {
		return new Census(mode, 20_000_000, 12, List.of("my-pool-N x2"));
	}

	private static LatencyHistogram histogram(long... nanos) {
		LatencyHistogram histogram = new LatencyHistogram();
		for (long latency : nanos) {
			histogram.recordNanos(latency);
		}
		return histogram;
	}

	private static void assertMeasured(List<ScenarioRun> runs, LoadSettings settings) {
		assertThat(runs).extracting(ScenarioRun::scenario).containsExactlyElementsOf(settings.scenarios());
		for (ScenarioRun run : runs) {
			assertThat(run.plainSlices()).hasSize(settings.slicesPerScenario());
			assertThat(run.starterSlices()).hasSize(settings.slicesPerScenario());
			for (ScenarioResult result : List.of(run.plain(), run.starter())) {
				String what = result.mode().id() + " " + result.scenario().id() + ": " + result.firstError();
				assertThat(result.errors()).as(what).isZero();
				assertThat(result.requests()).as(what).isPositive();
				assertThat(result.p50Micros()).as(what).isPositive();
				assertThat(result.cpuNanos()).as(what).isPositive();
				assertThat(result.heapBytes()).as(what).isPositive();
				assertThat(result.liveThreads()).as(what).isPositive();
				long unitsPerRequest = (result.scenario() == Scenario.STREAM) ? CannedResponses.CHUNKS_PER_STREAM : 1;
				assertThat(result.units()).as(what).isEqualTo(result.requests() * unitsPerRequest);
			}
			assertThat(run.plainCensus().mode()).isEqualTo(ClientMode.PLAIN);
			assertThat(run.starterCensus().mode()).isEqualTo(ClientMode.STARTER);
			assertThat(run.pairs(Slice::unitsPerSecond).pairs()).isEqualTo(settings.slicesPerScenario());
		}
	}

}
