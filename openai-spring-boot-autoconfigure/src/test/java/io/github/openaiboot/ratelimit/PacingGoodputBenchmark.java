package io.github.openaiboot.ratelimit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Goodput of pacing against a fake OpenAI that enforces 600 requests and 60,000 tokens
 * per minute, under an offered load of three times that for 30 seconds. Not a unit test:
 * run it with
 * <pre>
 * ./mvnw -pl openai-spring-boot-autoconfigure test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=io.github.openaiboot.ratelimit.PacingGoodputBenchmark
 * </pre>
 * The fake charges each request, as OpenAI does, its prompt tokens plus
 * {@code max_completion_tokens} (100 tokens per request here, so both limits bind
 * together), answers after 200 ms with {@code x-ratelimit-*} headers, and answers 429
 * {@code rate_limit_exceeded} ("Please try again in …") when either bucket is short. Its
 * buckets start empty, as for an organization already using its whole budget, so that
 * a burst allowance does not hide the difference. Goodput is the successful requests
 * per minute, from the first request to the last answer, divided by the 600 RPM limit.
 */
public final class PacingGoodputBenchmark {

	private static final String MODEL = "gpt-4o-mini";

	private static final long RPM = 600;

	private static final long TPM = 60_000;

	private static final int TOKENS_PER_REQUEST = 100;

	private static final Duration OFFERED_FOR = Duration.ofSeconds(30);

	private static final Duration LATENCY = Duration.ofMillis(200);

