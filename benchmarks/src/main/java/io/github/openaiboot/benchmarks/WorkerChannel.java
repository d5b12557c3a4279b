package io.github.openaiboot.benchmarks;

/**
 * How the load benchmark talks to the worker of one client, in the text of the
 * {@link WorkerProtocol}: a {@link LoadWorker} in the same JVM, or a {@link ForkedWorker}
 * in a JVM of its own.
 *
 * @author openai-spring-boot
 */
interface WorkerChannel extends AutoCloseable {

	/**
	 * Return the client the worker runs.
	 * @return the client
	 */
	ClientMode mode();

	/**
	 * Send a command and wait for its reply.
	 * @param command the command, such as {@code run chat 1.0}
	 * @return the reply line
	 * @throws IllegalStateException if the worker failed or replied with an error
	 */
	String send(String command);

	/**
	 * Stop the worker.
	 */
	@Override
	void close();

}
