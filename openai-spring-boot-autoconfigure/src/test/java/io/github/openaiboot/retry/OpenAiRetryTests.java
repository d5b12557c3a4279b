package io.github.openaiboot.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import org.junit.jupiter.api.Test;
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

	private static Mono<String> rateLimitedOnce(AtomicInteger attempts, Duration hint) {
		return Mono.defer(() -> (attempts.incrementAndGet() == 1)
				? Mono.error(new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 429,
						new OpenAiError("Rate limit reached", "requests", null, "rate_limit_exceeded"), "req_1",
						hint))
				: Mono.just("ok"));
	}

}
