package io.github.openaiboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Load benchmark of the starter's clients against a plain {@code WebClient}: starts a
 * fake OpenAI server, then runs each client through the scenarios, alternating the order
 * round by round (plain, starter; starter, plain; ...), each run in a fresh JVM unless
 * {@code -Dfork=false}, and prints a table of the best round of each client and their
 * ratio.
 *
 * @author openai-spring-boot
 * @see LoadSettings
 */
public final class LoadBenchmark {

	private LoadBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args not used; see {@link LoadSettings} for the system properties
	 */
	public static void main(String[] args) {
		LoadSettings settings = LoadSettings.fromSystemProperties();
		List<ScenarioResult> results = new ArrayList<>();
		try (FakeOpenAiServer server = FakeOpenAiServer.start(settings.serverThreads())) {
			for (int round = 0; round < settings.rounds(); round++) {
				List<ClientMode> order = (round % 2 == 0) ? List.of(ClientMode.PLAIN, ClientMode.STARTER)
						: List.of(ClientMode.STARTER, ClientMode.PLAIN);
				for (ClientMode mode : order) {
					System.err.printf("round %d/%d: %s%n", round + 1, settings.rounds(), mode.id());
					results.addAll(settings.fork() ? forked(mode, server.baseUrl(), settings)
							: LoadWorker.run(mode, server.baseUrl(), settings));
				}
			}
		}
		System.out.print(new LoadReport(settings, results).render());
		System.exit(0);
	}

	private static List<ScenarioResult> forked(ClientMode mode, String baseUrl, LoadSettings settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String childJvmArgs = System.getProperty("child.jvmArgs");
		if (childJvmArgs != null) {
			command.addAll(List.of(childJvmArgs.trim().split("\\s+")));
		}
		else {
			ManagementFactory.getRuntimeMXBean()
				.getInputArguments()
				.stream()
				.filter((argument) -> !argument.startsWith("-D") && !argument.startsWith("-agentlib:jdwp"))
				.forEach(command::add);
		}
		command.addAll(settings.asJvmArguments());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadWorker.class.getName(), mode.id(),
				baseUrl));
		List<ScenarioResult> results = new ArrayList<>();
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = output.readLine()) != null) {
					if (ScenarioResult.isLine(line)) {
						results.add(ScenarioResult.parse(line));
					}
					else {
						System.err.println("  [" + mode.id() + "] " + line);
					}
				}
			}
			int exit = process.waitFor();
			if (exit != 0 || results.size() != settings.scenarios().size()) {
				throw new IllegalStateException("The " + mode.id() + " worker failed (exit code " + exit + ")");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return results;
	}

}
