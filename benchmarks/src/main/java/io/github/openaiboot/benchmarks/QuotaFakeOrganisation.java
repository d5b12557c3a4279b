package io.github.openaiboot.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * One fake OpenAI organisation with a requests-per-minute limit, enforced as OpenAI does
 * over a shorter window (600 RPM as 10 requests in any second), answering chat calls after
 * a fixed latency with OpenAI's {@code x-ratelimit-*} headers, a {@code 429
 * rate_limit_exceeded} with "Please try again in …" past the limit, and, once
 * {@link #exhaustQuota()} was called, {@code 429 insufficient_quota} for every call.
 *
 * @author openai-spring-boot
 */
final class QuotaFakeOrganisation implements AutoCloseable {

	private static final String ANSWER = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}
			""";

	private static final String QUOTA = """
			{"error":{"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}
			""";

	private final String name;

	private final int requestsPerMinute;

	private final int perWindow;

	private final Duration window;

	private final Duration latency;

	private final Deque<Long> windowTimes = new ArrayDeque<>();

	private final Deque<Long> minuteTimes = new ArrayDeque<>();

	private final AtomicLong served = new AtomicLong();

	private final AtomicLong rateLimited = new AtomicLong();

	private final AtomicLong quotaRefused = new AtomicLong();

	private volatile boolean quotaExhausted;

	private final long startNanos = System.nanoTime();

	private final java.util.concurrent.ConcurrentLinkedQueue<Long> rejectedAt = new java.util.concurrent.ConcurrentLinkedQueue<>();

	private final LoopResources loops;

	private final DisposableServer server;

	QuotaFakeOrganisation(String name, int requestsPerMinute, Duration window, Duration latency) {
		this.name = name;
		this.requestsPerMinute = requestsPerMinute;
		this.window = window;
		this.perWindow = (int) Math.max(1, requestsPerMinute * window.toMillis() / 60_000);
		this.latency = latency;
		this.loops = LoopResources.create("fake-" + name, 1, 1, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.post("/v1/chat/completions", this::chat))
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	void exhaustQuota() {
		this.quotaExhausted = true;
	}

	long served() {
		return this.served.get();
	}

	long rateLimited() {
		return this.rateLimited.get();
	}

	long quotaRefused() {
		return this.quotaRefused.get();
	}

	/**
	 * Return the tenths of a second, from the start, at which calls met a 429.
	 */
	java.util.List<Long> rejectedAt() {
		return java.util.List.copyOf(this.rejectedAt);
	}

	String name() {
		return this.name;
	}

	private Mono<Void> chat(HttpServerRequest request, HttpServerResponse response) {
		return request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
			if (this.quotaExhausted) {
				this.quotaRefused.incrementAndGet();
				return respond(response.status(429), QUOTA, Duration.ZERO);
			}
			Admission admission = admit(System.nanoTime());
			headers(response, admission);
			if (!admission.allowed()) {
				this.rateLimited.incrementAndGet();
				this.rejectedAt.add((System.nanoTime() - this.startNanos) / 100_000_000);
				long waitMs = Math.max(1, admission.retryAfterNanos() / 1_000_000);
				String error = """
						{"error":{"message":"Rate limit reached for gpt-4o-mini in organization %s on requests per min (RPM): Limit %d, Used %d, Requested 1. Please try again in %dms. Visit https://platform.openai.com/account/rate-limits to learn more.","type":"requests","param":null,"code":"rate_limit_exceeded"}}
						""".formatted(this.name, this.requestsPerMinute, this.requestsPerMinute, waitMs);
				return respond(response.status(429), error, Duration.ZERO);
			}
			this.served.incrementAndGet();
			return respond(response.status(200), ANSWER, this.latency);
		});
	}

	private Mono<Void> respond(HttpServerResponse response, String body, Duration delay) {
		response.header("Content-Type", "application/json")
			.header("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
		Mono<Void> send = response.sendByteArray(Mono.just(body.getBytes(StandardCharsets.UTF_8))).then();
		return delay.isZero() ? send : Mono.delay(delay).then(send);
	}

	private void headers(HttpServerResponse response, Admission admission) {
		response.header("x-ratelimit-limit-requests", String.valueOf(this.requestsPerMinute))
			.header("x-ratelimit-remaining-requests", String.valueOf(admission.remainingInMinute()))
			.header("x-ratelimit-reset-requests", (admission.resetMinuteNanos() / 1_000_000) + "ms")
			.header("x-ratelimit-limit-tokens", "10000000")
			.header("x-ratelimit-remaining-tokens", "9999000")
			.header("x-ratelimit-reset-tokens", "6ms");
	}

	private synchronized Admission admit(long now) {
		long windowNanos = this.window.toNanos();
		while (!this.windowTimes.isEmpty() && now - this.windowTimes.peekFirst() >= windowNanos) {
			this.windowTimes.pollFirst();
		}
		while (!this.minuteTimes.isEmpty() && now - this.minuteTimes.peekFirst() >= 60_000_000_000L) {
			this.minuteTimes.pollFirst();
		}
		if (this.windowTimes.size() >= this.perWindow || this.minuteTimes.size() >= this.requestsPerMinute) {
			long retry = Math.max(windowNanos - (now - this.windowTimes.peekFirst()), 1_000_000);
			return new Admission(false, Math.max(0, this.requestsPerMinute - this.minuteTimes.size()), retry,
					resetMinute(now));
		}
		this.windowTimes.addLast(now);
		this.minuteTimes.addLast(now);
		return new Admission(true, this.requestsPerMinute - this.minuteTimes.size(), 0, resetMinute(now));
	}

	private long resetMinute(long now) {
		// the time until one more request is back in the minute's budget
		return this.minuteTimes.isEmpty() ? 0
				: Math.max(0, 60_000_000_000L / this.requestsPerMinute - (now - this.minuteTimes.peekLast()));
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
	}

	private record Admission(boolean allowed, long remainingInMinute, long retryAfterNanos, long resetMinuteNanos) {

	}

}
