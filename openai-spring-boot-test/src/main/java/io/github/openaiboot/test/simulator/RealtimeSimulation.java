package io.github.openaiboot.test.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulator's Realtime API: a WebSocket endpoint ({@code /v1/realtime}, and
 * {@code /openai/v1/realtime} for Azure OpenAI) on a Reactor Netty server of its own port,
 * beside WireMock, which serves no WebSockets. It speaks the protocol: {@code session.created}
 * on connect, {@code session.update} answered by {@code session.updated}, conversation items,
 * the input audio buffer (speech started and stopped, committed, transcribed, at commit), and
 * {@code response.create} answered with text deltas (and, for audio output, a short generated
 * tone in audio deltas with its transcript), {@code response.done} with usage and
 * {@code rate_limits.updated}. A session whose handshake carries {@code OpenAI-Beta:
 * realtime=v1} gets the beta event names. Faults: a refused handshake, an error event instead
 * of the next response, a socket dropped in the middle of the next response, delayed events,
 * and reading paused.
 *
 * @author OpenAI Spring Boot contributors
 */
public final class RealtimeSimulation {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Requests and tokens per minute reported by {@code rate_limits.updated}. */
	static final long REQUESTS_LIMIT = 5000;

	static final long TOKENS_LIMIT = 400000;

	private final AtomicInteger ids = new AtomicInteger();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger open = new AtomicInteger();

	private final List<Integer> closeStatuses = new CopyOnWriteArrayList<>();

	private final List<String> clientEvents = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();

	private final AtomicLong audioBytes = new AtomicLong();

	private final AtomicLong tokensUsed = new AtomicLong();

	private volatile int refuseHandshake;

	private volatile boolean dropNextResponse;

	private volatile @Nullable String errorNextResponse;

	private volatile Duration eventDelay = Duration.ZERO;

	private final AtomicReference<Sinks.@Nullable Empty<Void>> paused = new AtomicReference<>();

	private @Nullable DisposableServer server;

	synchronized void start() {
		if (this.server == null) {
			WebsocketServerSpec spec = WebsocketServerSpec.builder().maxFramePayloadLength(16 * 1024 * 1024).build();
			this.server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route((routes) -> routes.get("/v1/realtime", (request, response) -> upgrade(request, response, spec))
					.get("/openai/v1/realtime", (request, response) -> upgrade(request, response, spec)))
				.bindNow();
		}
	}

