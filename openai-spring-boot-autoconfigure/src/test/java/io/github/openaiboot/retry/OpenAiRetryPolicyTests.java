package io.github.openaiboot.retry;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.StreamErrorException;
import org.junit.jupiter.api.Test;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OpenAiRetryPolicyTests {

	private static final Set<OpenAiErrorKind> RETRIED = EnumSet.of(OpenAiErrorKind.RATE_LIMITED,
			OpenAiErrorKind.SERVER_ERROR, OpenAiErrorKind.OVERLOADED, OpenAiErrorKind.TIMEOUT, OpenAiErrorKind.CONFLICT,
			OpenAiErrorKind.CONNECTION);

	@Test
	void retriesTransientKindsAndNeverBillingAuthOrRequestFailures() {
		OpenAiRetryPolicy policy = OpenAiRetryPolicy.withDefaults();
		for (OpenAiErrorKind kind : OpenAiErrorKind.values()) {
			assertThat(policy.shouldRetry(failure(kind))).as(kind.name()).isEqualTo(RETRIED.contains(kind));
		}
	}

	@Test
	void retryOnWidensAndNeverRetryOnNarrowsTheDefaults() {
		OpenAiRetryPolicy policy = OpenAiRetryPolicy.builder()
			.retryOn(Set.of(OpenAiErrorKind.INVALID_RESPONSE, OpenAiErrorKind.CONFLICT))
			.neverRetryOn(Set.of(OpenAiErrorKind.CONFLICT, OpenAiErrorKind.RATE_LIMITED))
			.build();
		assertThat(policy.shouldRetry(failure(OpenAiErrorKind.INVALID_RESPONSE))).isTrue();
		assertThat(policy.shouldRetry(failure(OpenAiErrorKind.CONFLICT))).isFalse();
		assertThat(policy.shouldRetry(failure(OpenAiErrorKind.RATE_LIMITED))).isFalse();
		assertThat(policy.shouldRetry(failure(OpenAiErrorKind.OVERLOADED))).isTrue();
	}

	@Test
	void obeysTheServersShouldRetryHeaderOverTheKind() {
		OpenAiRetryPolicy policy = OpenAiRetryPolicy.withDefaults();
		OpenAiError error = new OpenAiError("m", null, null, null);
		assertThat(policy.shouldRetry(OpenAiErrorClassifier.toException(OpenAiErrorKind.RATE_LIMITED, 429, error, null,
				null, false))).as("false forbids").isFalse();
		assertThat(policy.shouldRetry(OpenAiErrorClassifier.toException(OpenAiErrorKind.INVALID_REQUEST, 400, error,
				null, null, true))).as("true forces").isTrue();
		OpenAiException forced = OpenAiErrorClassifier.toException(OpenAiErrorKind.QUOTA_EXCEEDED, 429, error, null,
				null, true);
		assertThat(policy.shouldRetry(forced.withDetail("after 1 attempt"))).as("kept by copies").isTrue();
		OpenAiRetryPolicy narrowed = OpenAiRetryPolicy.builder().neverRetryOn(Set.of(OpenAiErrorKind.QUOTA_EXCEEDED))
			.build();
		assertThat(narrowed.shouldRetry(forced)).as("neverRetryOn wins").isFalse();
		assertThat(policy.shouldRetry(OpenAiErrorClassifier.toException(OpenAiErrorKind.OVERLOADED, 503, error, null,
				null, null))).as("absent: by kind").isTrue();
		assertThat(OpenAiErrorClassifier.shouldRetry("true")).isTrue();
		assertThat(OpenAiErrorClassifier.shouldRetry("false")).isFalse();
		assertThat(OpenAiErrorClassifier.shouldRetry("yes")).isNull();
		assertThat(OpenAiErrorClassifier.shouldRetry(null)).isNull();
	}

	@Test
	void retriesAStreamFailureOnlyBeforeTheFirstChunk() {
		OpenAiRetryPolicy policy = OpenAiRetryPolicy.withDefaults();
		OpenAiError error = new OpenAiError("overloaded", "server_error", null, null);
		assertThat(policy.shouldRetry(new StreamErrorException(OpenAiErrorKind.OVERLOADED, error, null, 0, null)))
			.isTrue();
		assertThat(policy.shouldRetry(new StreamErrorException(OpenAiErrorKind.OVERLOADED, error, null, 5, null)))
			.isFalse();
	}

	@Test
	void doesNotRetryFailuresThatAreNotOpenAiFailuresButFindsWrappedOnes() {
		OpenAiRetryPolicy policy = OpenAiRetryPolicy.withDefaults();
		assertThat(policy.shouldRetry(new IllegalStateException("bug"))).isFalse();
		assertThat(policy.shouldRetry(new IllegalStateException("wrapped", failure(OpenAiErrorKind.OVERLOADED))))
			.isTrue();
	}

	@Test
	void backOffGrowsByTheMultiplierUpToTheMaximumWithinJitterBounds() {
		OpenAiRetryPolicy upper = OpenAiRetryPolicy.builder().maxAttempts(10).random(() -> 0.0).build();
		assertThat(upper.backOffDelay(0)).isEqualTo(Duration.ofMillis(500));
		assertThat(upper.backOffDelay(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(upper.backOffDelay(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(upper.backOffDelay(4)).isEqualTo(Duration.ofSeconds(8));
		assertThat(upper.backOffDelay(9)).isEqualTo(Duration.ofSeconds(8));
		OpenAiRetryPolicy lower = OpenAiRetryPolicy.builder().random(() -> 0.999999).build();
		assertThat(lower.backOffDelay(0)).isGreaterThan(Duration.ofMillis(375)).isLessThan(Duration.ofMillis(376));
		assertThat(lower.backOffDelay(5)).isGreaterThan(Duration.ofSeconds(6)).isLessThan(Duration.ofMillis(6001));
		OpenAiRetryPolicy random = OpenAiRetryPolicy.builder().build();
		for (int i = 0; i < 200; i++) {
			assertThat(random.backOffDelay(1)).isGreaterThan(Duration.ofMillis(750))
				.isLessThanOrEqualTo(Duration.ofSeconds(1));
		}
	}

	@Test
	void backOffStopsAfterMaxAttemptsMinusOneRetries() {
		BackOffExecution execution = OpenAiRetryPolicy.builder().random(() -> 0.0).build().getBackOff().start();
		assertThat(execution.nextBackOff()).isEqualTo(500);
		assertThat(execution.nextBackOff()).isEqualTo(1000);
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
		assertThat(OpenAiRetryPolicy.builder().maxAttempts(1).build().getBackOff().start().nextBackOff())
			.isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void guardsBlockingCodeWithAFrameworkRetryTemplate() throws RetryException {
		OpenAiRetryPolicy policy = OpenAiRetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).build();
		RetryTemplate template = new RetryTemplate(policy);
		AtomicInteger calls = new AtomicInteger();
		String answer = template.execute(() -> {
			if (calls.incrementAndGet() < 3) {
				throw failure(OpenAiErrorKind.OVERLOADED);
			}
			return "ok";
		});
		assertThat(answer).isEqualTo("ok");
		assertThat(calls).hasValue(3);
		AtomicInteger quotaCalls = new AtomicInteger();
		assertThatExceptionOfType(RetryException.class).isThrownBy(() -> template.execute(() -> {
			quotaCalls.incrementAndGet();
			throw failure(OpenAiErrorKind.QUOTA_EXCEEDED);
		}));
		assertThat(quotaCalls).hasValue(1);
	}

	@Test
	void keepsTypeKindStatusRequestIdAndHintWhenDetailIsAdded() {
		OpenAiException original = OpenAiErrorClassifier.toException(OpenAiErrorKind.OVERLOADED, 503,
				new OpenAiError("busy", "server_error", null, null), "req_1", Duration.ofSeconds(2));
		OpenAiException copy = original.withDetail("after 3 attempts");
		assertThat(copy).isInstanceOf(OpenAiServerException.class).hasMessageEndingWith("after 3 attempts");
		assertThat(copy.kind()).isEqualTo(OpenAiErrorKind.OVERLOADED);
		assertThat(copy.statusCode()).isEqualTo(503);
		assertThat(copy.requestId()).isEqualTo("req_1");
		assertThat(copy.retryAfter()).contains(Duration.ofSeconds(2));
	}

	private static OpenAiException failure(OpenAiErrorKind kind) {
		return OpenAiErrorClassifier.toException(kind, 500, new OpenAiError("failed", null, null, null), "req_x",
				null);
	}

}
