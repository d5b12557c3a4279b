package io.github.openaiboot.realtime;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * Client of OpenAI's Realtime API: low-latency text and speech over a WebSocket.
 *
 * <pre class="code">
 * realtime.connect(RealtimeSessionConfig.builder().outputModalities("text").build())
 *     .flatMapMany((session) -&gt; session.send(RealtimeClientEvent.userText("Hello"))
 *         .then(session.send(RealtimeClientEvent.responseCreate()))
 *         .thenMany(session.events())
 *         .ofType(RealtimeServerEvent.TextDelta.class)
 *         .map(RealtimeServerEvent.TextDelta::delta)
 *         .doFinally((signal) -&gt; session.close().subscribe()));
 * </pre>
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public interface RealtimeClient {

	/**
	 * Open a session: the WebSocket handshake, authenticated as every other call, then a
	 * {@code session.update} with the configuration's settings, if it has any.
	 * @param config the session's configuration
	 * @return the open session; a typed
	 * {@link io.github.openaiboot.error.OpenAiException} when the handshake is refused
	 * or the connection fails
	 */
	Mono<RealtimeSession> connect(RealtimeSessionConfig config);

	/**
	 * Open a session with the default model and the server's settings.
	 * @return the open session
	 */
	default Mono<RealtimeSession> connect() {
		return connect(RealtimeSessionConfig.builder().build());
	}

	/**
	 * Create an ephemeral client secret ({@code POST /realtime/client_secrets}) for a
	 * browser to open a session with the given configuration.
	 * @param config the session the secret opens
	 * @param expiresAfter how long the secret is valid, 10 seconds to 2 hours
	 * @return the secret
	 */
	Mono<RealtimeClientSecret> createClientSecret(RealtimeSessionConfig config, Duration expiresAfter);

}
