package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The control channel between the load benchmark and a {@link LoadWorker}: one command
 * per line on the worker's standard input, one reply per command on its standard
 * output. Replies start with {@value #REPLY}; any other output line (a log line) is not
 * a reply. Fields of a reply are {@code name=value} pairs separated by tabs.
 * <table>
 * <caption>Commands</caption>
 * <tr><th>command</th><th>reply</th></tr>
 * <tr><td>(start-up)</td><td>{@code @@ready}</td></tr>
 * <tr><td>{@code run chat 1.0}</td><td>a {@link Slice}: {@code @@result ...}</td></tr>
 * <tr><td>{@code census}</td><td>a {@link Census}: {@code @@census ...}</td></tr>
 * <tr><td>{@code exit}</td><td>none, the worker ends</td></tr>
 * <tr><td>(a failure)</td><td>{@code @@error ...}</td></tr>
 * </table>
 *
 * @author openai-spring-boot
 */
final class WorkerProtocol {

	/**
	 * What every reply starts with.
	 */
	static final String REPLY = "@@";

	static final String READY = "@@ready";

	static final String RESULT = "@@result";

	static final String CENSUS = "@@census";

	static final String ERROR = "@@error";

	static final String RUN_COMMAND = "run";

	static final String CENSUS_COMMAND = "census";

	static final String EXIT_COMMAND = "exit";

	private WorkerProtocol() {
	}

	/**
	 * Return the command that runs a scenario for a while.
	 * @param scenario the scenario
	 * @param duration how long
	 * @return the command, such as {@code run chat 1.0}
	 */
	static String run(Scenario scenario, Duration duration) {
		return String.format(Locale.ROOT, "%s %s %s", RUN_COMMAND, scenario.id(), seconds(duration));
	}

	/**
	 * Return a duration in seconds as text with a decimal point.
	 * @param duration the duration
	 * @return the text, such as {@code 1.5}
	 */
	static String seconds(Duration duration) {
		return Double.toString(duration.toMillis() / 1000.0);
	}

	/**
	 * Read a duration in seconds, which may have a fraction.
	 * @param seconds the text, such as {@code 1.5}
	 * @return the duration, to the millisecond
	 */
	static Duration seconds(String seconds) {
		return Duration.ofMillis(Math.round(Double.parseDouble(seconds) * 1000));
	}

	/**
	 * Return a reply line.
	 * @param kind the kind of reply, such as {@value #RESULT}
	 * @param fields the fields, {@code name=value} each; tabs and line breaks in them
	 * become spaces
	 * @return the line
	 */
	static String reply(String kind, String... fields) {
		StringBuilder line = new StringBuilder(kind);
		for (String field : fields) {
			line.append('\t').append(field.replaceAll("[\\t\\r\\n]+", " "));
		}
		return line.toString();
	}

	/**
	 * Read the fields of a reply of a given kind.
	 * @param kind the expected kind of reply
	 * @param line the line
	 * @return the fields by name
	 * @throws IllegalArgumentException if the line is not a reply of that kind
	 */
	static Map<String, String> fields(String kind, String line) {
		if (!line.equals(kind) && !line.startsWith(kind + "\t")) {
			throw new IllegalArgumentException("Expected a " + kind + " reply but got: " + line);
		}
		Map<String, String> values = new HashMap<>();
		for (String field : line.split("\t")) {
			int equals = field.indexOf('=');
			if (equals > 0) {
				values.put(field.substring(0, equals), field.substring(equals + 1));
			}
		}
		return values;
	}

}
