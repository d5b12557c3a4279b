package io.github.openaiboot.sample;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.openaiboot.test.AutoConfigureOpenAiSimulator;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Drives the sample's realtime relay as the page does: text over the sample's own
 * WebSocket, answered from a Realtime API session the server opened with its key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "sample.simulator=never")
@AutoConfigureOpenAiSimulator
class RealtimeRelayTests {

	@LocalServerPort
	private int port;

	@Autowired
	private OpenAiSimulator simulator;

	@BeforeEach
	void resetSimulator() {
		this.simulator.reset();
	}

	@Test
	void theRelayAnswersInDeltasWithTheServersKeyAndClosesTheSessionAfterTheBrowserLeaves() {
		List<String> received = new CopyOnWriteArrayList<>();
		new ReactorNettyWebSocketClient()
			.execute(URI.create("ws://localhost:" + this.port + "/realtime"), (socket) -> socket
				.send(Mono.just(socket.textMessage("Hello relay")))
				.thenMany(socket.receive().map(WebSocketMessage::getPayloadAsText))
				.doOnNext(received::add)
				.takeUntil((message) -> message.contains("\"done\""))
				.then())
			.block(Duration.ofSeconds(20));
		String answer = received.stream()
			.filter((message) -> message.contains("\"delta\""))
			.map((message) -> message.replaceAll("^\\{\"delta\":\"(.*)\"\\}$", "$1"))
			.reduce("", String::concat);
		assertThat(answer).isEqualTo("You said: Hello relay");
		assertThat(this.simulator.realtime().handshakes()).singleElement()
			.satisfies((headers) -> assertThat(headers.get("authorization")).startsWith("Bearer sk-"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.simulator.realtime().openConnections() == 0);
	}

}