	private PacingGoodputBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		System.out.println(run("pacing off", null, false));
		System.out.println(run("pacing on, limits configured", TokenBucketPacer.builder()
			.defaultLimits(RPM, TPM)
			.maxWait(Duration.ofMinutes(2)), false));
		System.out.println(run("pacing on, limits learned from headers", TokenBucketPacer.builder()
			.maxWait(Duration.ofMinutes(2)), false));
		System.out.println(run("pacing on, limits learned, default retry", TokenBucketPacer.builder()
			.maxWait(Duration.ofMinutes(2)), true));
		System.exit(0);
	}

	private static String run(String name, TokenBucketPacer.Builder pacer, boolean retry)
			throws InterruptedException {
		FakeOpenAi fake = new FakeOpenAi();
		DisposableServer server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> request
			.receive()
			.aggregate()
			.asByteArray()
			.flatMap((body) -> fake.handle(body, response))).bindNow();
		try {
			TokenCounter counter = new TokenCounter();
			OpenAiPipeline.Builder pipeline = OpenAiPipeline
				.builder(WebClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").build());
			if (pacer != null) {
				pipeline.rateLimiter(pacer.build()).tokenEstimator(counter);
			}
			if (retry) {
				pipeline.retry(OpenAiRetry.builder(OpenAiRetryPolicy.builder().build()).build());
			}
			OpenAiPipeline client = pipeline.build();
			ChatRequest chat = request(counter);
			long offered = OFFERED_FOR.toMillis() * 3 * RPM / 60_000;
			Duration interval = Duration.ofNanos(OFFERED_FOR.toNanos() / offered);
			AtomicInteger succeeded = new AtomicInteger();
			AtomicInteger failed = new AtomicInteger();
			AtomicLong maxLatency = new AtomicLong();
			CountDownLatch done = new CountDownLatch((int) offered);
			long start = System.nanoTime();
			Flux.interval(Duration.ZERO, interval).take(offered).subscribe((i) -> {
				long sent = System.nanoTime();
				client.exchange(OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions", chat,
						ChatCompletion.class, MODEL))
					.doFinally((signal) -> {
						maxLatency.accumulateAndGet(System.nanoTime() - sent, Math::max);
						done.countDown();
					})
					.subscribe((completion) -> succeeded.incrementAndGet(), (failure) -> failed.incrementAndGet());
			});
			done.await(5, TimeUnit.MINUTES);
			double minutes = (System.nanoTime() - start) / 60e9;
			return String.format(Locale.ROOT,
					"%-40s offered %d in %ds: succeeded %d, caller errors %d, server 429s %d of %d received (%.1f %%), "
							+ "goodput %.0f req/min = %.1f %% of the %d RPM limit, run %.1f s, slowest call %.1f s",
					name, offered, OFFERED_FOR.toSeconds(), succeeded.get(), failed.get(), fake.rejected.get(),
					fake.received.get(), 100.0 * fake.rejected.get() / fake.received.get(), succeeded.get() / minutes,
					100.0 * succeeded.get() / minutes / RPM, RPM, minutes * 60, maxLatency.get() / 1e9);
		}
		finally {
			server.disposeNow();
		}
	}

	private static ChatRequest request(TokenCounter counter) {
		ChatRequest prompt = ChatRequest.builder()
			.model(MODEL)
			.system("You are a terse assistant.")
			.user("Summarize in one sentence why clients should pace themselves under the requests and tokens "
					+ "per minute limits of an API instead of retrying after every 429 response.")
			.build();
		return prompt.mutate().maxCompletionTokens(TOKENS_PER_REQUEST - counter.count(prompt)).build();
	}

	/**
	 * A fake chat completions endpoint with OpenAI's two token buckets.
	 */
	private static final class FakeOpenAi {

		private final TokenCounter counter = new TokenCounter();

		// Created by the first request, so that start-up time does not fill them
		private Bucket requests;

		private Bucket tokens;

		private final AtomicInteger received = new AtomicInteger();

		private final AtomicInteger rejected = new AtomicInteger();

		Mono<Void> handle(byte[] body, HttpServerResponse response) {
			this.received.incrementAndGet();
			ChatRequest chat = OpenAiJson.mapper().readValue(body, ChatRequest.class);
			int prompt = this.counter.count(chat);
			int completion = (chat.maxCompletionTokens() != null) ? chat.maxCompletionTokens() : 16;
			long waitNanos = admit(prompt + completion);
			if (waitNanos > 0) {
				this.rejected.incrementAndGet();
				String type = availableRequests() < 1 ? "requests" : "tokens";
				String json = "{\"error\":{\"message\":\"Rate limit reached for " + MODEL
						+ " in organization org-fake on " + type + " per min. Please try again in "
						+ Math.max(1, waitNanos / 1_000_000) + "ms.\",\"type\":\"" + type
						+ "\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
				return withHeaders(response.status(429)).sendString(Mono.just(json), StandardCharsets.UTF_8).then();
			}
			String json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"" + MODEL
					+ "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Pace.\"},"
					+ "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":"
					+ completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
			return Mono.delay(LATENCY)
				.then(Mono.defer(() -> withHeaders(response.status(200)).sendString(Mono.just(json),
						StandardCharsets.UTF_8).then()));
		}

		private synchronized long admit(long cost) {
			if (this.requests == null) {
				this.requests = bucket(RPM);
				this.tokens = bucket(TPM);
			}
			long requestsWait = this.requests.estimateAbilityToConsume(1).getNanosToWaitForRefill();
			long tokensWait = this.tokens.estimateAbilityToConsume(cost).getNanosToWaitForRefill();
			if (requestsWait > 0 || tokensWait > 0) {
				return Math.max(requestsWait, tokensWait);
			}
			this.requests.tryConsume(1);
			this.tokens.tryConsume(cost);
			return 0;
		}

		private synchronized long availableRequests() {
			return this.requests.getAvailableTokens();
		}

		private synchronized HttpServerResponse withHeaders(HttpServerResponse response) {
			long remainingRequests = Math.max(0, this.requests.getAvailableTokens());
			long remainingTokens = Math.max(0, this.tokens.getAvailableTokens());
			return response.header("content-type", "application/json")
				.header("x-request-id", "req_fake")
				.header("x-ratelimit-limit-requests", Long.toString(RPM))
				.header("x-ratelimit-limit-tokens", Long.toString(TPM))
				.header("x-ratelimit-remaining-requests", Long.toString(remainingRequests))
				.header("x-ratelimit-remaining-tokens", Long.toString(remainingTokens))
				.header("x-ratelimit-reset-requests", ((RPM - remainingRequests) * 60_000 / RPM) + "ms")
				.header("x-ratelimit-reset-tokens", ((TPM - remainingTokens) * 60_000 / TPM) + "ms");
		}

		private static Bucket bucket(long perMinute) {
			return Bucket.builder()
				.withCustomTimePrecision(TimeMeter.SYSTEM_NANOTIME)
				.addLimit((limit) -> limit.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
					.initialTokens(0))
				.build();
		}

	}

}
