package io.github.openaiboot.realtime;

import java.net.URI;
import java.util.function.Function;

import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.ratelimit.RateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.WebSocketClient;

/**
 * Where and how one client opens realtime sessions: the WebSocket URL of a model, the
 * handshake headers (the same authentication, organization, project and custom headers
 * as every other call of the client), the WebSocket client, and where the session's
 * observations, rate limits and usage go.
 *
 * @param name the client's name
 * @param url the WebSocket URL of a model
 * @param handshakeHeaders the handshake headers for a URL
 * @param webSocketClient the WebSocket client
 * @param callObserver the client's observation stage
 * @param rateLimitTracker where the client's latest headroom is kept
 * @param rateLimiter the client's pacer, which learns from {@code rate_limits.updated}
 * @param beta whether to speak the beta protocol
 * @author openai-spring-boot
 * @since 0.1.0
 */
public record RealtimeEndpoint(String name, Function<String, URI> url,
		Function<URI, Mono<HttpHeaders>> handshakeHeaders, WebSocketClient webSocketClient,
		OpenAiCallObserver callObserver, RateLimitTracker rateLimitTracker, RateLimiter rateLimiter, boolean beta) {

}
