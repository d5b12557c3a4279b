package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.List;

import io.github.openaiboot.core.RateLimitTracker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the load benchmark works, without running it: each client, each scenario,
 * half a second against the fake server, in this JVM.
 *
 * @author openai-spring-boot
 */
class LoadBenchmarkSmokeTests {

	private static final LoadSettings SETTINGS = new LoadSettings(Duration.ofMillis(500), Duration.ZERO, 4, 1,
			List.of(Scenario.values()), false, 1, false);

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
	void starterAnswersEveryScenarioWithoutErrors() {
		assertEveryScenarioAnswered(LoadWorker.run(ClientMode.STARTER, server.baseUrl(), SETTINGS));
	}

	@Test
	void plainClientAnswersEveryScenarioWithoutErrors() {
		assertEveryScenarioAnswered(LoadWorker.run(ClientMode.PLAIN, server.baseUrl(), SETTINGS));
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
	void reportComparesTheClientsAndChecksTheTargets() {
		List<ScenarioResult> results = List.of(result(ClientMode.PLAIN, 1000, 1_000_000_000L),
				result(ClientMode.STARTER, 950, 1_100_000_000L));
		String report = new LoadReport(new LoadSettings(Duration.ofSeconds(1), Duration.ZERO, 32, 1,
				List.of(Scenario.CHAT), true, 1, false), results).render();
		assertThat(report).contains("ratio", "0.950x", "chat requests/s >= 0.90 x plain", "PASS")
			.contains("starter-only: none");
	}

	@Test
	void resultSurvivesTheTripThroughAWorkerProcessLine() {
		ScenarioResult result = result(ClientMode.STARTER, 42, 7);
		assertThat(ScenarioResult.parse(result.toLine())).isEqualTo(result);
	}

	private static ScenarioResult result(ClientMode mode, long requests, long cpuNanos) {
		return new ScenarioResult(Scenario.CHAT, mode, requests, requests, 0, 1.0, 2000, 9000, cpuNanos, 20_000_000,
				12, List.of("my-pool-N x2"), "");
	}

	private static void assertEveryScenarioAnswered(List<ScenarioResult> results) {
		assertThat(results).extracting(ScenarioResult::scenario).containsExactly(Scenario.values());
		for (ScenarioResult result : results) {
			assertThat(result.errors()).as(result.scenario() + ": " + result.firstError()).isZero();
			assertThat(result.requests()).as(result.scenario().id()).isPositive();
			assertThat(result.p50Micros()).isPositive();
			assertThat(result.cpuNanos()).isPositive();
			assertThat(result.heapBytes()).isPositive();
			long unitsPerRequest = (result.scenario() == Scenario.STREAM) ? CannedResponses.CHUNKS_PER_STREAM : 1;
			assertThat(result.units()).isEqualTo(result.requests() * unitsPerRequest);
		}
	}

}
