package io.github.openaiboot.benchmarks;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A minimal OpenAI stand-in on Reactor Netty, fast enough not to be the bottleneck of a
 * load test: {@code POST /v1/chat/completions} (JSON, or server-sent events when the body
 * asks for {@code "stream":true}) and {@code POST /v1/embeddings} (base64), with the
 * {@code x-request-id} and {@code x-ratelimit-*} headers OpenAI sends. It runs on its own
 * event loop, whose threads are named {@value #THREAD_PREFIX}, so that its CPU time and
 * threads can be told apart from the client's.
 *
 * @author openai-spring-boot
 */
public final class FakeOpenAiServer implements AutoCloseable {

	/**
	 * Prefix of the names of the server's threads.
	 */
	public static final String THREAD_PREFIX = "fake-openai";

	private final AtomicLong requests = new AtomicLong();

	private final LoopResources loops;

	private final DisposableServer server;

	private final boolean secure;

	private FakeOpenAiServer(int threads, @Nullable SelfSignedTls tls) {
		this.loops = LoopResources.create(THREAD_PREFIX, 1, threads, true);
		HttpServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.post("/v1/chat/completions", this::chat).post("/v1/embeddings", this::embeddings));
		if (tls != null) {
			server = server.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(tls.keyManagerFactory())));
		}
		this.secure = (tls != null);
		this.server = server.bindNow();
	}

	/**
	 * Start a server on a random port of 127.0.0.1.
	 * @param threads the number of event-loop threads
	 * @return the running server
	 */
	public static FakeOpenAiServer start(int threads) {
		return new FakeOpenAiServer(threads, null);
	}

	/**
	 * Start a server that speaks HTTPS on a random port of 127.0.0.1, as OpenAI does.
	 * @param threads the number of event-loop threads
	 * @param tls the server's certificate, which its clients are to trust
	 * @return the running server
	 */
	static FakeOpenAiServer startSecure(int threads, SelfSignedTls tls) {
		return new FakeOpenAiServer(threads, tls);
	}

	/**
	 * Return the base URL to configure as {@code openai.base-url}.
	 * @return the base URL, ending in {@code /v1}
	 */
	public String baseUrl() {
		return (this.secure ? "https" : "http") + "://127.0.0.1:" + this.server.port() + "/v1";
	}

	/**
	 * Return how many requests the server has answered.
	 * @return the count
	 */
	public long requests() {
		return this.requests.get();
	}

	private Publisher<Void> chat(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
			headers(response);
			if (body.contains("\"stream\":true")) {
				response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
				List<byte[]> events = CannedResponses.sseEvents();
				// A flush per event, as OpenAI writes each chunk when the model produces it.
				Flux<ByteBuf> frames = Flux.fromIterable(events).map(Unpooled::wrappedBuffer);
				return response.send(frames, (frame) -> true).then();
			}
			return json(response, CannedResponses.chatCompletion());
		});
	}

	private Publisher<Void> embeddings(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().then(Mono.defer(() -> {
			headers(response);
			return json(response, CannedResponses.embeddingBase64());
		}));
	}

	private Mono<Void> json(HttpServerResponse response, byte[] body) {
		response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
		return response.status(HttpResponseStatus.OK).sendObject(Unpooled.wrappedBuffer(body)).then();
	}

	private void headers(HttpServerResponse response) {
		long id = this.requests.incrementAndGet();
		response.header("x-request-id", "req_" + Long.toHexString(0x5eed000000000000L + id))
			.header("openai-organization", "user-benchmark")
			.header("openai-processing-ms", "412")
			.header("openai-version", "2020-10-01");
		CannedResponses.RATE_LIMIT_HEADERS.forEach(response::header);
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
