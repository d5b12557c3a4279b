package io.github.openaiboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the fresh JVMs of the benchmarks that time a JVM's start ({@link FirstCallBenchmark},
 * {@link StartUpBenchmark}): each child prints one {@code RESULT} line of figures.
 *
 * @author openai-spring-boot
 */
final class ChildJvms {

	private static final String RESULT = "RESULT ";

	private ChildJvms() {
	}

	/**
	 * Return the start of a command that runs a class of the benchmarks in a new JVM
	 * with the given options and this JVM's class path.
	 * @param options the JVM's options
	 * @return the command, to which the main class and its arguments are added
	 */
	static List<String> java(List<String> options) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path")));
		return command;
	}

	/**
	 * Run a child JVM to its end and return the figures of its {@code RESULT} line.
	 * @param command the command
	 * @return the figures
	 * @throws IOException if the child cannot be started
	 * @throws InterruptedException if interrupted while it runs
	 */
	static double[] result(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String result = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith(RESULT)) {
					result = line;
				}
			}
		}
		if (process.waitFor() != 0 || result == null) {
			throw new UncheckedIOException(new IOException("The child JVM failed: " + command));
		}
		return Arrays.stream(result.substring(RESULT.length()).split(" ")).mapToDouble(Double::parseDouble).toArray();
	}

	/**
	 * Return a quantile of figures, interpolated between the two nearest.
	 * @param values the figures
	 * @param q the quantile, 0.5 for the median
	 * @return the quantile
	 */
	static double quantile(double[] values, double q) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		double position = q * (sorted.length - 1);
		int lower = (int) Math.floor(position);
		int upper = (int) Math.ceil(position);
		return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
	}

}
