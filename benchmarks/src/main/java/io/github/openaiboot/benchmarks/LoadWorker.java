package io.github.openaiboot.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs one client against a running fake server, slice by slice, as the load benchmark
 * commands (see {@link WorkerProtocol}). As a JVM of its own
 * ({@code LoadWorker <plain|starter> <baseUrl>}) it reads commands from standard input
 * and is idle, blocked on that read, between them, so that each client's CPU time, heap
 * and threads are its own; in the benchmark's JVM ({@code -Dfork=false}) the commands
 * are method calls. The plain client runs in the same Spring Boot application as the
 * starter, only without the starter's auto-configurations, so that heap figures compare
 * like with like.
 *
 * @author openai-spring-boot
 */
public final class LoadWorker implements WorkerChannel {

	private final ClientMode mode;

	private final ConfigurableApplicationContext context;

	private final BenchmarkClient client;

	private final int concurrency;

	private LoadWorker(ClientMode mode, ConfigurableApplicationContext context, BenchmarkClient client,
			int concurrency) {
		this.mode = mode;
		this.context = context;
		this.client = client;
		this.concurrency = concurrency;
	}

	/**
	 * Start the application of a client.
	 * @param mode the client
	 * @param baseUrl the fake server's base URL
	 * @param settings the settings; the concurrency, how the plain client is built and
	 * whether it takes the starter's place are used
	 * @return the worker, ready for commands
	 */
	public static LoadWorker start(ClientMode mode, String baseUrl, LoadSettings settings) {
		// calibrating, the starter's place runs the plain exchange on Boot's builder
		boolean starter = mode == ClientMode.STARTER && !settings.calibrateBootBuilder();
		ConfigurableApplicationContext context = starter ? BenchmarkContexts.starter(baseUrl)
				: BenchmarkContexts.withoutStarter();
		BenchmarkClient client = starter ? new StarterBenchmarkClient(context)
				: (mode == ClientMode.STARTER || settings.plainFromBootBuilder())
						? PlainBenchmarkClient.create(context.getBean(WebClient.Builder.class), baseUrl)
						: PlainBenchmarkClient.create(baseUrl);
		return new LoadWorker(mode, context, client, settings.concurrency());
	}

	/**
	 * Start one client, say {@value WorkerProtocol#READY}, then answer the commands on
	 * standard input until {@code exit} or its end.
	 * @param args the client ({@code plain} or {@code starter}) and the base URL
	 * @throws IOException if standard input cannot be read
	 */
	public static void main(String[] args) throws IOException {
		PrintStream replies = System.out;
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		try (LoadWorker worker = start(ClientMode.of(args[0]), args[1], LoadSettings.fromSystemProperties())) {
			replies.println(WorkerProtocol.READY);
			replies.flush();
			String command;
			while ((command = commands.readLine()) != null && !command.strip().equals(WorkerProtocol.EXIT_COMMAND)) {
				replies.println(worker.reply(command));
				replies.flush();
			}
		}
		System.exit(0);
	}

	/**
	 * Return the client this worker drives.
	 * @return the client
	 */
	BenchmarkClient client() {
		return this.client;
	}

	@Override
	public ClientMode mode() {
		return this.mode;
	}

	@Override
	public String send(String command) {
		String reply = reply(command);
		if (reply.startsWith(WorkerProtocol.ERROR)) {
			throw new IllegalStateException("The " + this.mode.id() + " worker failed: " + reply);
		}
		return reply;
	}

	/**
	 * Answer one command.
	 * @param command the command
	 * @return the reply, {@value WorkerProtocol#ERROR} and a description if the command
	 * failed
	 */
	String reply(String command) {
		try {
			String[] words = command.strip().split("\\s+");
			if (words.length == 3 && words[0].equals(WorkerProtocol.RUN_COMMAND)) {
				return run(Scenario.of(words[1]), WorkerProtocol.seconds(words[2])).toLine();
			}
			if (words.length == 1 && words[0].equals(WorkerProtocol.CENSUS_COMMAND)) {
				return Census.take(this.mode).toLine();
			}
			return WorkerProtocol.reply(WorkerProtocol.ERROR, "Unknown command: " + command);
		}
		catch (RuntimeException ex) {
			return WorkerProtocol.reply(WorkerProtocol.ERROR, ex.toString());
		}
	}

	/**
	 * Run a scenario in a closed loop for a while.
	 * @param scenario the scenario
	 * @param duration how long callers start new calls; calls under way are waited for
	 * @return what the run measured
	 */
	Slice run(Scenario scenario, Duration duration) {
		long cpuBefore = JvmProbe.clientCpuNanos();
		ClosedLoop.Sample sample = ClosedLoop.run(() -> scenario.call(this.client), this.concurrency, duration);
		long cpu = JvmProbe.clientCpuNanos() - cpuBefore;
		Throwable error = sample.firstError();
		return new Slice(scenario, this.mode, sample.requests(), sample.units(), sample.errors(),
				sample.elapsedNanos(), cpu, sample.latency(), (error != null) ? error.toString() : "");
	}

	@Override
	public void close() {
		this.context.close();
	}

}
