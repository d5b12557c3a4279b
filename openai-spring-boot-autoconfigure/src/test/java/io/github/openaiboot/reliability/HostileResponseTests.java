package io.github.openaiboot.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.github.openaiboot.error.StreamErrorException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers no well-behaved server sends, from a raw Reactor Netty server: each ends in a
 * typed exception whose message says what was wrong, reads no more than
 * {@code openai.max-response-size}, and ends within the configured timeouts. Retry is
 * off, so that each case is one exchange.
 */
class HostileResponseTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final int MAX_RESPONSE_SIZE = 64 * 1024;

	private static final String CHUNK = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
			+ "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}";

	private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
			+ "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"%s\"},"
			+ "\"finish_reason\":\"stop\"}]}";

	private static final PooledConnections connections = new PooledConnections("hostile");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
		.withBean(ClientHttpConnectorBuilder.class, connections::connectorBuilder)
		.withPropertyValues("openai.api-key=sk-test", "openai.retry.enabled=false", "openai.rate-limit.enabled=false",
				"openai.max-response-size=64KB", "openai.response-timeout=500ms");

	@AfterAll
	static void disposeConnections() {
		connections.dispose();
	}

	@Test
	void endlessBodyStopsAtTheMaxResponseSize() {
		// the server never stops: only the limit ends the call
		assertCallFails(endless("application/json", "{\"id\":\"" + "a".repeat(8191)), OpenAiServerException.class,
				OpenAiErrorKind.INVALID_RESPONSE, (ex) -> assertThat(ex).hasMessageContaining("openai.max-response-size"));
	}

	@Test
	void endlessErrorPageIsStillTheServerErrorOfItsStatus() {
		serve((request, response) -> response.status(500)
			.header("content-type", "text/html")
			.sendString(Flux.interval(Duration.ofMillis(1)).map((i) -> "<p>" + "x".repeat(8192) + "</p>")),
				(context) -> StepVerifier.create(chat(context).ask("hi"))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiServerException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
								assertThat(failure.statusCode()).isEqualTo(500);
								assertThat(failure).hasMessageContaining("openai.max-response-size");
							}))
					.verify(TIMEOUT));
	}

	@Test
	void endlessStreamLineStopsAtTheMaxResponseSize() {
		serve((request, response) -> response.header("content-type", "text/event-stream")
			.sendString(Flux.just("data: ")
				.concatWith(Flux.interval(Duration.ofMillis(1)).map((i) -> "a".repeat(8192)))),
				(context) -> StepVerifier.create(stream(context))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamErrorException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_RESPONSE);
								assertThat(failure).hasMessageContaining("openai.max-response-size");
							}))
					.verify(TIMEOUT));
	}

	@Test
	void invalidUtf8InABodyIsAnInvalidResponse() {
		byte[] body = COMPLETION.formatted("caf__").getBytes(StandardCharsets.UTF_8);
		int at = new String(body, StandardCharsets.UTF_8).indexOf("__");
		// a lead byte followed by a byte that cannot continue it
		body[at] = (byte) 0xC3;
		body[at + 1] = (byte) 0x28;
		assertCallFails(bytes(200, "application/json", body), OpenAiServerException.class,
				OpenAiErrorKind.INVALID_RESPONSE, (ex) -> assertThat(ex).hasMessageContaining("malformed JSON")
					.hasMessageContaining("UTF-8"));
	}

	@Test
	void invalidUtf8InAStreamBecomesReplacementCharactersAsTheSseStandardSays() {
		byte[] frame = ("data: " + CHUNK.formatted("caf__") + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
		int at = new String(frame, StandardCharsets.UTF_8).indexOf("__");
		frame[at] = (byte) 0xC3;
		frame[at + 1] = (byte) 0x28;
		serve(bytes(200, "text/event-stream", frame),
				(context) -> StepVerifier.create(stream(context).map(ChatCompletionChunk::content))
					.expectNextMatches((content) -> content.startsWith("caf\uFFFD"))
					.expectComplete()
					.verify(TIMEOUT));
	}

	@Test
	void slowDripBodyTimesOutAfterTheResponseTimeout() {
		assertCallFails(drip("application/json", COMPLETION.formatted("slow"), Duration.ofSeconds(1)),
				OpenAiTransportException.class, OpenAiErrorKind.TIMEOUT,
				(ex) -> assertThat(ex).hasMessageContaining("response timeout"));
	}

	@Test
	void slowDripStreamTimesOutAfterTheResponseTimeout() {
		serve(drip("text/event-stream", "data: " + CHUNK.formatted("slow") + "\n\n", Duration.ofSeconds(1)),
				(context) -> StepVerifier.create(stream(context))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamErrorException.class,
							(failure) -> assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.TIMEOUT)))
					.verify(TIMEOUT));
	}

	@Test
	void dripFasterThanTheResponseTimeoutIsEndedByTheDeadline() {
		// every byte comes within the response timeout, so only the whole call's deadline ends it
		serve(drip("application/json", COMPLETION.formatted("slow"), Duration.ofMillis(100)),
				(context) -> StepVerifier.create(chat(context).ask("hi"))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiTransportException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.TIMEOUT);
								assertThat(failure).hasMessageContaining("deadline of 1s");
							}))
					.verify(TIMEOUT),
				"openai.retry.enabled=true", "openai.retry.deadline=1s");
	}

	@Test
	void brokenJsonIsAnInvalidResponse() {
		assertCallFails(bytes(200, "application/json", "{\"id\":\"chatcmpl-1\",\"choices\":[{\"mess".getBytes()),
				OpenAiServerException.class, OpenAiErrorKind.INVALID_RESPONSE,
				(ex) -> assertThat(ex).hasMessageContaining("malformed JSON"));
	}

	@Test
	void brokenJsonInAStreamIsAnInvalidResponseAfterTheGoodChunks() {
		serve(bytes(200, "text/event-stream",
				("data: " + CHUNK.formatted("one") + "\n\ndata: {\"id\":\"chatcmpl-1\",\"choi\n\n").getBytes()),
				(context) -> StepVerifier.create(stream(context))
					.expectNextCount(1)
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamErrorException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_RESPONSE);
								assertThat(failure).hasMessageContaining("Malformed stream chunk")
									.hasMessageContaining("after 1 chunk");
							}))
					.verify(TIMEOUT));
	}

	@Test
	void htmlFromAProxyIsTheServerErrorOfItsStatus() {
		byte[] page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
			.getBytes();
		assertCallFails(bytes(502, "text/html", page), OpenAiServerException.class, OpenAiErrorKind.OVERLOADED,
				(ex) -> assertThat(ex).hasMessageContaining("502").hasMessageContaining("Bad Gateway"));
	}

	@Test
	void htmlFromAProxyToAStreamIsTheServerErrorOfItsStatus() {
		serve(bytes(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes()),
				(context) -> StepVerifier.create(stream(context))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiServerException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.OVERLOADED);
								assertThat(failure.statusCode()).isEqualTo(502);
							}))
					.verify(TIMEOUT));
	}

	@Test
	void htmlPageWithStatus200ToAStreamSaysWhatCameInstead() {
		serve(bytes(200, "text/html", "<html><body>Please sign in to the guest network</body></html>".getBytes()),
				(context) -> StepVerifier.create(stream(context))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiServerException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_RESPONSE);
								assertThat(failure).hasMessageContaining("text/html")
									.hasMessageContaining("Please sign in");
							}))
					.verify(TIMEOUT));
	}

	@Test
	void emptyBodyWithStatus200IsAnInvalidResponse() {
		assertCallFails(bytes(200, "application/json", new byte[0]), OpenAiServerException.class,
				OpenAiErrorKind.INVALID_RESPONSE, (ex) -> assertThat(ex).hasMessageContaining("empty body"));
	}

	@Test
	void emptyStreamIsAStreamErrorSayingDoneNeverCame() {
		serve(bytes(200, "text/event-stream", new byte[0]),
				(context) -> StepVerifier.create(stream(context))
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamErrorException.class)
						.hasMessageContaining("[DONE]"))
					.verify(TIMEOUT));
	}

	@Test
	void streamWithoutDoneIsAStreamErrorAfterItsChunks() {
		serve(bytes(200, "text/event-stream",
				("data: " + CHUNK.formatted("one") + "\n\ndata: " + CHUNK.formatted("two") + "\n\n").getBytes()),
				(context) -> StepVerifier.create(stream(context))
					.expectNextCount(2)
					.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamErrorException.class,
							(failure) -> {
								assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.CONNECTION);
								assertThat(failure).hasMessageContaining("Stream ended before [DONE]")
									.hasMessageContaining("after 2 chunk");
							}))
					.verify(TIMEOUT));
	}

	private void assertCallFails(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler,
			Class<? extends OpenAiException> type, OpenAiErrorKind kind, Consumer<OpenAiException> more) {
		serve(handler, (context) -> StepVerifier.create(chat(context).ask("hi")).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(type);
			assertThat(((OpenAiException) ex).kind()).isEqualTo(kind);
			more.accept((OpenAiException) ex);
		}).verify(TIMEOUT));
	}

	private void serve(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler,
			Consumer<AssertableApplicationContext> test, String... properties) {
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions", handler))
			.bindNow();
		try {
			this.contextRunner.withPropertyValues("openai.base-url=http://127.0.0.1:" + server.port() + "/v1")
				.withPropertyValues(properties)
				.run((context) -> {
					test.accept(context);
					// nothing acquired once the call failed, however it failed
					connections.awaitSettled();
				});
		}
		finally {
			server.disposeNow();
		}
	}

	private static ChatClient chat(AssertableApplicationContext context) {
		return context.getBean(ChatClient.class);
	}

	private static Flux<ChatCompletionChunk> stream(AssertableApplicationContext context) {
		return chat(context).stream(ChatRequest.builder().user("hi").build());
	}

	private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> bytes(int status,
			String contentType, byte[] body) {
		return (request, response) -> response.status(status)
			.header("content-type", contentType)
			.header("content-length", String.valueOf(body.length))
			.sendByteArray(Mono.just(body));
	}

	private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> endless(String contentType,
			String piece) {
		return (request, response) -> response.header("content-type", contentType)
			.sendString(Flux.interval(Duration.ofMillis(1)).map((i) -> piece));
	}

	private static BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> drip(String contentType,
			String body, Duration every) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		Function<Long, byte[]> oneByte = (i) -> Arrays.copyOfRange(bytes, i.intValue(), i.intValue() + 1);
		// one byte per write, each flushed as it comes
		return (request, response) -> response.header("content-type", contentType)
			.sendByteArray(Flux.interval(every).take(bytes.length).map(oneByte));
	}

}
