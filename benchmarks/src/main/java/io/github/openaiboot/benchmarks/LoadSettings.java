package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the load benchmark, read from system properties.
 *
 * @param duration measured time per scenario and client ({@code -Dduration}, seconds)
 * @param warmup unmeasured time before each measurement ({@code -Dwarmup}, seconds)
 * @param concurrency callers in the closed loop ({@code -Dconcurrency})
 * @param rounds how many times each client runs, alternating ({@code -Drounds})
 * @param scenarios the scenarios ({@code -Dscenarios}, comma-separated)
 * @param fork whether each client runs in a JVM of its own ({@code -Dfork})
 * @param serverThreads event-loop threads of the fake server ({@code -Dserver.threads})
 * @param plainFromBootBuilder whether the plain client starts from Spring Boot's
 * {@code WebClient.Builder}, and so gets its observation, rather than
 * {@code WebClient.builder()} ({@code -Dplain.boot-builder})
 * @author openai-spring-boot
 */
public record LoadSettings(Duration duration, Duration warmup, int concurrency, int rounds, List<Scenario> scenarios,
		boolean fork, int serverThreads, boolean plainFromBootBuilder) {

	/**
	 * Read the settings from system properties, with defaults.
	 * @return the settings
	 */
	public static LoadSettings fromSystemProperties() {
		return new LoadSettings(seconds("duration", "10"), seconds("warmup", "5"),
				Integer.parseInt(System.getProperty("concurrency", "32")),
				Integer.parseInt(System.getProperty("rounds", "2")),
				Arrays.stream(System.getProperty("scenarios", "chat,stream,embeddings").split(","))
					.filter((id) -> !id.isBlank())
					.map(Scenario::of)
					.toList(),
				Boolean.parseBoolean(System.getProperty("fork", "true")),
				Integer.parseInt(System.getProperty("server.threads", "1")),
				Boolean.parseBoolean(System.getProperty("plain.boot-builder", "false")));
	}

	/**
	 * Return these settings as system-property arguments for a worker JVM.
	 * @return the arguments
	 */
	List<String> asJvmArguments() {
		return List.of("-Dduration=" + decimalSeconds(this.duration), "-Dwarmup=" + decimalSeconds(this.warmup),
				"-Dconcurrency=" + this.concurrency,
				"-Dscenarios=" + String.join(",", this.scenarios.stream().map(Scenario::id).toList()),
				"-Dplain.boot-builder=" + this.plainFromBootBuilder);
	}

	private static Duration seconds(String property, String defaultValue) {
		return Duration.ofMillis(Math.round(Double.parseDouble(System.getProperty(property, defaultValue)) * 1000));
	}

	private static String decimalSeconds(Duration duration) {
		return Double.toString(duration.toMillis() / 1000.0);
	}

}
