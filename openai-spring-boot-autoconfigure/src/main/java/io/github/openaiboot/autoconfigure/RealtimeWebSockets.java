package io.github.openaiboot.autoconfigure;

import java.net.URI;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.WebsocketClientSpec;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.ReactorHttpClientBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;

/**
 * The WebSocket client of realtime sessions, kept apart so that the factory loads
 * without Reactor Netty.
 *
 * @author openai-spring-boot
 */
final class RealtimeWebSockets {

	// server events such as session.created and response.done with many items are large
	private static final int MAX_FRAME_PAYLOAD = 16 * 1024 * 1024;

	private RealtimeWebSockets() {
	}

	/**
	 * The client of a realtime endpoint, whose Reactor Netty client is built by its first
	 * session rather than at start-up.
	 * @param settings the settings of its connections
	 * @return the client
	 */
	static WebSocketClient client(HttpClientSettings settings) {
		return new LazyWebSocketClient(SingletonSupplier.of(() -> new ReactorNettyWebSocketClient(
				new ReactorHttpClientBuilder().build(settings),
				() -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_PAYLOAD))));
	}

	private record LazyWebSocketClient(SingletonSupplier<WebSocketClient> client) implements WebSocketClient {

		@Override
		public Mono<Void> execute(URI url, WebSocketHandler handler) {
			return Mono.defer(() -> this.client.obtain().execute(url, handler));
		}

		@Override
		public Mono<Void> execute(URI url, HttpHeaders headers, WebSocketHandler handler) {
			return Mono.defer(() -> this.client.obtain().execute(url, headers, handler));
		}

		@Override
		public String toString() {
			return "LazyWebSocketClient";
		}

	}

}
