package io.github.openaiboot.retry;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.util.Assert;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Spring Framework {@link RetryPolicy} that decides from the {@link OpenAiErrorKind} of
 * a failure, not from its HTTP status alone, whether an OpenAI call is worth another
 * attempt.
 * <p>
 * Retried by default: {@link OpenAiErrorKind#RATE_LIMITED},
 * {@link OpenAiErrorKind#SERVER_ERROR}, {@link OpenAiErrorKind#OVERLOADED},
 * {@link OpenAiErrorKind#TIMEOUT}, {@link OpenAiErrorKind#CONFLICT} and
 * {@link OpenAiErrorKind#CONNECTION}. Never retried by default: an exhausted quota
 * ({@link OpenAiErrorKind#QUOTA_EXCEEDED}, unlike the official SDKs), a request larger
 * than the whole limit ({@link OpenAiErrorKind#REQUEST_TOO_LARGE}), authentication and
 * permission failures, invalid requests, context length, unknown models, and also
 * {@link OpenAiErrorKind#NOT_FOUND}, {@link OpenAiErrorKind#INVALID_RESPONSE} and
 * {@link OpenAiErrorKind#UNKNOWN}. A {@link StreamErrorException} is never retried once
 * a chunk has arrived, since a retry would duplicate text. Failures that are not
 * {@link OpenAiException OpenAiExceptions} (nor caused by one) are not retried.
 * <p>
 * A response's {@code x-should-retry} header decides before the kind does, as in the
 * official SDKs: {@code false} is never retried, {@code true} is retried whatever its
 * kind, unless the kind was listed in {@link Builder#neverRetryOn(Collection)}. Neither
 * overrides the two rules above (a stream after its first chunk, the local pacer's
 * refusal), nor the number of attempts and the deadline.
 * <p>
 * Its {@link #getBackOff() back-off} is exponential with jitter and stops after
 * {@code maxAttempts - 1} retries; its {@link #getTimeout() timeout} is the deadline of
 * the whole call. The starter's reactive pipeline uses it through {@link OpenAiRetry},
 * which prefers the delay the server asked for. Since it is a plain Framework policy it
 * can also guard blocking code with a {@link RetryTemplate}:
 * <pre class="code">
 * RetryTemplate template = new RetryTemplate(OpenAiRetryPolicy.builder().maxAttempts(4).build());
 * String answer = template.execute(() -&gt; chatClient.ask("Hello").block());
 * </pre>
 * A {@code RetryTemplate} does not see the exception when it computes a delay, so there
 * server hints are not honoured; only the reactive pipeline honours them.
 *
 * @author openai-spring-boot
 */
public final class OpenAiRetryPolicy implements RetryPolicy {

	/**
	 * The kinds retried unless configured otherwise.
	 */
	public static final Set<OpenAiErrorKind> DEFAULT_RETRYABLE_KINDS = Collections
		.unmodifiableSet(EnumSet.of(OpenAiErrorKind.RATE_LIMITED, OpenAiErrorKind.SERVER_ERROR,
				OpenAiErrorKind.OVERLOADED, OpenAiErrorKind.TIMEOUT, OpenAiErrorKind.CONFLICT,
				OpenAiErrorKind.CONNECTION));

	private final Set<OpenAiErrorKind> retryableKinds;

	private final Set<OpenAiErrorKind> neverRetryKinds;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final double multiplier;

	private final Duration maxBackoff;

	private final double jitter;

	private final Duration timeout;

	private final DoubleSupplier random;

	private OpenAiRetryPolicy(Builder builder) {
		EnumSet<OpenAiErrorKind> kinds = EnumSet.noneOf(OpenAiErrorKind.class);
		kinds.addAll(DEFAULT_RETRYABLE_KINDS);
		kinds.addAll(builder.retryOn);
		kinds.removeAll(builder.neverRetryOn);
		this.retryableKinds = Collections.unmodifiableSet(kinds);
		this.neverRetryKinds = Collections.unmodifiableSet(EnumSet.copyOf(builder.neverRetryOn));
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.multiplier = builder.multiplier;
		this.maxBackoff = builder.maxBackoff;
		this.jitter = builder.jitter;
		this.timeout = builder.timeout;
		this.random = builder.random;
	}

	/**
	 * Return a policy with the defaults: three attempts, 500ms doubling up to 8s, jitter
	 * 0.25, no deadline.
	 * @return the policy
	 */
	public static OpenAiRetryPolicy withDefaults() {
		return builder().build();
	}

	/**
	 * Start building a policy.
	 * @return a builder with the defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public boolean shouldRetry(Throwable throwable) {
		OpenAiException failure = find(throwable);
		if (failure == null) {
			return false;
		}
		if (failure instanceof StreamErrorException streamError && streamError.chunksReceived() > 0) {
			return false;
		}
		// the local pacer has already waited as long as openai.rate-limit.max-wait allows
		if (failure instanceof RateLimitException rateLimit && rateLimit.isLocal()) {
			return false;
		}
		// the server's word wins, as in the official SDKs; only neverRetryOn wins over it
		Boolean serverSays = failure.shouldRetryHeader().orElse(null);
		if (serverSays != null) {
			return serverSays && !this.neverRetryKinds.contains(failure.kind());
		}
		return this.retryableKinds.contains(failure.kind());
	}

	/**
	 * Return the deadline of the whole call, waits included.
	 * @return the deadline, {@link Duration#ZERO} for none
	 */
	@Override
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Return the exponential back-off with jitter, which stops after
	 * {@code maxAttempts - 1} retries.
	 * @return the back-off
	 */
	@Override
	public BackOff getBackOff() {
		return () -> new Execution();
	}

	/**
	 * Return the kinds this policy retries.
	 * @return the retryable kinds
	 */
	public Set<OpenAiErrorKind> getRetryableKinds() {
		return this.retryableKinds;
	}

	/**
	 * Return the maximum number of attempts, the first one included.
	 * @return the maximum number of attempts
	 */
	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	/**
	 * Return the delay before a retry when the server asked for none:
	 * {@code min(initialBackoff * multiplier^retry, maxBackoff)} multiplied by a random
	 * factor in {@code (1 - jitter, 1]}.
	 * @param retry the retry, {@code 0} for the first retry (the second attempt)
	 * @return the delay
	 */
	public Duration backOffDelay(int retry) {
		double base = this.initialBackoff.toNanos() * Math.pow(this.multiplier, retry);
		double capped = Math.min(base, this.maxBackoff.toNanos());
		double factor = 1.0 - this.jitter * this.random.getAsDouble();
		return Duration.ofNanos(Math.round(capped * factor));
	}

	static @Nullable OpenAiException find(Throwable throwable) {
		for (Throwable candidate = throwable; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof OpenAiException failure) {
				return failure;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "OpenAiRetryPolicy[retryableKinds=" + this.retryableKinds + ", maxAttempts=" + this.maxAttempts
				+ ", initialBackoff=" + this.initialBackoff + ", multiplier=" + this.multiplier + ", maxBackoff="
				+ this.maxBackoff + ", jitter=" + this.jitter + ", timeout=" + this.timeout + "]";
	}

	private final class Execution implements BackOffExecution {

		private int retries;

		@Override
		public long nextBackOff() {
			if (this.retries >= OpenAiRetryPolicy.this.maxAttempts - 1) {
				return STOP;
			}
			return backOffDelay(this.retries++).toMillis();
		}

	}

	/**
	 * Builder of {@link OpenAiRetryPolicy}.
	 */
	public static final class Builder {

		private final Set<OpenAiErrorKind> retryOn = EnumSet.noneOf(OpenAiErrorKind.class);

		private final Set<OpenAiErrorKind> neverRetryOn = EnumSet.noneOf(OpenAiErrorKind.class);

		private int maxAttempts = 3;

		private Duration initialBackoff = Duration.ofMillis(500);

		private double multiplier = 2.0;

		private Duration maxBackoff = Duration.ofSeconds(8);

		private double jitter = 0.25;

		private Duration timeout = Duration.ZERO;

		private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

		private Builder() {
		}

		/**
		 * Retry these kinds as well as the default ones.
		 * @param kinds the kinds to retry
		 * @return this builder
		 */
		public Builder retryOn(Collection<OpenAiErrorKind> kinds) {
			this.retryOn.addAll(kinds);
			return this;
		}

		/**
		 * Never retry these kinds, even if retried by default or by
		 * {@link #retryOn(Collection)}.
		 * @param kinds the kinds never to retry
		 * @return this builder
		 */
		public Builder neverRetryOn(Collection<OpenAiErrorKind> kinds) {
			this.neverRetryOn.addAll(kinds);
			return this;
		}

		/**
		 * Set the maximum number of attempts, the first one included.
		 * @param maxAttempts at least {@code 1}; {@code 1} disables retries
		 * @return this builder
		 */
		public Builder maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
			this.maxAttempts = maxAttempts;
			return this;
		}

		/**
		 * Set the delay before the first retry when the server asked for none.
		 * @param initialBackoff the delay, not negative
		 * @return this builder
		 */
		public Builder initialBackoff(Duration initialBackoff) {
			Assert.isTrue(!initialBackoff.isNegative(), "initialBackoff must not be negative");
			this.initialBackoff = initialBackoff;
			return this;
		}

		/**
		 * Set the factor applied to the delay after each retry.
		 * @param multiplier at least {@code 1}
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			Assert.isTrue(multiplier >= 1, "multiplier must be at least 1");
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Set the upper bound of a computed delay.
		 * @param maxBackoff the bound, not negative
		 * @return this builder
		 */
		public Builder maxBackoff(Duration maxBackoff) {
			Assert.isTrue(!maxBackoff.isNegative(), "maxBackoff must not be negative");
			this.maxBackoff = maxBackoff;
			return this;
		}

		/**
		 * Set the jitter: each computed delay is multiplied by a random factor in
		 * {@code (1 - jitter, 1]}.
		 * @param jitter between {@code 0} and {@code 1}
		 * @return this builder
		 */
		public Builder jitter(double jitter) {
			Assert.isTrue(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1");
			this.jitter = jitter;
			return this;
		}

		/**
		 * Set the deadline of the whole call, retries and waits included.
		 * @param timeout the deadline, or {@code null} or {@link Duration#ZERO} for none
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			Assert.isTrue(timeout == null || !timeout.isNegative(), "timeout must not be negative");
			this.timeout = (timeout != null) ? timeout : Duration.ZERO;
			return this;
		}

		/**
		 * Set the source of random numbers in {@code [0, 1)} for the jitter.
		 * @param random the source
		 * @return this builder
		 */
		public Builder random(DoubleSupplier random) {
			this.random = random;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public OpenAiRetryPolicy build() {
			return new OpenAiRetryPolicy(this);
		}

	}

}
