package io.github.openaiboot.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.github.openaiboot.core.OpenAiJson;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;

/**
 * One fake OpenAI organisation answering {@code POST /v1/embeddings} after a fixed
 * latency, with a tokens-per-minute limit enforced as a token bucket that holds
 * {@code window} worth of the limit (a minute's by default) and refills continuously,
 * the tokens of each call counted with {@code cl100k_base} as OpenAI counts them for the
 * text-embedding-3 models; {@code x-ratelimit-*} headers on every answer and a {@code 429
 * rate_limit_exceeded} with "Please try again in …" past the limit.
 *
 * @author openai-spring-boot
 */
final class TpmFakeOrganisation implements AutoCloseable {

	private static final int REQUESTS_PER_MINUTE = 10_000;

	private static final String VECTOR = vector();

	private final Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	private final long tokensPerMinute;

	private final double capacity;

	private final double tokensPerNano;

	private final Duration latency;

	private double available;

	private long refilledAt = System.nanoTime();

	private final AtomicLong served = new AtomicLong();

	private final AtomicLong rateLimited = new AtomicLong();

	private final AtomicLong tokensServed = new AtomicLong();

	private final LoopResources loops;

	private final DisposableServer server;

	TpmFakeOrganisation(long tokensPerMinute, Duration window, Duration latency) {
		this.tokensPerMinute = tokensPerMinute;
		this.capacity = tokensPerMinute * (window.toNanos() / 60e9);
		this.tokensPerNano = tokensPerMinute / 60e9;
		this.available = this.capacity;
		this.latency = latency;
		this.loops = LoopResources.create("fake-tpm", 1, 2, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.post("/v1/embeddings", this::embeddings))
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	long served() {
		return this.served.get();
	}

	long rateLimited() {
		return this.rateLimited.get();
	}

	long tokensServed() {
		return this.tokensServed.get();
	}

	/**
	 * The least time the limit allows for some tokens, starting from a full bucket.
	 * @param tokens the tokens
	 * @return the time in seconds
	 */
	double secondsAllowedFor(long tokens) {
		return Math.max(0, tokens - this.capacity) / (this.tokensPerNano * 1e9);
	}

	private Mono<Void> embeddings(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap((body) -> {
			JsonNode input = OpenAiJson.mapper().readTree(body).get("input");
			int tokens = 0;
			for (JsonNode text : input) {
				tokens += this.encoding.countTokensOrdinary(text.asString());
			}
			double[] admission = admit(System.nanoTime(), tokens);
			boolean allowed = admission[0] > 0;
			long remaining = (long) admission[1];
			response.header("x-ratelimit-limit-requests", String.valueOf(REQUESTS_PER_MINUTE))
				.header("x-ratelimit-remaining-requests", String.valueOf(REQUESTS_PER_MINUTE - 1))
				.header("x-ratelimit-reset-requests", "6ms")
				.header("x-ratelimit-limit-tokens", String.valueOf(this.tokensPerMinute))
				.header("x-ratelimit-remaining-tokens", String.valueOf(remaining))
				.header("x-ratelimit-reset-tokens", millis((this.capacity - remaining) / this.tokensPerNano) + "ms");
			if (!allowed) {
				this.rateLimited.incrementAndGet();
				long wait = millis((tokens - remaining) / this.tokensPerNano);
				String error = """
						{"error":{"message":"Rate limit reached for text-embedding-3-small in organization org-bench on tokens per min (TPM): Limit %d, Used %d, Requested %d. Please try again in %dms. Visit https://platform.openai.com/account/rate-limits to learn more.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}
						"""
					.formatted(this.tokensPerMinute, this.tokensPerMinute - remaining, tokens, Math.max(1, wait));
				return respond(response.status(429), error, Duration.ZERO);
			}
			this.served.incrementAndGet();
			this.tokensServed.addAndGet(tokens);
			return respond(response.status(200), answer(input.size(), tokens), this.latency);
		});
	}

	private static long millis(double nanos) {
		return Math.max(0, Math.round(nanos / 1e6));
	}

	/**
	 * Return {@code [1 if admitted else 0, tokens remaining afterwards]}.
	 */
	private synchronized double[] admit(long now, int tokens) {
		this.available = Math.min(this.capacity, this.available + (now - this.refilledAt) * this.tokensPerNano);
		this.refilledAt = now;
		if (tokens > this.available) {
			return new double[] { 0, this.available };
		}
		this.available -= tokens;
		return new double[] { 1, this.available };
	}

	private static String answer(int count, int tokens) {
		StringBuilder json = new StringBuilder(count * 60 + 200).append("{\"object\":\"list\",\"data\":[");
		for (int i = 0; i < count; i++) {
			if (i > 0) {
				json.append(',');
			}
			json.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":\"").append(VECTOR)
				.append("\"}");
		}
		return json.append("],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":")
			.append(tokens)
			.append(",\"total_tokens\":")
			.append(tokens)
			.append("}}")
			.toString();
	}

	private static String vector() {
		ByteBuffer buffer = ByteBuffer.allocate(8 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < 8; i++) {
			buffer.putFloat(i / 8f);
		}
		return Base64.getEncoder().encodeToString(buffer.array());
	}

	private Mono<Void> respond(HttpServerResponse response, String body, Duration delay) {
		response.header("Content-Type", "application/json")
			.header("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
		Mono<Void> send = response.sendByteArray(Mono.just(body.getBytes(StandardCharsets.UTF_8))).then();
		return delay.isZero() ? send : Mono.delay(delay).then(send);
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%d TPM", this.tokensPerMinute);
	}

}
