package io.github.openaiboot.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * JMH state: the starter's auto-configured clients and the plain client, both answered
 * from memory by {@link InMemoryExchange}.
 *
 * @author openai-spring-boot
 */
@State(Scope.Benchmark)
public class InMemoryClients {

	private ConfigurableApplicationContext context;

	BenchmarkClient starter;

	BenchmarkClient plain;

	/**
	 * Start the application and build the clients.
	 */
	@Setup(Level.Trial)
	public void start() {
		this.context = BenchmarkContexts.starter(new InMemoryExchange());
		this.starter = new StarterBenchmarkClient(this.context);
		this.plain = PlainBenchmarkClient.create(new InMemoryExchange());
	}

	/**
	 * Close the application.
	 */
	@TearDown(Level.Trial)
	public void stop() {
		this.context.close();
	}

}
