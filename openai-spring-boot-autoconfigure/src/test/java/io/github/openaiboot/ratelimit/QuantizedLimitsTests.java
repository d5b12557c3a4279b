package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import io.github.openaiboot.usage.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pacing against a fake OpenAI that enforces its per-minute limits over shorter windows,
 * as OpenAI may (60,000 requests per minute as 1,000 per second), under a closed loop
 * of 32 callers for 20 seconds, with the default retry, on virtual time.
 * <p>
 * The fake keeps OpenAI's two buckets, refilling continuously at 600 requests and
 * 60,000 tokens per minute and holding one window's worth of each, full at the start;
 * each request costs 100 tokens, so that both limits bind together. It answers after
 * 200 ms with {@code x-ratelimit-*} headers describing its buckets, or at once with a
 * 429 {@code rate_limit_exceeded} and the wait in its message; requests reach it 0 to
 * 20 ms after they leave. The best any client can do is one window's worth at the start
 * plus the refill (the ceiling). The targets: at most 1 % of the requests the server
 * receives answered 429, no error reaching a caller, and at least 0.95 of the ceiling.
 * Before the burst was spread, learned and narrowed, a one-second window met 22 429s in
 * 261 requests (8.4 %), a ten-second one 8 in 337.
 */
class QuantizedLimitsTests {

	private static final String MODEL = "gpt-4o-mini";

	private static final long RPM = 600;

	private static final long TPM = 60_000;

	private static final int TOKENS = 100;

	private static final int CONCURRENCY = 32;

	private static final Duration RUN = Duration.ofSeconds(20);

	private static final Duration LATENCY = Duration.ofMillis(200);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	@ParameterizedTest(name = "window {0} ms")
	@ValueSource(longs = { 1_000, 10_000, 60_000 })
	void withoutConfigurationFewServer429sAndNearlyTheWholeCeiling(long windowMillis) {
		Result result = run(Duration.ofMillis(windowMillis), UnaryOperator.identity());
		result.assertTargetsMet();
	}

	@ParameterizedTest(name = "window {0} ms")
	@ValueSource(longs = 1_000)
	void withConfiguredLimitsAndNoBurstFewServer429sAndNearlyTheWholeCeiling(long windowMillis) {
		Result result = run(Duration.ofMillis(windowMillis), (pacer) -> pacer.defaultLimits(RPM, TPM));
		result.assertTargetsMet();
	}

	@ParameterizedTest(name = "window {0} ms")
	@ValueSource(longs = { 1_000, 10_000, 60_000 })
	void withTheWindowConfiguredAsTheBurstFewServer429sAndNearlyTheWholeCeiling(long windowMillis) {
		Duration window = Duration.ofMillis(windowMillis);
		Result result = run(window, (pacer) -> pacer.defaultLimits(RPM, TPM).burst(window));
		result.assertTargetsMet();
	}

	@ParameterizedTest(name = "window {0} ms")
	@ValueSource(longs = { 250, 500 })
	void aWindowShorterThanTheDefaultCostsAFew429sOnceThenTheBurstNarrows(long windowMillis) {
		Duration window = Duration.ofMillis(windowMillis);
		Result result = run(window, (pacer) -> pacer.defaultLimits(RPM, TPM));
		assertThat(result.callerErrors).as("retried, never seen by callers").isZero();
		assertThat(result.rejectedAfterFirstSecond).as("429s after the burst narrowed").isZero();
		assertThat(result.goodputOfCeiling()).isGreaterThanOrEqualTo(0.95);
		assertThat(result.pacer.capacity(MODEL, RateLimitType.REQUESTS))
			.isLessThanOrEqualTo(RPM * windowMillis / 60_000);
	}

