package io.github.openaiboot.realtime;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * {@link RealtimeClient} that opens each session on the {@link RealtimeEndpoint} chosen
 * for its model: a client's own, or, for a pool, the member the pool would route a call
 * of that model to, to which the session stays pinned.
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public final class DefaultRealtimeClient implements RealtimeClient {

	private final Function<String, RealtimeEndpoint> endpoints;

	private final BiFunction<String, Function<RealtimeEndpoint, Mono<RealtimeSession>>, Mono<RealtimeSession>> opener;

	private final OpenAiTransport transport;

	private final String defaultModel;

	private final boolean beta;

	private final JsonMapper mapper = OpenAiJson.mapper();

	private final RealtimeEvents decoder = new RealtimeEvents(OpenAiJson.mapper());

	/**
	 * Create a client of one endpoint.
	 * @param endpoint the endpoint
	 * @param transport the transport of the client's HTTP calls (client secrets)
	 * @param defaultModel the model of sessions that name none
	 */
	public DefaultRealtimeClient(RealtimeEndpoint endpoint, OpenAiTransport transport, String defaultModel) {
		this((model) -> endpoint, transport, defaultModel, endpoint.beta());
	}

	/**
	 * Create a client that chooses the endpoint of each session.
	 * @param endpoints the endpoint of a model's session
	 * @param transport the transport of the client's HTTP calls (client secrets)
	 * @param defaultModel the model of sessions that name none
	 * @param beta whether client secrets and session updates use the beta shape
	 */
	public DefaultRealtimeClient(Function<String, RealtimeEndpoint> endpoints, OpenAiTransport transport,
			String defaultModel, boolean beta) {
		this(endpoints, (model, open) -> open.apply(endpoints.apply(model)), transport, defaultModel, beta);
	}

	/**
	 * Create a client that chooses the endpoint of each session and may open it on
	 * another when the handshake is refused, as a pool does.
	 * @param endpoints the endpoint a session of a model would open on first
	 * @param opener what opens a session of a model, given what opens it on one endpoint:
	 * on that of {@code endpoints}, or on others after a refused handshake
	 * @param transport the transport of the client's HTTP calls (client secrets)
	 * @param defaultModel the model of sessions that name none
	 * @param beta whether client secrets and session updates use the beta shape
	 */
	public DefaultRealtimeClient(Function<String, RealtimeEndpoint> endpoints,
			BiFunction<String, Function<RealtimeEndpoint, Mono<RealtimeSession>>, Mono<RealtimeSession>> opener,
			OpenAiTransport transport, String defaultModel, boolean beta) {
		this.endpoints = endpoints;
		this.opener = opener;
		this.transport = transport;
		this.defaultModel = defaultModel;
		this.beta = beta;
	}

	/**
	 * Return the endpoint a session of a model opens on.
	 * @param model the model
	 * @return the endpoint
	 */
	public RealtimeEndpoint endpoint(String model) {
		return this.endpoints.apply(model);
	}

	@Override
	public Mono<RealtimeSession> connect(RealtimeSessionConfig config) {
		Assert.notNull(config, "'config' must not be null");
		String model = (config.model() != null) ? config.model() : this.defaultModel;
		return Mono.defer(() -> this.opener.apply(model, (endpoint) -> {
			URI url = endpoint.url().apply(model);
			return endpoint.handshakeHeaders()
				.apply(url)
				.flatMap((headers) -> open(endpoint, url, headers, model))
				.flatMap((session) -> config.hasSessionSettings()
						? session
							.send(RealtimeClientEvent.sessionUpdate(config.sessionFields(endpoint.beta(), null)))
							.thenReturn(session)
						: Mono.just(session));
		}));
	}

	private Mono<RealtimeSession> open(RealtimeEndpoint endpoint, URI url,
			org.springframework.http.HttpHeaders headers, String model) {
		return Mono.create((sink) -> {
			AtomicReference<@Nullable DefaultRealtimeSession> opened = new AtomicReference<>();
			Disposable connection = endpoint.webSocketClient().execute(url, headers, (socket) -> {
				DefaultRealtimeSession session = new DefaultRealtimeSession(socket, endpoint, this.decoder,
						this.mapper, model);
				opened.set(session);
				sink.success(session);
				return session.ended();
			}).subscribe(null, (failure) -> {
				DefaultRealtimeSession session = opened.get();
				if (session == null) {
					sink.error(handshakeFailure(failure));
				}
				else {
					session.fail(failure);
				}
			});
			sink.onCancel(() -> {
				if (opened.get() == null) {
					connection.dispose();
				}
			});
		});
	}

	static OpenAiException handshakeFailure(Throwable failure) {
		if (failure instanceof OpenAiException openAi) {
			return openAi;
		}
		if (failure instanceof WebSocketClientHandshakeException handshake && handshake.response() != null) {
			int status = handshake.response().status().code();
			String requestId = handshake.response().headers().get("x-request-id");
			OpenAiError error = new OpenAiError("Realtime handshake refused with HTTP " + status, null, null, null);
			OpenAiErrorKind kind = OpenAiErrorClassifier.classify(status, error);
			return OpenAiErrorClassifier.toException(kind, status, error, requestId, null);
		}
		boolean timeout = failure instanceof TimeoutException
				|| failure.getClass().getSimpleName().contains("Timeout");
		return new OpenAiTransportException(timeout ? OpenAiErrorKind.TIMEOUT : OpenAiErrorKind.CONNECTION,
				"Could not open the realtime session: " + failure.getClass().getSimpleName()
						+ ((failure instanceof IOException && failure.getMessage() != null)
								? " (" + failure.getMessage() + ")" : ""),
				failure);
	}

	@Override
	public Mono<RealtimeClientSecret> createClientSecret(RealtimeSessionConfig config, Duration expiresAfter) {
		Assert.notNull(config, "'config' must not be null");
		Assert.isTrue(expiresAfter != null && expiresAfter.toSeconds() >= 10 && expiresAfter.toSeconds() <= 7200,
				() -> "'expiresAfter' must be between 10 seconds and 2 hours, was " + expiresAfter);
		String model = (config.model() != null) ? config.model() : this.defaultModel;
		Map<String, Object> body = Map.of("expires_after",
				Map.of("anchor", "created_at", "seconds", expiresAfter.toSeconds()), "session",
				config.sessionFields(false, model));
		return this.transport.exchange(OpenAiRequest.post(OpenAiOperation.REALTIME_CLIENT_SECRETS,
				"/realtime/client_secrets", body, RealtimeClientSecret.class, model));
	}

	@Override
	public String toString() {
		return "DefaultRealtimeClient[defaultModel=" + this.defaultModel + ", beta=" + this.beta + "]";
	}

}
