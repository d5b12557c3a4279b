package io.github.openaiboot.autoconfigure;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.ReactorHttpClientBuilder;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import reactor.netty.http.client.WebsocketClientSpec;

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

	static WebSocketClient client(HttpClientSettings settings) {
		return new ReactorNettyWebSocketClient(new ReactorHttpClientBuilder().build(settings),
				() -> WebsocketClientSpec.builder().maxFramePayloadLength(MAX_FRAME_PAYLOAD));
	}

}
