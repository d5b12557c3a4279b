package io.github.openaiboot.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiRetryTests {

	private static final OpenAiRequest<String> REQUEST = OpenAiRequest.get(OpenAiOperation.MODELS, "/models",
			String.class);

	@Test
	void waitsForTheServerHintedDelayOnVirtualTime() {
		AtomicInteger attempts = new AtomicInteger();
		List<Duration> delays = new ArrayList<>();
		OpenAiRetry retry = OpenAiRetry.builder(OpenAiRetryPolicy.withDefaults())
			.listener((request, exception, attempt, delay) -> delays.add(delay))
			.build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, rateLimitedOnce(attempts, Duration.ofSeconds(1))))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(999))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(2);
		assertThat(delays).containsExactly(Duration.ofSeconds(1));
	}

	@Test
	void cancellingDuringTheWaitCancelsItAndSendsNothingMore() {
		AtomicInteger attempts = new AtomicInteger();
		OpenAiRetry retry = OpenAiRetry.builder(OpenAiRetryPolicy.withDefaults()).build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, rateLimitedOnce(attempts, Duration.ofSeconds(1))))
			.expectSubscription()
			.thenAwait(Duration.ofMillis(500))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		StepVerifier.withVirtualTime(() -> Mono.delay(Duration.ofSeconds(10))).thenAwait(Duration.ofSeconds(10))
			.expectNextCount(1).expectComplete().verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void deadlineBoundsAHangingAttempt() {
		OpenAiRetry retry = OpenAiRetry
			.builder(OpenAiRetryPolicy.builder().timeout(Duration.ofSeconds(2)).build())
			.build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, Mono.<String>never()))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("deadline of 2s")
				.isInstanceOfSatisfying(io.github.openaiboot.error.OpenAiException.class,
						(failure) -> assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.TIMEOUT)))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void succeedsOnTheThirdAttemptAndCountsTheAttempts() {
		AtomicInteger attempts = new AtomicInteger();
		List<Integer> failed = new ArrayList<>();
		List<Duration> delays = new ArrayList<>();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build()).listener((request, exception, attempt, delay) -> {
			failed.add(attempt);
			delays.add(delay);
		}).build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, failing(attempts, 2)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1499))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("ok")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(3);
		assertThat(failed).containsExactly(1, 2);
		assertThat(delays).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@Test
	void countsTheAttemptsOfEachSubscriptionAfresh() {
		AtomicInteger attempts = new AtomicInteger();
		List<Integer> failed = new ArrayList<>();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build())
			.listener((request, exception, attempt, delay) -> failed.add(attempt))
			.build();
		StepVerifier.withVirtualTime(() -> {
			Mono<String> call = retry.apply(REQUEST, failing(attempts, Integer.MAX_VALUE));
			return call.onErrorResume((ex) -> Mono.just(ex.getMessage())).concatWith(call);
		})
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(2))
			.assertNext((message) -> assertThat(message).endsWith("after 3 attempts"))
			.thenAwait(Duration.ofSeconds(2))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageEndingWith("after 3 attempts"))
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(6);
		assertThat(failed).containsExactly(1, 2, 1, 2);
	}

	@Test
	void failsWithTheLastFailureAndTheAttemptCountOnceRetriesAreExhausted() {
		AtomicInteger attempts = new AtomicInteger();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build()).build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, failing(attempts, Integer.MAX_VALUE)))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1499))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiServerException.class,
					(failure) -> {
						assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
						assertThat(failure.statusCode()).isEqualTo(500);
						assertThat(failure.requestId()).isEqualTo("req_3");
						assertThat(failure).hasMessageEndingWith("after 3 attempts");
					}))
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(3);
	}

	@Test
	void failsWithAFailureThatIsNotRetriedAsItIsOnTheFirstAttempt() {
		InvalidRequestException invalid = invalidRequest();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build()).build();
		StepVerifier.create(retry.apply(REQUEST, Mono.<String>error(invalid)))
			.expectErrorMatches((ex) -> ex == invalid)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void failsWithAFailureThatIsNotRetriedAndTheAttemptCountOnALaterAttempt() {
		AtomicInteger attempts = new AtomicInteger();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build()).build();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() == 1) ? Mono.error(serverError(1))
				: Mono.error(invalidRequest()));
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, call))
			.expectSubscription()
			.thenAwait(Duration.ofMillis(500))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
				.hasMessageEndingWith("after 2 attempts"))
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(2);
	}

	@Test
	void cancellingDuringALaterWaitCancelsItAndSendsNothingMore() {
		AtomicInteger attempts = new AtomicInteger();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build()).build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, failing(attempts, Integer.MAX_VALUE)))
			.expectSubscription()
			.thenAwait(Duration.ofMillis(800))
			.then(() -> assertThat(attempts).hasValue(2))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		StepVerifier.withVirtualTime(() -> Mono.delay(Duration.ofSeconds(10)))
			.thenAwait(Duration.ofSeconds(10))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(2);
	}

	@Test
	void deadlineCountsFromTheSubscriptionOfTheCall() {
		AtomicInteger attempts = new AtomicInteger();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().timeout(Duration.ofSeconds(2)).build()).build();
		Mono<String> slowFailure = Mono.delay(Duration.ofMillis(1500))
			.then(Mono.defer(() -> rateLimitedOnce(attempts, Duration.ofMillis(700))));
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, slowFailure))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1500))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RateLimitException.class)
				.hasMessageEndingWith("not retried: waiting 700ms would pass the deadline of 2s (1.5s elapsed, after 1 "
						+ "attempt)"))
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void deadlineBoundsAHangingRetry() {
		AtomicInteger attempts = new AtomicInteger();
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().timeout(Duration.ofSeconds(2)).build()).build();
		Mono<String> call = Mono.defer(() -> (attempts.incrementAndGet() == 1) ? Mono.error(serverError(1))
				: Mono.never());
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, call))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(1999))
			.thenAwait(Duration.ofMillis(1))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiException.class,
					(failure) -> assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.TIMEOUT)))
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(2);
	}

	@Test
	void retriesAStreamThatFailedBeforeItsFirstChunkButNotAfter() {
		AtomicInteger attempts = new AtomicInteger();
		StreamErrorException broken = new StreamErrorException(OpenAiErrorKind.SERVER_ERROR,
				new OpenAiError("overloaded", "server_error", null, null), "req_s", 2, null);
		Flux<String> call = Flux.defer(() -> (attempts.incrementAndGet() == 1) ? Flux.error(serverError(1))
				: Flux.just("a", "b").concatWith(Flux.error(broken)));
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().build()).build();
		StepVerifier.withVirtualTime(() -> retry.apply(REQUEST, call))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(499))
			.thenAwait(Duration.ofMillis(1))
			.expectNext("a", "b")
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamErrorException.class,
					(failure) -> assertThat(failure.chunksReceived()).isEqualTo(2))
				.hasMessageEndingWith("after 2 chunk(s), after 2 attempts"))
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(2);
	}

	@Test
	void streamDeadlineBoundsTheTimeToTheFirstChunkOnly() {
		OpenAiRetry retry = OpenAiRetry.builder(noJitter().timeout(Duration.ofSeconds(2)).build()).build();
		StepVerifier
			.withVirtualTime(() -> retry.apply(REQUEST,
					Flux.just("a").concatWith(Mono.delay(Duration.ofSeconds(5)).thenReturn("b"))))
			.expectSubscription()
			.expectNext("a")
			.thenAwait(Duration.ofSeconds(5))
			.expectNext("b")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	private static OpenAiRetryPolicy.Builder noJitter() {
		return OpenAiRetryPolicy.builder().jitter(0);
	}

	private static Mono<String> failing(AtomicInteger attempts, int failures) {
		return Mono.defer(() -> {
			int attempt = attempts.incrementAndGet();
			return (attempt <= failures || failures == Integer.MAX_VALUE) ? Mono.error(serverError(attempt))
					: Mono.just("ok");
		});
	}

	private static OpenAiServerException serverError(int attempt) {
		return new OpenAiServerException(OpenAiErrorKind.SERVER_ERROR, 500,
				new OpenAiError("The server had an error", "server_error", null, null), "req_" + attempt, null);
	}

	private static InvalidRequestException invalidRequest() {
		return new InvalidRequestException(OpenAiErrorKind.INVALID_REQUEST, 400,
				new OpenAiError("Invalid", "invalid_request_error", null, null), "req_400", null);
	}

	private static Mono<String> rateLimitedOnce(AtomicInteger attempts, Duration hint) {
		return Mono.defer(() -> (attempts.incrementAndGet() == 1)
				? Mono.error(new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
						new OpenAiError("Rate limit reached", "requests", null, "rate_limit_exceeded"), "req_1",
						hint))
				: Mono.just("ok"));
	}

}
