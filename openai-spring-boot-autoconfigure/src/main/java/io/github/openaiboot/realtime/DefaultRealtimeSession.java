package io.github.openaiboot.realtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * A realtime session over a Spring {@link WebSocketSession}: decodes and tracks what the
 * server sends (the response in progress, the audio not committed, rate limits, one
 * observation per response), and writes client events with the socket's back-pressure.
 *
 * @author openai-spring-boot
 */
final class DefaultRealtimeSession implements RealtimeSession {

	private static final Duration CLOSE_STATUS_WAIT = Duration.ofSeconds(2);

	private final WebSocketSession socket;

	private final RealtimeEndpoint endpoint;

	private final RealtimeEvents decoder;

	private final JsonMapper mapper;

	private final String model;

	private final OpenAiRequest<RealtimeServerEvent.ResponseEvent> responseRequest;

	private final Sinks.Empty<Void> ended = Sinks.empty();

	private final Map<String, Sinks.One<RealtimeServerEvent.ResponseEvent>> responses = new ConcurrentHashMap<>();

	private final AtomicInteger eventsReceived = new AtomicInteger();

	private final AtomicLong uncommittedAudioBytes = new AtomicLong();

	private final Flux<RealtimeServerEvent> events;

	private volatile boolean closing;

	private volatile @Nullable String openResponseId;

	private volatile @Nullable String sessionId;

	DefaultRealtimeSession(WebSocketSession socket, RealtimeEndpoint endpoint, RealtimeEvents decoder,
			JsonMapper mapper, String model) {
		this.socket = socket;
		this.endpoint = endpoint;
		this.decoder = decoder;
		this.mapper = mapper;
		this.model = model;
		this.responseRequest = new OpenAiRequest<>(OpenAiOperation.REALTIME, HttpMethod.GET, "/realtime", null,
				RealtimeServerEvent.ResponseEvent.class, model);
		OpenAiRequest<RealtimeServerEvent> sessionRequest = new OpenAiRequest<>(OpenAiOperation.REALTIME_SESSION,
				HttpMethod.GET, "/realtime", null, RealtimeServerEvent.class, model);
		Flux<RealtimeServerEvent> inbound = socket.receive()
			.filter((message) -> message.getType() == WebSocketMessage.Type.TEXT)
			.map((message) -> this.decoder.decode(message.getPayloadAsText()))
			.doOnNext(this::track)
			.onErrorMap((failure) -> !(failure instanceof OpenAiException), (failure) -> dropped(null, failure))
			.concatWith(Mono.defer(this::ending))
			.doFinally((signal) -> end());
		this.events = endpoint.callObserver().observeStream(sessionRequest, inbound).publish().refCount(1);
	}

	/**
	 * What the WebSocket handler waits for: the end of the session.
	 */
	Mono<Void> ended() {
		return this.ended.asMono();
	}

	@Override
	public Flux<RealtimeServerEvent> events() {
		return this.events;
	}

	@Override
	public Mono<Void> send(RealtimeClientEvent event) {
		return this.socket.send(Mono.fromCallable(() -> this.socket.textMessage(json(event))));
	}

