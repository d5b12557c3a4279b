package io.github.openaiboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadWorker} in a JVM of its own, commanded through its standard input and
 * output. Its standard error, and output lines that are not replies, are passed on to
 * this JVM's standard error.
 * <p>
 * The worker's JVM options are this JVM's (or {@code -Dchild.jvmArgs} instead), less
 * system properties, a debugger agent and a flight recording (two workers recording to
 * the same file would spoil it), then the settings a worker needs, then
 * {@code -Dworker.jvmArgs} with {@code {client}} replaced.
 *
 * @author openai-spring-boot
 */
final class ForkedWorker implements WorkerChannel {

	private static final List<String> NOT_INHERITED = List.of("-D", "-agentlib:jdwp", "-XX:StartFlightRecording",
			"-XX:FlightRecorderOptions");

	private final ClientMode mode;

	private final Process process;

	private final Writer commands;

	private final BufferedReader replies;

	private ForkedWorker(ClientMode mode, Process process) {
		this.mode = mode;
		this.process = process;
		this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	/**
	 * Start the JVM of a worker; call {@link #awaitReady()} before sending commands, so
	 * that both workers can start at once.
	 * @param mode the client
	 * @param baseUrl the fake server's base URL
	 * @param settings the settings
	 * @return the worker, starting
	 */
	static ForkedWorker start(ClientMode mode, String baseUrl, LoadSettings settings) {
		List<String> command = command(mode, baseUrl, settings);
		try {
			return new ForkedWorker(mode,
					new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	static List<String> command(ClientMode mode, String baseUrl, LoadSettings settings) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String childJvmArgs = System.getProperty("child.jvmArgs");
		if (childJvmArgs != null) {
			command.addAll(List.of(childJvmArgs.strip().split("\\s+")));
		}
		else {
			ManagementFactory.getRuntimeMXBean()
				.getInputArguments()
				.stream()
				.filter((argument) -> NOT_INHERITED.stream().noneMatch(argument::startsWith))
				.forEach(command::add);
		}
		command.addAll(settings.asJvmArguments());
		// the fake server's certificate, with -Dserver.tls=true
		command.addAll(SelfSignedTls.trustStoreOptionsOfThisJvm());
		command.addAll(settings.workerJvmArgs(mode));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadWorker.class.getName(), mode.id(),
				baseUrl));
		return command;
	}

	/**
	 * Wait until the worker's application has started.
	 */
	void awaitReady() {
		String reply = readReply();
		if (!reply.equals(WorkerProtocol.READY)) {
			throw new IllegalStateException("The " + this.mode.id() + " worker did not start: " + reply);
		}
	}

	@Override
	public ClientMode mode() {
		return this.mode;
	}

	@Override
	public String send(String command) {
		try {
			this.commands.write(command + "\n");
			this.commands.flush();
		}
		catch (IOException ex) {
			throw new IllegalStateException("The " + this.mode.id() + " worker does not take commands" + exit(), ex);
		}
		String reply = readReply();
		if (reply.startsWith(WorkerProtocol.ERROR)) {
			throw new IllegalStateException("The " + this.mode.id() + " worker failed: " + reply);
		}
		return reply;
	}

	private String readReply() {
		try {
			String line;
			while ((line = this.replies.readLine()) != null) {
				if (line.startsWith(WorkerProtocol.REPLY)) {
					return line;
				}
				System.err.println("  [" + this.mode.id() + "] " + line);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("The " + this.mode.id() + " worker's output cannot be read" + exit(), ex);
		}
		throw new IllegalStateException("The " + this.mode.id() + " worker ended" + exit());
	}

	private String exit() {
		try {
			return this.process.waitFor(10, TimeUnit.SECONDS) ? " (exit code " + this.process.exitValue() + ")" : "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	@Override
	public void close() {
		try {
			this.commands.write(WorkerProtocol.EXIT_COMMAND + "\n");
			this.commands.close();
		}
		catch (IOException ex) {
			// Gone already
		}
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
			// Pass on what it said while shutting down
			String line;
			while ((line = this.replies.readLine()) != null) {
				System.err.println("  [" + this.mode.id() + "] " + line);
			}
			this.replies.close();
		}
		catch (IOException ex) {
			// Nothing more to read
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