	synchronized void stop() {
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(2));
			this.server = null;
		}
	}

	synchronized int port() {
		if (this.server == null) {
			throw new IllegalStateException("OpenAiSimulator is not running");
		}
		return this.server.port();
	}

	/**
	 * Refuse the next handshakes with an HTTP status, such as 401 or 429, until
	 * {@link #reset()}.
	 * @param status the status
	 */
	public void refuseHandshakes(int status) {
		this.refuseHandshake = status;
	}

	/**
	 * Drop the socket, without a close frame, after the first deltas of the next response.
	 */
	public void dropNextResponse() {
		this.dropNextResponse = true;
	}

	/**
	 * Answer the next {@code response.create} with an {@code error} event of this code; the
	 * session stays open.
	 * @param code the error code, such as {@code rate_limit_exceeded}
	 */
	public void errorOnNextResponse(String code) {
		this.errorNextResponse = code;
	}

	/**
	 * Delay every event the server sends: a slow server.
	 * @param delay the delay
	 */
	public void eventDelay(Duration delay) {
		this.eventDelay = delay;
	}

	/**
	 * Stop reading client events: the socket's buffers fill and the client's writes wait.
	 */
	public void pauseReading() {
		this.paused.compareAndSet(null, Sinks.empty());
	}

	/**
	 * Read client events again.
	 */
	public void resumeReading() {
		Sinks.Empty<Void> gate = this.paused.getAndSet(null);
		if (gate != null) {
			gate.tryEmitEmpty();
		}
	}

	/**
	 * Return how many sessions were opened.
	 * @return the sessions
	 */
	public int connections() {
		return this.connections.get();
	}

	/**
	 * Return how many sessions are open, as the server sees them.
	 * @return the open sessions
	 */
	public int openConnections() {
		return this.open.get();
	}

	/**
	 * Return the close status of each ended session as the server received it, {@code -1}
	 * for a socket closed without a close frame.
	 * @return the statuses
	 */
	public List<Integer> closeStatuses() {
		return List.copyOf(this.closeStatuses);
	}

	/**
	 * Return the client events received, as JSON, audio appends included.
	 * @return the events
	 */
	public List<String> clientEvents() {
		return List.copyOf(this.clientEvents);
	}

	/**
	 * Return the headers of every handshake, names in lower case.
	 * @return the headers
	 */
	public List<Map<String, String>> handshakes() {
		return List.copyOf(this.handshakes);
	}

	/**
	 * Return the bytes of audio received in {@code input_audio_buffer.append} events.
	 * @return the bytes
	 */
	public long audioBytesReceived() {
		return this.audioBytes.get();
	}

	/**
	 * Clear faults and counts.
	 */
	public void reset() {
		this.refuseHandshake = 0;
		this.dropNextResponse = false;
		this.errorNextResponse = null;
		this.eventDelay = Duration.ZERO;
		resumeReading();
		this.connections.set(0);
		this.closeStatuses.clear();
		this.clientEvents.clear();
		this.handshakes.clear();
		this.audioBytes.set(0);
		this.tokensUsed.set(0);
	}

	private Mono<Void> upgrade(HttpServerRequest request, HttpServerResponse response, WebsocketServerSpec spec) {
		Map<String, String> headers = new java.util.LinkedHashMap<>();
		request.requestHeaders().forEach((entry) -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
		this.handshakes.add(headers);
		boolean authenticated = (headers.getOrDefault("authorization", "").startsWith("Bearer ")
				&& headers.get("authorization").length() > 7) || headers.containsKey("api-key");
		int refuse = authenticated ? this.refuseHandshake : 401;
		if (refuse != 0) {
			return response.status(HttpResponseStatus.valueOf(refuse))
				.header("x-request-id", "req_realtime_refused")
				.sendString(Mono.just("{\"error\":{\"message\":\"refused\",\"type\":\"invalid_request_error\"}}"))
				.then();
		}
		String query = request.uri().contains("?") ? request.uri().substring(request.uri().indexOf('?') + 1) : "";
		String model = "gpt-realtime";
		for (String parameter : query.split("&")) {
			if (parameter.startsWith("model=")) {
				model = java.net.URLDecoder.decode(parameter.substring(6), java.nio.charset.StandardCharsets.UTF_8);
			}
		}
		boolean beta = headers.getOrDefault("openai-beta", "").contains("realtime");
		Session session = new Session(model, beta);
		return response.sendWebsocket((in, out) -> session.run(in, out), spec);
	}

	private String id(String prefix) {
		return prefix + "_sim" + this.ids.incrementAndGet();
	}

	/**
	 * One WebSocket session.
	 */
	private final class Session {

		private final Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();

		private final ObjectNode session = JSON.createObjectNode();

		private final boolean beta;

		private final List<String> modalities = new ArrayList<>(List.of("text"));

		private long pendingAudio;

		private @Nullable String lastItem;

		private String lastText = "";

		private volatile boolean dropped;

		Session(String model, boolean beta) {
			this.beta = beta;
			this.session.put("id", id("sess"));
			this.session.put("object", "realtime.session");
			if (!beta) {
				this.session.put("type", "realtime");
			}
			this.session.put("model", model);
			this.session.put("instructions", "");
			this.session.set(beta ? "modalities" : "output_modalities", JSON.valueToTree(this.modalities));
		}

		Mono<Void> run(WebsocketInbound in, WebsocketOutbound out) {
			RealtimeSimulation.this.connections.incrementAndGet();
			RealtimeSimulation.this.open.incrementAndGet();
			in.withConnection((connection) -> connection.onDispose(() -> {
				RealtimeSimulation.this.open.decrementAndGet();
				if (this.dropped) {
					RealtimeSimulation.this.closeStatuses.add(-1);
				}
			}));
			in.receiveCloseStatus().subscribe((status) -> RealtimeSimulation.this.closeStatuses.add(status.code()));
			emit(event("session.created").set("session", this.session));
			Mono<Void> reading = in.aggregateFrames(16 * 1024 * 1024)
				.receive()
				.asString()
				.concatMap((text) -> gate().thenReturn(text), 1)
				.doOnNext((text) -> handle(text, in))
				.then()
				.doFinally((signal) -> this.out.tryEmitComplete());
			Flux<String> events = this.out.asFlux().concatMap((event) -> {
				Duration delay = RealtimeSimulation.this.eventDelay;
				return delay.isZero() ? Mono.just(event) : Mono.just(event).delayElement(delay);
			});
			return Mono.when(reading, out.sendString(events).then());
		}

		private Mono<Void> gate() {
			Sinks.Empty<Void> gate = RealtimeSimulation.this.paused.get();
			return (gate != null) ? gate.asMono() : Mono.empty();
		}

		private void handle(String text, WebsocketInbound in) {
			RealtimeSimulation.this.clientEvents.add(text);
			JsonNode event = JSON.readTree(text);
			String type = event.path("type").asString("");
			switch (type) {
				case "session.update" -> {
					JsonNode update = event.path("session");
					update.properties().forEach((field) -> {
						if (!"type".equals(field.getKey())) {
							this.session.set(field.getKey(), field.getValue());
						}
					});
					JsonNode modalities = update.has("output_modalities") ? update.get("output_modalities")
							: update.get("modalities");
					if (modalities != null) {
						this.modalities.clear();
						modalities.forEach((modality) -> this.modalities.add(modality.asString()));
					}
					emit(event("session.updated").set("session", this.session));
				}
				case "input_audio_buffer.append" -> {
					int bytes = Base64.getDecoder().decode(event.path("audio").asString("")).length;
					RealtimeSimulation.this.audioBytes.addAndGet(bytes);
					this.pendingAudio += bytes;
				}
				case "input_audio_buffer.commit" -> commit();
				case "input_audio_buffer.clear" -> {
					this.pendingAudio = 0;
					emit(event("input_audio_buffer.cleared"));
				}
				case "conversation.item.create" -> {
					JsonNode item = event.path("item");
					for (JsonNode part : item.path("content")) {
						if (part.has("text")) {
							this.lastText = part.get("text").asString();
						}
					}
					addItem((ObjectNode) item.deepCopy());
				}
				case "response.create" -> respond(in);
				case "response.cancel" -> {
				}
				default -> emit(error("invalid_request_error", "unknown_event",
						"Unknown client event type '" + type + "'", event.path("event_id").asString(null)));
			}
		}

		private void commit() {
			String itemId = id("item");
			long ms = this.pendingAudio / 48;
			emit(event("input_audio_buffer.speech_started").put("audio_start_ms", 0).put("item_id", itemId));
			emit(event("input_audio_buffer.speech_stopped").put("audio_end_ms", ms).put("item_id", itemId));
			emit(event("input_audio_buffer.committed").put("previous_item_id", this.lastItem).put("item_id", itemId));
			this.lastItem = itemId;
			emit(event("conversation.item.input_audio_transcription.delta").put("item_id", itemId)
				.put("content_index", 0)
				.put("delta", "Hello"));
			emit(event("conversation.item.input_audio_transcription.completed").put("item_id", itemId)
				.put("content_index", 0)
				.put("transcript", "Hello"));
			this.lastText = "Hello";
		}

		private void addItem(ObjectNode item) {
			String itemId = id("item");
			item.put("id", itemId);
			item.put("object", "realtime.item");
			item.put("status", "completed");
			emit(event(this.beta ? "conversation.item.created" : "conversation.item.added")
				.put("previous_item_id", this.lastItem)
				.set("item", item));
			if (!this.beta) {
				emit(event("conversation.item.done").put("previous_item_id", this.lastItem).set("item", item));
			}
			this.lastItem = itemId;
		}

		private void respond(WebsocketInbound in) {
			String code = RealtimeSimulation.this.errorNextResponse;
			if (code != null) {
				RealtimeSimulation.this.errorNextResponse = null;
				emit(error(code.startsWith("rate_limit") ? "rate_limit_error" : "invalid_request_error", code,
						"Simulated error " + code, null));
				return;
			}
			String responseId = id("resp");
			String itemId = id("item");
			ObjectNode response = JSON.createObjectNode()
				.put("id", responseId)
				.put("object", "realtime.response")
				.put("status", "in_progress");
			response.putArray("output");
			emit(event("response.created").set("response", response.deepCopy()));
			boolean audio = this.modalities.contains("audio");
			String answer = "You said: " + this.lastText;
			List<String> words = List.of(answer.split("(?<= )"));
			ObjectNode item = JSON.createObjectNode().put("id", itemId).put("object", "realtime.item")
				.put("type", "message").put("role", "assistant").put("status", "in_progress");
			item.putArray("content");
			emit(event("response.output_item.added").put("response_id", responseId).put("output_index", 0)
				.set("item", item));
			emit(event("response.content_part.added").put("response_id", responseId).put("item_id", itemId)
				.put("output_index", 0).put("content_index", 0));
			String deltaType = audio ? (this.beta ? "response.audio_transcript.delta" : "response.output_audio_transcript.delta")
					: (this.beta ? "response.text.delta" : "response.output_text.delta");
			int sent = 0;
			for (String word : words) {
				emit(part(deltaType, responseId, itemId).put("delta", word));
				if (++sent == 2 && RealtimeSimulation.this.dropNextResponse) {
					RealtimeSimulation.this.dropNextResponse = false;
					this.dropped = true;
					// after what was emitted so far reached the socket
					this.out.tryEmitComplete();
					in.withConnection((connection) -> Mono.delay(Duration.ofMillis(100))
						.subscribe((tick) -> connection.channel().close()));
					return;
				}
			}
			int audioTokens = 0;
			if (audio) {
				byte[] tone = tone();
				for (int offset = 0; offset < tone.length; offset += 2400) {
					byte[] chunk = java.util.Arrays.copyOfRange(tone, offset, Math.min(tone.length, offset + 2400));
					emit(part(this.beta ? "response.audio.delta" : "response.output_audio.delta", responseId, itemId)
						.put("delta", Base64.getEncoder().encodeToString(chunk)));
				}
				emit(part(this.beta ? "response.audio.done" : "response.output_audio.done", responseId, itemId));
				emit(part(this.beta ? "response.audio_transcript.done" : "response.output_audio_transcript.done",
						responseId, itemId).put("transcript", answer));
				audioTokens = 5;
			}
			else {
				emit(part(this.beta ? "response.text.done" : "response.output_text.done", responseId, itemId)
					.put("text", answer));
			}
			emit(event("response.content_part.done").put("response_id", responseId).put("item_id", itemId)
				.put("output_index", 0).put("content_index", 0));
			item.put("status", "completed");
			emit(event("response.output_item.done").put("response_id", responseId).put("output_index", 0)
				.set("item", item));
			int audioIn = (int) Math.min(Integer.MAX_VALUE, this.pendingAudio / 4800);
			this.pendingAudio = 0;
			int textIn = 10 + this.lastText.length() / 4;
			int textOut = words.size();
			int input = textIn + audioIn;
			int output = textOut + audioTokens;
			response.put("status", "completed");
			response.putArray("output").add(item);
			ObjectNode usage = response.putObject("usage")
				.put("total_tokens", input + output)
				.put("input_tokens", input)
				.put("output_tokens", output);
			usage.putObject("input_token_details").put("text_tokens", textIn).put("audio_tokens", audioIn)
				.put("cached_tokens", 0);
			usage.putObject("output_token_details").put("text_tokens", textOut).put("audio_tokens", audioTokens);
			emit(event("response.done").set("response", response));
			long used = RealtimeSimulation.this.tokensUsed.addAndGet(input + output);
			ObjectNode limits = event("rate_limits.updated");
			limits.putArray("rate_limits")
				.add(JSON.createObjectNode().put("name", "requests").put("limit", REQUESTS_LIMIT)
					.put("remaining", REQUESTS_LIMIT - RealtimeSimulation.this.connections.get()).put("reset_seconds", 0.012))
				.add(JSON.createObjectNode().put("name", "tokens").put("limit", TOKENS_LIMIT)
					.put("remaining", TOKENS_LIMIT - used).put("reset_seconds", 1.5));
			emit(limits);
		}

		private ObjectNode part(String type, String responseId, String itemId) {
			return event(type).put("response_id", responseId).put("item_id", itemId).put("output_index", 0)
				.put("content_index", 0);
		}

		private ObjectNode event(String type) {
			return JSON.createObjectNode().put("type", type).put("event_id", id("event"));
		}

		private ObjectNode error(String type, String code, String message, @Nullable String eventId) {
			ObjectNode event = event("error");
			event.putObject("error").put("type", type).put("code", code).put("message", message)
				.put("param", (String) null).put("event_id", eventId);
			return event;
		}

		private void emit(ObjectNode event) {
			this.out.tryEmitNext(event.toString());
		}

	}

	/**
	 * A short generated tone: 200 ms of 440 Hz, 24 kHz 16-bit mono little-endian PCM.
	 */
	static byte[] tone() {
		int samples = 24000 / 5;
		ByteBuffer buffer = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < samples; i++) {
			buffer.putShort((short) (Math.sin(2 * Math.PI * 440 * i / 24000.0) * 8000));
		}
		return buffer.array();
	}

}