	@Override
	public Mono<Void> sendAudio(Flux<DataBuffer> audio) {
		return this.socket.send(audio.map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			this.uncommittedAudioBytes.addAndGet(bytes.length);
			return this.socket.textMessage(json(RealtimeClientEvent.inputAudioAppend(bytes)));
		}));
	}

	@Override
	public @Nullable String sessionId() {
		return this.sessionId;
	}

	@Override
	public String model() {
		return this.model;
	}

	@Override
	public Mono<Void> close() {
		return Mono.defer(() -> {
			this.closing = true;
			return this.socket.close(CloseStatus.NORMAL).doFinally((signal) -> end());
		});
	}

	/**
	 * End the session when its handshake's connection failed after it was open.
	 */
	void fail(Throwable failure) {
		end();
	}

	private String json(RealtimeClientEvent event) {
		return this.mapper.writeValueAsString(event.fields());
	}

	private void track(RealtimeServerEvent event) {
		this.eventsReceived.incrementAndGet();
		if (event instanceof RealtimeServerEvent.SessionEvent session && session.session().id() != null) {
			this.sessionId = session.session().id();
		}
		else if (event instanceof RealtimeServerEvent.ResponseEvent response) {
			trackResponse(response);
		}
		else if (event instanceof RealtimeServerEvent.InputAudioBufferEvent buffer
				&& ("input_audio_buffer.committed".equals(buffer.type())
						|| "input_audio_buffer.cleared".equals(buffer.type()))) {
			this.uncommittedAudioBytes.set(0);
		}
		else if (event instanceof RealtimeServerEvent.RateLimitsUpdated rateLimits) {
			RateLimitHeaders headers = headers(rateLimits);
			this.endpoint.rateLimitTracker().update(headers);
			this.endpoint.rateLimiter().onHeaders(this.model, headers);
		}
	}

	private void trackResponse(RealtimeServerEvent.ResponseEvent event) {
		String id = (event.response().id() != null) ? event.response().id() : "";
		if (!event.isDone()) {
			this.openResponseId = event.response().id();
			observeResponse(id);
			return;
		}
		Sinks.One<RealtimeServerEvent.ResponseEvent> response = this.responses.remove(id);
		if (response == null) {
			// done without created, such as after a reconnect: observed as an instant
			response = observeResponse(id);
			this.responses.remove(id);
		}
		if (id.equals(this.openResponseId)) {
			this.openResponseId = null;
		}
		response.tryEmitValue(event);
	}

	private Sinks.One<RealtimeServerEvent.ResponseEvent> observeResponse(String id) {
		Sinks.One<RealtimeServerEvent.ResponseEvent> response = Sinks.one();
		this.responses.put(id, response);
		this.endpoint.callObserver().observe(this.responseRequest, response.asMono()).subscribe((done) -> {
		}, (failure) -> {
		});
		return response;
	}

	private static RateLimitHeaders headers(RealtimeServerEvent.RateLimitsUpdated event) {
		Long limitRequests = null;
		Long remainingRequests = null;
		Duration resetRequests = null;
		Long limitTokens = null;
		Long remainingTokens = null;
		Duration resetTokens = null;
		for (RealtimeServerEvent.RateLimit limit : event.rateLimits()) {
			Duration reset = (limit.resetSeconds() != null)
					? Duration.ofMillis(Math.round(limit.resetSeconds() * 1000)) : null;
			if ("requests".equals(limit.name())) {
				limitRequests = limit.limit();
				remainingRequests = limit.remaining();
				resetRequests = reset;
			}
			else if ("tokens".equals(limit.name())) {
				limitTokens = limit.limit();
				remainingTokens = limit.remaining();
				resetTokens = reset;
			}
		}
		return new RateLimitHeaders(limitRequests, limitTokens, remainingRequests, remainingTokens, resetRequests,
				resetTokens);
	}

	/**
	 * What follows the last message: nothing after the client closed the session, a
	 * {@link RealtimeConnectionException} with the server's close status otherwise.
	 */
	private Mono<RealtimeServerEvent> ending() {
		if (this.closing) {
			return Mono.empty();
		}
		return this.socket.closeStatus()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.timeout(CLOSE_STATUS_WAIT, Mono.just(Optional.empty()))
			.flatMap((status) -> this.closing ? Mono.empty() : Mono.error(dropped(status.orElse(null), null)));
	}

	private RealtimeConnectionException dropped(@Nullable CloseStatus status, @Nullable Throwable cause) {
		String message = (status != null)
				? "Realtime session closed by the server with status " + status.getCode()
						+ ((status.getReason() != null && !status.getReason().isBlank()) ? " (" + status.getReason() + ")"
								: "")
				: "Realtime session dropped"
						+ ((cause != null) ? ": " + cause.getClass().getSimpleName() : " without a close status");
		return new RealtimeConnectionException(OpenAiErrorKind.CONNECTION, message, this.eventsReceived.get(),
				this.openResponseId, this.uncommittedAudioBytes.get(), (status != null) ? status.getCode() : null,
				cause);
	}

	private void end() {
		for (String id : this.responses.keySet()) {
			Sinks.One<RealtimeServerEvent.ResponseEvent> response = this.responses.remove(id);
			if (response != null) {
				if (this.closing) {
					response.tryEmitEmpty();
				}
				else {
					response.tryEmitError(dropped(null, null));
				}
			}
		}
		this.ended.tryEmitEmpty();
	}

	@Override
	public String toString() {
		return "RealtimeSession[model=" + this.model + ", client=" + this.endpoint.name() + ", session="
				+ this.sessionId + "]";
	}

}
