package io.github.openaiboot.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What each stage of the starter's pipeline costs per call: a chat call answered from
 * memory, with the starter's defaults and with stages switched off by their properties,
 * one at a time and all together. Run with {@code -prof gc} for the bytes allocated per
 * call, which, unlike time, do not depend on how busy the machine is.
 *
 * @author openai-spring-boot
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class StageCostBenchmark {

	/**
	 * Which stages are on.
	 */
	@Param({ "defaults", "no-pacing", "no-retry", "no-long-task-timers", "no-gen-ai-observation", "no-observation",
			"none" })
	public String stages;

	private ConfigurableApplicationContext context;

	private BenchmarkClient client;

	/**
	 * Start the application with the stages of {@link #stages}.
	 */
	@Setup(Level.Trial)
	public void start() {
		this.context = BenchmarkContexts.starter(new InMemoryExchange(), properties(this.stages));
		this.client = new StarterBenchmarkClient(this.context);
	}

	/**
	 * Close the application.
	 */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

	@Benchmark
	public Integer chat() {
		return this.client.chat().block();
	}

	static String[] properties(String stages) {
		String noPacing = "openai.rate-limit.enabled=false";
		String noRetry = "openai.retry.enabled=false";
		String noGenAi = "management.observations.enable.gen_ai=false";
		String noHttp = "management.observations.enable.http=false";
		String noLongTaskTimers = "management.metrics.observations.ignored-meters=long-task-timer";
		return switch (stages) {
			case "defaults" -> new String[0];
			case "no-pacing" -> new String[] { noPacing };
			case "no-retry" -> new String[] { noRetry };
			case "no-long-task-timers" -> new String[] { noLongTaskTimers };
			case "no-gen-ai-observation" -> new String[] { noGenAi };
			case "no-observation" -> new String[] { noGenAi, noHttp };
			case "none" -> new String[] { noPacing, noRetry, noGenAi, noHttp };
			default -> throw new IllegalArgumentException("Unknown stages '" + stages + "'");
		};
	}

}
