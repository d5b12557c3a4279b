package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the load benchmark, read from system properties.
 *
 * @param duration measured time per scenario and client ({@code -Dduration}, seconds),
 * rounded up to whole slices
 * @param warmup unmeasured time per scenario and client before the slices
 * ({@code -Dwarmup}, seconds)
 * @param slice how long a client runs before the other takes its turn ({@code -Dslice},
 * seconds)
 * @param concurrency callers in the closed loop ({@code -Dconcurrency})
 * @param scenarios the scenarios ({@code -Dscenarios}, comma-separated)
 * @param fork whether each client runs in a JVM of its own ({@code -Dfork})
 * @param serverThreads event-loop threads of the fake server ({@code -Dserver.threads})
 * @param plainFromBootBuilder whether the plain client starts from Spring Boot's
 * {@code WebClient.Builder}, and so gets its observation, rather than
 * {@code WebClient.builder()} ({@code -Dplain.boot-builder})
 * @param calibrateBootBuilder whether the starter's place is taken by the plain exchange
 * on Spring Boot's {@code WebClient.Builder} in an application without the starter, so
 * that the run measures what Boot's builder (its {@code http.client.requests}
 * observation) costs over the plain baseline, with no starter code involved
 * ({@code -Dcalibrate.boot-builder})
 * @param workerJvmArgs JVM options appended to each worker's, with {@code {client}}
 * replaced by {@code plain} or {@code starter} ({@code -Dworker.jvmArgs})
 * @author openai-spring-boot
 */
public record LoadSettings(Duration duration, Duration warmup, Duration slice, int concurrency,
		List<Scenario> scenarios, boolean fork, int serverThreads, boolean plainFromBootBuilder,
		boolean calibrateBootBuilder, String workerJvmArgs) {

	/**
	 * Check the settings.
	 */
	public LoadSettings {
		if (slice.isNegative() || slice.isZero()) {
			throw new IllegalArgumentException("slice must be positive but was " + slice);
		}
	}

	/**
	 * Read the settings from system properties, with defaults.
	 * @return the settings
	 */
	public static LoadSettings fromSystemProperties() {
		return new LoadSettings(seconds("duration", "10"), seconds("warmup", "20"), seconds("slice", "1"),
				Integer.parseInt(System.getProperty("concurrency", "32")),
				Arrays.stream(System.getProperty("scenarios", "chat,stream,embeddings").split(","))
					.filter((id) -> !id.isBlank())
					.map(Scenario::of)
					.toList(),
				Boolean.parseBoolean(System.getProperty("fork", "true")),
				Integer.parseInt(System.getProperty("server.threads", "1")),
				Boolean.parseBoolean(System.getProperty("plain.boot-builder", "false")),
				Boolean.parseBoolean(System.getProperty("calibrate.boot-builder", "false")),
				System.getProperty("worker.jvmArgs", "").strip());
	}

	/**
	 * Read how long the benchmark loads the fake server itself before the workers start
	 * ({@code -Dserver.warmup}, seconds, 10 by default).
	 * @return the server's warm-up
	 */
	static Duration serverWarmupFromSystemProperties() {
		return seconds("server.warmup", "10");
	}

	/**
	 * Return how many slices each client runs per scenario: enough for
	 * {@link #duration()}, at least one.
	 * @return the number of slices
	 */
	int slicesPerScenario() {
		long slices = (this.duration.toMillis() + this.slice.toMillis() - 1) / this.slice.toMillis();
		return (int) Math.max(1, slices);
	}

	/**
	 * Return the settings a worker JVM needs, as system-property arguments.
	 * @return the arguments
	 */
	List<String> asJvmArguments() {
		return List.of("-Dconcurrency=" + this.concurrency, "-Dplain.boot-builder=" + this.plainFromBootBuilder,
				"-D" + BenchmarkContexts.PROPERTIES + "=" + System.getProperty(BenchmarkContexts.PROPERTIES, ""),
				"-Dcalibrate.boot-builder=" + this.calibrateBootBuilder);
	}

	/**
	 * Return the worker JVM options for a client.
	 * @param mode the client
	 * @return the options, with {@code {client}} replaced
	 */
	List<String> workerJvmArgs(ClientMode mode) {
		if (this.workerJvmArgs.isBlank()) {
			return List.of();
		}
		return Arrays.asList(this.workerJvmArgs.replace("{client}", mode.id()).strip().split("\\s+"));
	}

	private static Duration seconds(String property, String defaultValue) {
		return WorkerProtocol.seconds(System.getProperty(property, defaultValue));
	}

}
