package io.github.openaiboot.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What failed and cancelled calls leave behind in Reactor Netty's connection pool:
 * nothing acquired, nothing waiting, and no more connections than the pool allows;
 * a cancelled stream closes its connection, which the server sees.
 * <p>
 * The build makes {@value #DEFAULT_FAILED_CALLS} failed calls; run
 * {@code -Dopenai.reliability.failed-calls=10000} for more.
 */
class ConnectionHygieneTests {

	static final int DEFAULT_FAILED_CALLS = 2000;

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(
			OpenAiSimulator.builder().streamChunks(6));

	private static final PooledConnections connections = new PooledConnections("hygiene");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
		.withBean(ClientHttpConnectorBuilder.class, connections::connectorBuilder)
		.withPropertyValues("openai.api-key=sk-test", "openai.retry.enabled=false", "openai.rate-limit.enabled=false",
				"openai.response-timeout=2s");

	@AfterAll
	static void disposeConnections() {
		connections.dispose();
	}

	@Test
	void manyFailedCallsLeaveNoConnectionAcquiredOrPending() {
		int calls = Integer.getInteger("openai.reliability.failed-calls", DEFAULT_FAILED_CALLS);
		List<SimulatedFault> faults = List.of(SimulatedFault.serverError(), SimulatedFault.connectionReset(),
				SimulatedFault.malformedJson(), SimulatedFault.insufficientQuota(), SimulatedFault.streamCutAfter(2),
				SimulatedFault.errorFrameAfter(1), SimulatedFault.overloaded());
		List<Function<ApplicationContext, Publisher<?>>> kinds = List.of(
				(context) -> context.getBean(ChatClient.class).ask("hi"),
				(context) -> context.getBean(ChatClient.class).stream(ChatRequest.builder().user("hi").build()),
				(context) -> context.getBean(EmbeddingClient.class).embed("text"));
		this.contextRunner.withPropertyValues("openai.base-url=" + openai.baseUrl()).run((context) -> {
			AtomicInteger typed = new AtomicInteger();
			AtomicInteger other = new AtomicInteger();
			int perFault = Math.max(1, calls / faults.size());
			for (SimulatedFault fault : faults) {
				openai.simulator().clearFaults();
				openai.simulator().inject(fault);
				Flux.range(0, perFault)
					.flatMap((i) -> Flux.from(kinds.get(i % kinds.size()).apply(context))
						.then()
						.doOnError((ex) -> ((ex instanceof OpenAiException) ? typed : other).incrementAndGet())
						.onErrorResume((ex) -> Mono.empty()), 32)
					.blockLast(TIMEOUT.multipliedBy(4));
			}
			assertThat(other).as("failures that are not an OpenAiException").hasValue(0);
			assertThat(typed.get()).as("failed calls").isGreaterThanOrEqualTo(perFault * (faults.size() - 2));
			String settled = connections.awaitSettled();
			assertThat(connections.allocated()).as("connections open (%s)", settled).isLessThanOrEqualTo(64);
			assertThat(connections.idle()).as("idle connections (%s)", settled).isEqualTo(connections.allocated());
		});
	}

	@Test
	void cancellingAStreamClosesItsConnectionAndTheServerSeesIt() throws InterruptedException {
		CountDownLatch serverSawClose = new CountDownLatch(1);
		CountDownLatch serverStreamCancelled = new CountDownLatch(1);
		AtomicInteger connectionsOpened = new AtomicInteger();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnConnection((connection) -> {
				connectionsOpened.incrementAndGet();
				connection.onDispose(serverSawClose::countDown);
			})
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> response
				.header("content-type", "text/event-stream")
				// an endless stream: only the client going away ends it
				.sendString(Flux.interval(Duration.ofMillis(10))
					.map((i) -> "data: " + chunk(i) + "\n\n")
					.doOnCancel(serverStreamCancelled::countDown))))
			.bindNow();
		try {
			this.contextRunner.withPropertyValues("openai.base-url=http://127.0.0.1:" + server.port() + "/v1")
				.run((context) -> {
					StepVerifier
						.create(context.getBean(ChatClient.class)
							.stream(ChatRequest.builder().user("hi").build())
							.take(3))
						.expectNextCount(3)
						.expectComplete()
						.verify(TIMEOUT);
					assertThat(serverStreamCancelled.await(10, TimeUnit.SECONDS))
						.as("the server's endless stream was cancelled")
						.isTrue();
					assertThat(serverSawClose.await(10, TimeUnit.SECONDS)).as("the server saw the connection close")
						.isTrue();
					connections.awaitSettled();
				});
			assertThat(connectionsOpened).hasValue(1);
		}
		finally {
			server.disposeNow();
		}
	}

	private static String chunk(long index) {
		return "{\"id\":\"chatcmpl-endless\",\"object\":\"chat.completion.chunk\",\"created\":1,"
				+ "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word" + index
				+ " \"},\"finish_reason\":null}]}";
	}

}
