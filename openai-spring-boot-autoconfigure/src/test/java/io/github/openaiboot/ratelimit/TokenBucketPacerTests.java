package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.RateLimitDimension;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.ratelimit.RateLimiter.Permit;
import io.github.openaiboot.usage.Usage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenBucketPacer} and {@link RateLimitStage}, on virtual time.
 */
class TokenBucketPacerTests {

	private static final String MODEL = "gpt-4o-mini";

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final List<Disposable> subscriptions = new CopyOnWriteArrayList<>();

	@AfterEach
	void dispose() {
		this.subscriptions.forEach(Disposable::dispose);
		this.time.dispose();
	}

	@Test
	void pacesRequestsPerMinuteOnly() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 0).build();
		for (int i = 0; i < 60; i++) {
			assertThat(acquire(pacer, 1_000_000).get()).as("request %d", i).isNotNull();
		}
		AtomicReference<Permit> sixtyFirst = acquire(pacer, 1_000_000);
		this.time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(sixtyFirst.get()).isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(sixtyFirst.get()).isNotNull();
	}

	@Test
	void pacesTokensPerMinuteOnly() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		assertThat(acquire(pacer, 6000).get()).isNotNull();
		AtomicReference<Permit> next = acquire(pacer, 200);
		this.time.advanceTimeBy(Duration.ofMillis(1999));
		assertThat(next.get()).isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(next.get()).isNotNull();
	}

	@Test
	void waitsForTheSlowerOfBothLimits() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 600).build();
		assertThat(acquire(pacer, 600).get()).isNotNull();
		// 59 requests left, but 30 tokens take 3 s at 10 tokens/s
		AtomicReference<Permit> tokenBound = acquire(pacer, 30);
		this.time.advanceTimeBy(Duration.ofMillis(2999));
		assertThat(tokenBound.get()).isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(tokenBound.get()).isNotNull();

		TokenBucketPacer requestBound = pacer().limits("gpt-4o", 1, 600).build();
		assertThat(acquire(requestBound, "gpt-4o", 1).get()).isNotNull();
		AtomicReference<Permit> second = acquire(requestBound, "gpt-4o", 1);
		this.time.advanceTimeBy(Duration.ofSeconds(59));
		assertThat(second.get()).isNull();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(second.get()).isNotNull();
	}

	@Test
	void usesPerModelLimitsBeforeDefaults() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).limits("gpt-4o", 10, 1000).build();
		acquire(pacer, "gpt-4o", 1);
		acquire(pacer, MODEL, 1);
		assertThat(pacer.limit("gpt-4o", RateLimitType.REQUESTS)).isEqualTo(10);
		assertThat(pacer.limit(MODEL, RateLimitType.TOKENS)).isEqualTo(6000);
		assertThat(pacer.available("gpt-4o", RateLimitType.TOKENS)).isEqualTo(999);
	}

	@Test
	void refundsTokensTheAnswerDidNotUse() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		Permit permit = acquire(pacer, 6000).get();
		permit.reconcile(Usage.of(1000, 2000));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(3000);
		assertThat(acquire(pacer, 3000).get()).isNotNull();
	}

	@Test
	void chargesTokensUsedBeyondTheEstimate() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		Permit permit = acquire(pacer, 1000).get();
		permit.reconcile(Usage.of(3000, 4000));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(-1000);
		AtomicReference<Permit> next = acquire(pacer, 100);
		this.time.advanceTimeBy(Duration.ofMillis(10_999));
		assertThat(next.get()).isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(next.get()).isNotNull();
	}

	@Test
	void settlesOnlyOnce() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		Permit permit = acquire(pacer, 1000).get();
		permit.reconcile(Usage.of(100, 100));
		permit.refund();
		permit.release();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(5800);
	}

	@Test
	void failsFastWhenTheWaitWouldExceedTheMaximum() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 0).maxWait(Duration.ofSeconds(5)).build();
		for (int i = 0; i < 65; i++) {
			acquire(pacer, 1);
		}
		StepVerifier.create(pacer.acquire(MODEL, 1)).expectErrorSatisfies((failure) -> {
			assertThat(failure).isInstanceOfSatisfying(RateLimitException.class, (ex) -> {
				assertThat(ex.isLocal()).isTrue();
				assertThat(ex.kind()).isEqualTo(OpenAiErrorKind.RATE_LIMITED);
				assertThat(ex.statusCode()).isZero();
				assertThat(ex.retryAfter()).contains(Duration.ofSeconds(6));
				assertThat(ex.getMessage()).contains(MODEL).contains("requests per minute (RPM)").contains("wait of 5s")
					.contains("limit 60 per minute, configured");
			});
		}).verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("refusal reserves nothing").isEqualTo(-5);
	}

	@Test
	void refusalOnTokensOrWhileBlockedReservesNothing() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 600).maxWait(Duration.ofSeconds(10)).build();
		assertThat(acquire(pacer, 600).get()).isNotNull();
		StepVerifier.create(pacer.acquire(MODEL, 200))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> {
						assertThat(ex.isLocal()).isTrue();
						assertThat(ex.retryAfter()).contains(Duration.ofSeconds(20));
						assertThat(ex.getMessage()).contains("tokens per minute");
					}))
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isZero();
		pacer.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached", "requests", null, "rate_limit_exceeded"), "req_1",
				Duration.ofSeconds(30)));
		this.time.advanceTimeBy(Duration.ofSeconds(6));
		StepVerifier.create(pacer.acquire(MODEL, 10))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(24))))
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(6);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(60);
	}

	@Test
	void longServerHintOnRequestsHoldsAMinuteAndTheRefusalNamesTheServersCause() {
		TokenBucketPacer pacer = pacer().defaultLimits(600, 100_000).maxWait(Duration.ofSeconds(30)).build();
		RateLimitException tooMany = new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Please try again in 10m0s.", "requests", null, "rate_limit_exceeded"), "req_abc",
				Duration.ofMinutes(10));
		pacer.onRateLimited(MODEL, tooMany);
		StepVerifier.create(pacer.acquire(MODEL, 10))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> {
						assertThat(ex.isLocal()).isTrue();
						assertThat(ex.getCause()).isSameAs(tooMany);
						assertThat(ex.dimension()).contains(RateLimitDimension.REQUESTS_PER_MINUTE);
						assertThat(ex.retryAfter()).contains(Duration.ofMinutes(1));
						assertThat(ex.getMessage()).contains(MODEL)
							.contains("on requests per minute (RPM)")
							.contains("req_abc")
							.contains("asked to wait 10m")
							.contains("Please try again in 10m0s")
							.doesNotContain("tokens per minute");
					}))
			.verify(Duration.ofSeconds(5));
		this.time.advanceTimeBy(Duration.ofSeconds(31));
		AtomicReference<Permit> waiting = acquire(pacer, 10);
		this.time.advanceTimeBy(Duration.ofSeconds(28));
		assertThat(waiting.get()).as("held a minute, not ten").isNull();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(waiting.get()).isNotNull();
	}

	@Test
	void dailyLimitHoldsForTheWholeHintAndLeavesThePerMinuteBucketsAlone() {
		TokenBucketPacer pacer = pacer().defaultLimits(600, 100_000).maxWait(Duration.ofSeconds(30)).build();
		acquire(pacer, 100);
		pacer.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached for gpt-4o-mini in organization org-1 on requests per day (RPD): "
						+ "Limit 10000, Used 10000, Requested 1. Please try again in 28m48s.", "requests", null,
						"rate_limit_exceeded"),
				"req_day", Duration.ofSeconds(28 * 60 + 48)));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("not drained").isEqualTo(599);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(99_900);
		this.time.advanceTimeBy(Duration.ofMinutes(20));
		StepVerifier.create(pacer.acquire(MODEL, 10))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> {
						assertThat(ex.dimension()).contains(RateLimitDimension.REQUESTS_PER_DAY);
						assertThat(ex.getMessage()).contains("on requests per day (RPD)").contains("req_day")
							.contains("8m48s more");
					}))
			.verify(Duration.ofSeconds(5));
		this.time.advanceTimeBy(Duration.ofMinutes(8).plusSeconds(48));
		assertThat(acquire(pacer, 10).get()).isNotNull();
	}

	@Test
	void holdOnTokensLetsRequestsWithoutTokensThrough() {
		TokenBucketPacer pacer = pacer().defaultLimits(600, 100_000).maxWait(Duration.ofSeconds(30)).build();
		pacer.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached for gpt-4o-mini in organization org-1 on tokens per min (TPM): "
						+ "Limit 100000, Used 99000, Requested 2000. Please try again in 45s.", "tokens", null,
						"rate_limit_exceeded"),
				"req_t", Duration.ofSeconds(45)));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("drained").isZero();
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("untouched").isEqualTo(600);
		assertThat(acquire(pacer, 0).get()).as("no tokens: not held").isNotNull();
		StepVerifier.create(pacer.acquire(MODEL, 100))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> assertThat(ex.getMessage()).contains("on tokens per minute (TPM)")
						.contains("every request that uses tokens")))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void refusesARequestLargerThanTheWholeTokensLimitBeforeSending() {
		TokenBucketPacer configured = pacer().limits("gpt-4o", 500, 30_000).build();
		StepVerifier.create(configured.acquire("gpt-4o", 50_000))
			.expectErrorSatisfies((failure) -> assertThat(failure)
				.isInstanceOfSatisfying(InvalidRequestException.class, (ex) -> {
					assertThat(ex.kind()).isEqualTo(OpenAiErrorKind.REQUEST_TOO_LARGE);
					assertThat(ex.statusCode()).isZero();
					assertThat(ex.getMessage()).contains("Request too large for gpt-4o")
						.contains("Limit 30000 (configured)")
						.contains("Requested 50000");
				}))
			.verify(Duration.ofSeconds(5));
		assertThat(configured.available("gpt-4o", RateLimitType.TOKENS)).as("nothing reserved").isEqualTo(30_000);
		assertThat(configured.available("gpt-4o", RateLimitType.REQUESTS)).isEqualTo(500);
		assertThat(acquire(configured, "gpt-4o", 30_000).get()).as("the whole limit fits").isNotNull();

		TokenBucketPacer learned = pacer().build();
		learned.onHeaders(MODEL, new RateLimitHeaders(500L, 30_000L, 499L, 29_000L, null, null));
		StepVerifier.create(learned.acquire(MODEL, 30_001))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("Limit 30000 (learned from OpenAI's responses)"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void stageNeitherDrainsNorHoldsForAServerRequestTooLargeButLearnsItsLimit() {
		TokenBucketPacer pacer = pacer().build();
		RateLimitStage stage = new RateLimitStage((request) -> 50_000, pacer);
		InvalidRequestException tooLarge = new InvalidRequestException(OpenAiErrorKind.REQUEST_TOO_LARGE, 429,
				new OpenAiError("Request too large for gpt-4o-mini in organization org-1 on tokens per min (TPM): "
						+ "Limit 30000, Requested 50000. The input or output tokens must be reduced in order to run "
						+ "successfully.", "tokens", null, "rate_limit_exceeded"),
				"req_big", null);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.error(tooLarge)))
			.expectErrorMatches((failure) -> failure == tooLarge)
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.limit(MODEL, RateLimitType.TOKENS)).isEqualTo(30_000);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.<ChatCompletion>never()))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(InvalidRequestException.class,
					(ex) -> assertThat(ex.statusCode()).as("refused locally").isZero()))
			.verify(Duration.ofSeconds(5));

		TokenBucketPacer configured = pacer().defaultLimits(60, 60_000).build();
		RateLimitStage configuredStage = new RateLimitStage((request) -> 1000, configured);
		StepVerifier.create(configuredStage.apply(chatRequest(ChatCompletion.class), Mono.error(tooLarge)))
			.expectError(InvalidRequestException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(configured.available(MODEL, RateLimitType.TOKENS)).as("refunded, not drained").isEqualTo(60_000);
		assertThat(configured.limit(MODEL, RateLimitType.TOKENS)).as("configured limit kept").isEqualTo(60_000);
		assertThat(acquire(configured, 100).get()).as("not held").isNotNull();
	}

	@Test
	void resetForgetsHoldsBucketsAndLearnedLimitsButKeepsConfiguredOnes() {
		TokenBucketPacer pacer = pacer().limits("gpt-4o", 60, 6000).build();
		acquire(pacer, "gpt-4o", 6000);
		pacer.onHeaders(MODEL, new RateLimitHeaders(100L, 10_000L, 0L, 0L, null, null));
		pacer.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("… on requests per day (RPD) … Please try again in 6h.", "requests", null,
						"rate_limit_exceeded"),
				"req_1", Duration.ofHours(6)));
		pacer.reset();
		assertThat(pacer.limit(MODEL, RateLimitType.REQUESTS)).isZero();
		assertThat(acquire(pacer, 100).get()).as("no hold").isNotNull();
		assertThat(acquire(pacer, "gpt-4o", 6000).get()).as("full buckets").isNotNull();
		assertThat(pacer.limit("gpt-4o", RateLimitType.TOKENS)).isEqualTo(6000);
	}

	@Test
	void spreadsAConfiguredLimitOverOneSecondByDefault() {
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).defaultLimits(600, 0).build();
		for (int i = 0; i < 10; i++) {
			assertThat(acquire(pacer, 1).get()).as("request %d of one second's burst", i).isNotNull();
		}
		AtomicReference<Permit> eleventh = acquire(pacer, 1);
		this.time.advanceTimeBy(Duration.ofMillis(99));
		assertThat(eleventh.get()).as("not a whole minute's budget at once").isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(eleventh.get()).isNotNull();
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).isEqualTo(10);
	}

	@Test
	void learnsTheServersWindowFromWhatRemainsAndWhenItResets() {
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).build();
		acquire(pacer, 100);
		// 9 left, full again in 100 ms at 10 per second: the server holds 10, one second
		pacer.onHeaders(MODEL, new RateLimitHeaders(600L, 60_000L, 9L, 900L, Duration.ofMillis(100),
				Duration.ofMillis(100)));
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).isEqualTo(10);
		assertThat(pacer.capacity(MODEL, RateLimitType.TOKENS)).isEqualTo(1000);
		// 400 left, full in 20 s: 600, the whole minute
		pacer.onHeaders(MODEL, new RateLimitHeaders(600L, 60_000L, 400L, 40_000L, Duration.ofSeconds(20),
				Duration.ofSeconds(20)));
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).isEqualTo(600);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("never raised by headers").isLessThanOrEqualTo(9);
	}

	@Test
	void aPerMinute429NarrowsTheBurstAtMostOnceASecondAndCapsWhatHeadersTeach() {
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).defaultLimits(600, 0).build();
		acquire(pacer, 1);
		pacer.onRateLimited(MODEL, requestsPerMinute429());
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).isEqualTo(5);
		pacer.onRateLimited(MODEL, requestsPerMinute429());
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).as("once a second").isEqualTo(5);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		pacer.onRateLimited(MODEL, requestsPerMinute429());
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).isEqualTo(2);
		pacer.onHeaders(MODEL, new RateLimitHeaders(600L, null, 0L, null, Duration.ofMinutes(1), null));
		assertThat(pacer.capacity(MODEL, RateLimitType.REQUESTS)).as("headers cannot widen it again").isEqualTo(2);
		TokenBucketPacer configured = TokenBucketPacer.builder().scheduler(this.time).defaultLimits(600, 0)
			.burst(Duration.ofSeconds(30)).build();
		acquire(configured, 1);
		configured.onRateLimited(MODEL, requestsPerMinute429());
		configured.onHeaders(MODEL, new RateLimitHeaders(600L, null, 9L, null, Duration.ofMillis(100), null));
		assertThat(configured.capacity(MODEL, RateLimitType.REQUESTS)).as("a configured burst stays").isEqualTo(300);
	}

	@Test
	void aRequestLargerThanTheBucketWaitsForAFullBucketAndLeavesDebt() {
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).defaultLimits(0, 6000).build();
		assertThat(pacer.hasHeadroom(MODEL, 50)).isFalse();
		AtomicReference<Permit> large = acquire(pacer, 500);
		assertThat(large.get()).as("a full bucket of 100 lets 500 go").isNotNull();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(-400);
		AtomicReference<Permit> next = acquire(pacer, 100);
		this.time.advanceTimeBy(Duration.ofMillis(4999));
		assertThat(next.get()).as("400 of debt and 100 more at 100 per second").isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(next.get()).isNotNull();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(pacer.hasHeadroom(MODEL, 50)).as("full again: 50 leaves half").isTrue();
	}

	@Test
	void theFirstCallOfAModelWithUnknownLimitsGoesAloneUntilItsAnswer() {
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).build();
		AtomicReference<Permit> first = acquire(pacer, 100);
		assertThat(first.get()).isNotNull();
		List<Permit> others = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 20; i++) {
			this.subscriptions.add(pacer.acquire(MODEL, 100).subscribe(others::add));
		}
		this.time.advanceTimeBy(Duration.ofMillis(200));
		assertThat(others).as("waiting for the first answer").isEmpty();
		pacer.onHeaders(MODEL, new RateLimitHeaders(600L, 60_000L, 9L, 900L, Duration.ofMillis(100),
				Duration.ofMillis(100)));
		assertThat(others).as("the 9 the server has left").hasSize(9);
		this.time.advanceTimeBy(Duration.ofMillis(100));
		assertThat(others).hasSize(10);

		TokenBucketPacer unanswered = TokenBucketPacer.builder().scheduler(this.time).build();
		acquire(unanswered, "gpt-4o", 1);
		AtomicReference<Permit> second = acquire(unanswered, "gpt-4o", 1);
		this.time.advanceTimeBy(Duration.ofMillis(4999));
		assertThat(second.get()).as("a JVM's first call may take seconds").isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(second.get()).as("no answer within five seconds: unpaced, as before").isNotNull();

		TokenBucketPacer failed = TokenBucketPacer.builder().scheduler(this.time).build();
		AtomicReference<Permit> probe = acquire(failed, "o3", 1);
		AtomicReference<Permit> afterIt = acquire(failed, "o3", 1);
		probe.get().refund();
		assertThat(afterIt.get()).as("an answer without headers lets the others go").isNotNull();
	}

	@Test
	void callsReleasedByTheFirstAnswerGoOnFromThePacersSchedulerNotTheAnsweringThread() throws Exception {
		Scheduler scheduler = Schedulers.newParallel("pacer-test", 2);
		try {
			TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(scheduler).build();
			assertThat(pacer.acquire(MODEL, 1).block(Duration.ofSeconds(5))).isNotNull();
			int waiting = 8;
			CountDownLatch released = new CountDownLatch(waiting);
			Set<String> threads = ConcurrentHashMap.newKeySet();
			for (int i = 0; i < waiting; i++) {
				this.subscriptions.add(pacer.acquire(MODEL, 1).subscribe((permit) -> {
					threads.add(Thread.currentThread().getName());
					released.countDown();
				}));
			}
			Thread answering = new Thread(() -> pacer.onHeaders(MODEL, new RateLimitHeaders(10_000L, 1_000_000L,
					9_999L, 999_999L, Duration.ofMillis(6), Duration.ZERO)), "event-loop-1");
			answering.start();
			answering.join();
			assertThat(released.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(threads).as("spread over the scheduler's workers, so that their connections spread over "
					+ "the event loops").hasSize(2).allMatch((name) -> name.startsWith("pacer-test"));
		}
		finally {
			scheduler.dispose();
		}
	}

	@Test
	void callsWaitingOnARemoteStoreGoWhenTheFirstAnswerIsLearnedNotWhenItEnds() {
		// a remote store's updates run on its scheduler, here a queue run newest first:
		// the worst order, learning the answer's limits after everything else
		LinkedBlockingDeque<Runnable> storeTasks = new LinkedBlockingDeque<>();
		BucketStore remote = new InMemorySharedStore();
		TokenBucketPacer pacer = TokenBucketPacer.builder()
			.scheduler(this.time)
			.store(remote)
			.storeScheduler(Schedulers.fromExecutor(storeTasks::add))
			.build();
		AtomicReference<Permit> probe = acquire(pacer, 100);
		runNewestFirst(storeTasks);
		assertThat(probe.get()).isNotNull();
		List<Permit> others = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 20; i++) {
			this.subscriptions.add(pacer.acquire(MODEL, 100).subscribe(others::add));
		}
		runNewestFirst(storeTasks);
		assertThat(others).as("waiting for the first answer").isEmpty();
		pacer.onHeaders(MODEL, new RateLimitHeaders(600L, 60_000L, 9L, 900L, Duration.ofMillis(100),
				Duration.ofMillis(100)));
		probe.get().refund();
		runNewestFirst(storeTasks);
		assertThat(others).as("paced by the learned limits: the 9 the server has left").hasSize(9);
	}

	private static void runNewestFirst(LinkedBlockingDeque<Runnable> tasks) {
		Runnable task;
		while ((task = tasks.pollLast()) != null) {
			task.run();
		}
	}

	private static RateLimitException requestsPerMinute429() {
		return new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached for gpt-4o-mini in organization org-1 on requests per min (RPM): "
						+ "Limit 600, Used 600, Requested 1. Please try again in 100ms.", "requests", null,
						"rate_limit_exceeded"),
				"req_q", Duration.ofMillis(100));
	}

	@Test
	void servesWaitingCallersInArrivalOrder() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 600).build();
		acquire(pacer, 600);
		List<String> served = new CopyOnWriteArrayList<>();
		this.subscriptions.add(pacer.acquire(MODEL, 100).subscribe((permit) -> served.add("large")));
		this.subscriptions.add(pacer.acquire(MODEL, 10).subscribe((permit) -> served.add("small")));
		this.subscriptions.add(pacer.acquire(MODEL, 10).subscribe((permit) -> served.add("last")));
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		assertThat(served).containsExactly("large");
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(served).containsExactly("large", "small");
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(served).containsExactly("large", "small", "last");
	}

	@Test
	void cancelledCallerReleasesItsReservation() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 600).build();
		acquire(pacer, 600);
		Disposable cancelled = pacer.acquire(MODEL, 100).subscribe();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(-100);
		cancelled.dispose();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isZero();
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
		AtomicReference<Permit> next = acquire(pacer, 100);
		this.time.advanceTimeBy(Duration.ofSeconds(10));
		assertThat(next.get()).as("waits 10 s, not 20 s").isNotNull();
	}

	@Test
	void tryAcquireTakesAPermitThatNeedNotWaitAndNothingOtherwise() {
		List<Duration> acquired = new CopyOnWriteArrayList<>();
		TokenBucketPacer pacer = pacer().defaultLimits(60, 600).listener(new PacingListener() {

			@Override
			public void onAcquired(String model, Duration wait) {
				acquired.add(wait);
			}

		}).build();
		assertThat(pacer.tryAcquire(MODEL, 100)).as("a model not met yet").isNull();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isNull();
		assertThat(acquire(pacer, 100).get()).isNotNull();
		Permit permit = pacer.tryAcquire(MODEL, 300);
		assertThat(permit).isNotNull();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(200);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(58);
		assertThat(acquired).containsExactly(Duration.ZERO, Duration.ZERO);
		permit.reconcile(Usage.of(50, 50));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(400);
		assertThat(pacer.tryAcquire(MODEL, 401)).as("would wait").isNull();
		assertThat(pacer.tryAcquire(MODEL, 700)).as("larger than the whole limit").isNull();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("nothing taken").isEqualTo(400);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(58);
		AtomicReference<Permit> waiting = acquire(pacer, 500);
		assertThat(waiting.get()).isNull();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(-90);
		assertThat(pacer.tryAcquire(MODEL, 1)).as("no overtaking of a waiting caller").isNull();
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("given back, one refilled").isEqualTo(58);
		assertThat(acquired).hasSize(3);
	}

	@Test
	void tryAcquireLeavesServerHoldsFirstContactAndSharedStoresToAcquire() {
		TokenBucketPacer held = pacer().defaultLimits(600, 100_000).build();
		acquire(held, 10);
		assertThat(held.tryAcquire(MODEL, 10)).isNotNull();
		held.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Please try again in 20s.", "requests", null, "rate_limit_exceeded"), "req_h",
				Duration.ofSeconds(20)));
		assertThat(held.tryAcquire(MODEL, 10)).as("held by the server").isNull();
		this.time.advanceTimeBy(Duration.ofSeconds(20));
		assertThat(held.tryAcquire(MODEL, 10)).as("the hold is over").isNotNull();

		TokenBucketPacer learning = pacer().build();
		AtomicReference<Permit> first = acquire(learning, 10);
		assertThat(first.get()).isNotNull();
		assertThat(learning.tryAcquire(MODEL, 10)).as("before the first answer").isNull();
		first.get().complete();
		assertThat(learning.tryAcquire(MODEL, 10)).as("after it").isNotNull();

		TokenBucketPacer shared = pacer().defaultLimits(600, 100_000).store(new InMemorySharedStore()).build();
		StepVerifier.create(shared.acquire(MODEL, 10)).expectNextCount(1).expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(shared.tryAcquire(MODEL, 10)).as("a shared store").isNull();
		assertThat(shared.tryAcquire(null, 10)).as("no model: not paced").isSameAs(Permit.NONE);
	}

	@Test
	void stageSendsACallThatNeedNotWaitAtOnceAndPacesTheOthers() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 3000, pacer);
		AtomicInteger sent = new AtomicInteger();
		Mono<String> attempt = Mono.fromSupplier(() -> "sent " + sent.incrementAndGet());
		OpenAiRequest<String> request = chatRequest(String.class);
		AtomicReference<String> first = new AtomicReference<>();
		AtomicReference<String> second = new AtomicReference<>();
		AtomicReference<String> third = new AtomicReference<>();
		this.subscriptions.add(stage.apply(request, attempt).subscribe(first::set));
		this.subscriptions.add(stage.apply(request, attempt).subscribe(second::set));
		this.subscriptions.add(stage.apply(request, attempt).subscribe(third::set));
		assertThat(first.get()).isEqualTo("sent 1");
		assertThat(second.get()).isEqualTo("sent 2");
		assertThat(third.get()).as("waits for 3000 tokens").isNull();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(-3000);
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(third.get()).isEqualTo("sent 3");
		assertThat(sent).hasValue(3);
	}

	@Test
	void learnsLimitsFromHeadersWhenNoneAreConfigured() {
		TokenBucketPacer pacer = pacer().build();
		assertThat(acquire(pacer, 5000).get()).as("first call is not paced").isNotNull();
		pacer.onHeaders(MODEL, new RateLimitHeaders(60L, 6000L, 0L, 1000L, Duration.ofSeconds(1),
				Duration.ofSeconds(50)));
		assertThat(pacer.limit(MODEL, RateLimitType.REQUESTS)).isEqualTo(60);
		assertThat(pacer.limit(MODEL, RateLimitType.TOKENS)).isEqualTo(6000);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(1000);
		AtomicReference<Permit> next = acquire(pacer, 10);
		this.time.advanceTimeBy(Duration.ofMillis(999));
		assertThat(next.get()).as("no request left until one refills").isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(next.get()).isNotNull();
	}

	@Test
	void learnsLimitsBeyondWhatABucketCanRefillWithoutFailingCalls() {
		TokenBucketPacer pacer = pacer().build();
		pacer.onHeaders(MODEL, new RateLimitHeaders(100_000_000L, 100_000_000_000L, 99_999_999L, 99_999_999_000L,
				Duration.ofMillis(6), Duration.ZERO));
		assertThat(acquire(pacer, 5000).get()).isNotNull();
		assertThat(pacer.limit(MODEL, RateLimitType.TOKENS)).isPositive();
	}

	@Test
	void lowersTheBudgetToWhatTheServerReportsButKeepsConfiguredLimits() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		acquire(pacer, 1);
		pacer.onHeaders(MODEL, new RateLimitHeaders(500L, 90000L, 10L, 2000L, null, null));
		assertThat(pacer.limit(MODEL, RateLimitType.REQUESTS)).isEqualTo(60);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(10);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(2000);
		pacer.onHeaders(MODEL, new RateLimitHeaders(null, null, 50L, 5000L, null, null));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("never raised").isEqualTo(10);
	}

	@Test
	void ignoresHeadersWhenNotAdaptive() {
		TokenBucketPacer pacer = pacer().adaptive(false).build();
		pacer.onHeaders(MODEL, new RateLimitHeaders(60L, 6000L, 0L, 0L, null, null));
		assertThat(pacer.limit(MODEL, RateLimitType.REQUESTS)).isZero();
		assertThat(acquire(pacer, 100).get()).isNotNull();
	}

	@Test
	void serverRateLimitDrainsTheBucketUntilTheHintedReset() {
		TokenBucketPacer pacer = pacer().defaultLimits(600, 100_000).build();
		acquire(pacer, 1);
		pacer.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached", "requests", null, "rate_limit_exceeded"), "req_1",
				Duration.ofSeconds(5)));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isZero();
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("other dimension untouched").isEqualTo(99_999);
		AtomicReference<Permit> next = acquire(pacer, 1);
		this.time.advanceTimeBy(Duration.ofMillis(4999));
		assertThat(next.get()).isNull();
		this.time.advanceTimeBy(Duration.ofMillis(1));
		assertThat(next.get()).isNotNull();
	}

	@Test
	void localRefusalsDoNotDrain() {
		TokenBucketPacer pacer = pacer().defaultLimits(600, 0).build();
		acquire(pacer, 1);
		pacer.onRateLimited(MODEL, new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 0,
				new OpenAiError("local", "requests", null, null), null, Duration.ofSeconds(5), true));
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(599);
	}

	@Test
	void hasHeadroomWhileTheTokenBucketStaysAtLeastHalfFull() {
		TokenBucketPacer unlimited = pacer().build();
		assertThat(unlimited.hasHeadroom(MODEL, 1_000_000)).as("no known limit").isTrue();
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		assertThat(pacer.hasHeadroom(MODEL, 100)).as("configured but unused: precise from the start").isFalse();
		acquire(pacer, 1000);
		assertThat(pacer.hasHeadroom(MODEL, 2000)).isTrue();
		assertThat(pacer.hasHeadroom(MODEL, 2001)).isFalse();
	}

	@Test
	void stageCountsPreciselyOnlyWhenTheBudgetIsTight() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		AtomicInteger precise = new AtomicInteger();
		TokenEstimator estimator = new TokenEstimator() {

			@Override
			public long estimate(OpenAiRequest<?> request) {
				precise.incrementAndGet();
				return 1000;
			}

			@Override
			public long upperBound(OpenAiRequest<?> request) {
				return 1500;
			}

		};
		RateLimitStage stage = new RateLimitStage(estimator, pacer);
		ChatCompletion answer = new ChatCompletion("c1", "chat.completion", 0, MODEL, List.of(), Usage.of(100, 50),
				null, null);
		Mono<ChatCompletion> call = stage.apply(chatRequest(ChatCompletion.class), Mono.just(answer));
		StepVerifier.create(call).expectNext(answer).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(precise).as("first call of a configured model").hasValue(1);
		StepVerifier.create(call).expectNext(answer).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(precise).as("5850 left, 1500 leaves more than half").hasValue(1);
		acquire(pacer, 3000);
		StepVerifier.create(call).expectNext(answer).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(precise).as("tight budget").hasValue(2);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("settled against usage either way")
			.isEqualTo(6000 - 3 * 150 - 3000);
	}

	@Test
	void stageReconcilesAChatCompletionWithItsUsage() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		ChatCompletion answer = new ChatCompletion("c1", "chat.completion", 0, MODEL, List.of(), Usage.of(100, 50),
				null, null);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.just(answer)))
			.expectNext(answer)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(6000 - 150);
	}

	@Test
	void stageHoldsAStreamsTokensUntilTheUsageChunk() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		ChatCompletionChunk content = new ChatCompletionChunk("c1", "chat.completion.chunk", 0, MODEL, List.of(),
				null, null);
		ChatCompletionChunk usage = new ChatCompletionChunk("c1", "chat.completion.chunk", 0, MODEL, List.of(),
				Usage.of(100, 20), null);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletionChunk.class), Flux.just(content, usage)), 1)
			.expectNext(content)
			.then(() -> assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(5000))
			.thenRequest(1)
			.expectNext(usage)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(6000 - 120);
	}

	@Test
	void stageKeepsTheEstimateOfAStreamCancelledBeforeItsUsage() {
		TokenBucketPacer pacer = pacer().defaultLimits(0, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletionChunk.class), Flux.never()))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(5000);
	}

	@Test
	void stageRefundsTokensAndDrainsOnAServer429() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		RateLimitException tooMany = new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached", "tokens", null, "rate_limit_exceeded"), null,
				Duration.ofSeconds(2));
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.error(tooMany)))
			.expectErrorMatches((failure) -> failure == tooMany)
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("drained").isZero();
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
	}

	@Test
	void stageRefundsTheTokensOfARequestADailyLimitRefused() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		RateLimitException daily = new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
				new OpenAiError("Rate limit reached for gpt-4o-mini in organization org-1 on tokens per day (TPD): "
						+ "Limit 90000, Used 90000, Requested 1000. Please try again in 2h.", "tokens", null,
						"rate_limit_exceeded"),
				null, Duration.ofHours(2));
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.error(daily)))
			.expectErrorMatches((failure) -> failure == daily)
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("refunded, not drained").isEqualTo(6000);
		assertThat(acquire(pacer, 0).get()).as("requests without tokens still go").isNotNull();
	}

	@Test
	void stageKeepsTheEstimateOfACallCancelledBeforeItsAnswer() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.never()))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(5000);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
	}

	@Test
	void stageKeepsTheEstimateOfAnAnswerWithoutUsage() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		ChatCompletion answer = new ChatCompletion("c1", "chat.completion", 0, MODEL, List.of(), null, null, null);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.just(answer)))
			.expectNext(answer)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(5000);
	}

	@Test
	void stageRefundsTheTokensOfAnErrorResponse() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		OpenAiServerException overloaded = new OpenAiServerException(OpenAiErrorKind.OVERLOADED, 503,
				new OpenAiError("overloaded", "server_error", null, null), null, null);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), Mono.error(overloaded)))
			.expectErrorMatches((failure) -> failure == overloaded)
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(6000);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
	}

	@Test
	void stageKeepsTheEstimateOfABrokenStream() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 6000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		ChatCompletionChunk content = new ChatCompletionChunk("c1", "chat.completion.chunk", 0, MODEL, List.of(),
				null, null);
		StreamErrorException broken = new StreamErrorException(OpenAiErrorKind.CONNECTION,
				new OpenAiError("Stream broken", null, null, null), null, 1, null);
		StepVerifier
			.create(stage.apply(chatRequest(ChatCompletionChunk.class),
					Flux.just(content).concatWith(Flux.error(broken))))
			.expectNext(content)
			.expectErrorMatches((failure) -> failure == broken)
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(5000);
		StepVerifier.create(stage.apply(chatRequest(ChatCompletionChunk.class), Flux.<ChatCompletionChunk>never()))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(4000);
	}

	@Test
	void stageSettlesTheReservationOfAnAttemptThatWaitedAndIsCancelled() {
		TokenBucketPacer pacer = pacer().defaultLimits(60, 1000).build();
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer);
		AtomicInteger attempts = new AtomicInteger();
		Mono<ChatCompletion> attempt = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.never();
		});
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), attempt))
			.then(() -> assertThat(attempts).hasValue(1))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(stage.apply(chatRequest(ChatCompletion.class), attempt))
			.then(() -> assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("waiting").isEqualTo(-1000))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).as("never sent").hasValue(1);
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).as("released").isZero();
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
	}

	@Test
	void stageLetsRequestsWithoutAModelThrough() {
		RateLimitStage stage = new RateLimitStage((request) -> 1000, pacer().defaultLimits(1, 1).build());
		OpenAiRequest<String> list = OpenAiRequest.get(OpenAiOperation.MODELS, "/models", String.class);
		for (int i = 0; i < 3; i++) {
			StepVerifier.create(stage.apply(list, Mono.just("ok"))).expectNext("ok").expectComplete()
			.verify(Duration.ofSeconds(5));
		}
	}

	/**
	 * A pacer whose buckets may spend a whole minute's budget at once, so that the
	 * arithmetic of the tests above reads in minutes.
	 */
	private TokenBucketPacer.Builder pacer() {
		return TokenBucketPacer.builder().scheduler(this.time).maxWait(Duration.ofMinutes(5))
			.burst(Duration.ofMinutes(1));
	}

	private AtomicReference<Permit> acquire(TokenBucketPacer pacer, long tokens) {
		return acquire(pacer, MODEL, tokens);
	}

	private AtomicReference<Permit> acquire(TokenBucketPacer pacer, String model, long tokens) {
		AtomicReference<Permit> permit = new AtomicReference<>();
		this.subscriptions.add(pacer.acquire(model, tokens).subscribe(permit::set));
		return permit;
	}

	private static <T> OpenAiRequest<T> chatRequest(Class<T> type) {
		return OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions",
				ChatRequest.builder().model(MODEL).user("hi").build(), type, MODEL);
	}

}