	private Result run(Duration window, UnaryOperator<TokenBucketPacer.Builder> configure) {
		QuantizedOpenAi server = new QuantizedOpenAi(window, this.time);
		TokenBucketPacer pacer = configure.apply(TokenBucketPacer.builder().scheduler(this.time)).build();
		RateLimitStage stage = new RateLimitStage((request) -> TOKENS, pacer);
		OpenAiRetry retry = OpenAiRetry.builder(OpenAiRetryPolicy.builder().random(() -> 0.5).build())
			.scheduler(this.time)
			.build();
		OpenAiRequest<ChatCompletion> request = OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions",
				ChatRequest.builder().model(MODEL).user("hi").build(), ChatCompletion.class, MODEL);
		// requests reach the server 0 to 20 ms after they leave, in an order that varies
		Random network = new Random(16);
		Mono<ChatCompletion> attempt = Mono.defer(() -> Mono.delay(Duration.ofMillis(network.nextInt(21)), this.time))
			.then(Mono.defer(() -> server.answer(pacer)));
		Mono<ChatCompletion> call = retry.apply(request, stage.apply(request, attempt));
		long end = RUN.toNanos();
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		Disposable load = Flux.range(0, CONCURRENCY)
			.flatMap((worker) -> call.doOnNext((completion) -> {
				if (now() <= end) {
					succeeded.incrementAndGet();
				}
			}).onErrorResume((failure) -> {
				failed.incrementAndGet();
				return Mono.empty();
			}).repeat(() -> now() < end), CONCURRENCY)
			.subscribe();
		try {
			this.time.advanceTimeBy(RUN.plusSeconds(5));
		}
		finally {
			load.dispose();
		}
		return new Result(window, pacer, succeeded.get(), failed.get(), server.received.get(), server.rejected.get(),
				server.rejectedAfterFirstSecond.get());
	}

	private long now() {
		return this.time.now(TimeUnit.NANOSECONDS);
	}

	private record Result(Duration window, TokenBucketPacer pacer, int succeeded, int callerErrors, int received,
			int rejected, int rejectedAfterFirstSecond) {

		double ceiling() {
			return RPM * (RUN.toNanos() + this.window.toNanos()) / 60e9;
		}

		double goodputOfCeiling() {
			return this.succeeded / ceiling();
		}

		void assertTargetsMet() {
			String summary = String.format("window %s: %d succeeded of a ceiling of %.0f, %d of %d received answered 429, "
					+ "%d caller errors", this.window, this.succeeded, ceiling(), this.rejected, this.received,
					this.callerErrors);
			assertThat(this.callerErrors).as(summary).isZero();
			assertThat((double) this.rejected).as(summary).isLessThanOrEqualTo(0.01 * this.received);
			assertThat(goodputOfCeiling()).as(summary).isGreaterThanOrEqualTo(0.95);
		}

	}

	/**
	 * A fake OpenAI whose per-minute limits hold one window's worth, refilling
	 * continuously, full at the start.
	 */
	private static final class QuantizedOpenAi {

		private final VirtualTimeScheduler time;

		private final double requestCapacity;

		private final double tokenCapacity;

		private double requests;

		private double tokens;

		private long last;

		private final AtomicInteger received = new AtomicInteger();

		private final AtomicInteger rejected = new AtomicInteger();

		private final AtomicInteger rejectedAfterFirstSecond = new AtomicInteger();

		QuantizedOpenAi(Duration window, VirtualTimeScheduler time) {
			this.time = time;
			this.requestCapacity = Math.max(1, RPM * window.toNanos() / 60e9);
			this.tokenCapacity = Math.max(1, TPM * window.toNanos() / 60e9);
			this.requests = this.requestCapacity;
			this.tokens = this.tokenCapacity;
			this.last = time.now(TimeUnit.NANOSECONDS);
		}

		Mono<ChatCompletion> answer(RateLimiter pacer) {
			this.received.incrementAndGet();
			long now = this.time.now(TimeUnit.NANOSECONDS);
			this.requests = Math.min(this.requestCapacity, this.requests + (now - this.last) * RPM / 60e9);
			this.tokens = Math.min(this.tokenCapacity, this.tokens + (now - this.last) * TPM / 60e9);
			this.last = now;
			boolean requestsShort = this.requests < 1;
			if (requestsShort || this.tokens < TOKENS) {
				this.rejected.incrementAndGet();
				if (now > Duration.ofSeconds(1).toNanos()) {
					this.rejectedAfterFirstSecond.incrementAndGet();
				}
				double waitNanos = requestsShort ? (1 - this.requests) * 60e9 / RPM
						: (TOKENS - this.tokens) * 60e9 / TPM;
				Duration wait = Duration.ofMillis((long) Math.ceil(waitNanos / 1e6));
				pacer.onHeaders(MODEL, headers());
				String type = requestsShort ? "requests" : "tokens";
				return Mono.error(new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
						new OpenAiError("Rate limit reached for " + MODEL + " in organization org-fake on "
								+ (requestsShort ? "requests per min (RPM)" : "tokens per min (TPM)")
								+ ". Please try again in " + wait.toMillis() + "ms.", type, null,
								"rate_limit_exceeded"),
						"req_" + this.received.get(), wait));
			}
			this.requests -= 1;
			this.tokens -= TOKENS;
			RateLimitHeaders headers = headers();
			return Mono.delay(LATENCY, this.time).map((tick) -> {
				pacer.onHeaders(MODEL, headers);
				return new ChatCompletion("chatcmpl-" + this.received.get(), "chat.completion", 0, MODEL, List.of(),
						Usage.of(TOKENS - 10, 10), null, null);
			});
		}

		private RateLimitHeaders headers() {
			return new RateLimitHeaders(RPM, TPM, (long) this.requests, (long) this.tokens,
					reset(this.requestCapacity - this.requests, RPM), reset(this.tokenCapacity - this.tokens, TPM));
		}

		private static Duration reset(double missing, long perMinute) {
			// OpenAI's headers round to the millisecond, up
			return Duration.ofMillis((long) Math.ceil(missing * 60_000 / perMinute));
		}

	}

}
