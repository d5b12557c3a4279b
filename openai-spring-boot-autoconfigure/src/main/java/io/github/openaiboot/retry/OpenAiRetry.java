package io.github.openaiboot.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiTransportException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The retry stage of the pipeline: runs a call's attempts under a {@link RetryPolicy}.
 * The policy says which failures are retried, how many times
 * ({@link RetryPolicy#getBackOff() its back-off} stopping) and within which deadline
 * ({@link RetryPolicy#getTimeout()}); the delay is the one the server asked for
 * ({@link OpenAiException#retryAfter()}) when present, the back-off's otherwise.
 * <p>
 * A call fails at once, with the server's hint attached, when the server asks for
 * longer than the maximum server delay, and when the next wait would end past the
 * deadline. The deadline also bounds a hanging attempt: a call ends with a
 * {@link OpenAiErrorKind#TIMEOUT} failure once it has passed (for a stream, when no
 * chunk arrived before it). When retries are exhausted the last failure is signalled
 * again, with the same type, kind, status, request id and hint, and the number of
 * attempts in its message. Waits run on a Reactor {@link Scheduler}, so tests can use
 * virtual time, and are cancelled with the subscription.
 * <p>
 * A call that succeeds at once pays for one {@code onErrorResume}, and for the deadline
 * when there is one: the retry state (attempts, back-off) is created when the first
 * attempt fails, and the later attempts run under Reactor's {@code retryWhen}.
 *
 * @author openai-spring-boot
 */
public final class OpenAiRetry {

	private static final Log logger = LogFactory.getLog(OpenAiRetry.class);

	private static final OpenAiRetry NONE = new OpenAiRetry(null, Duration.ZERO, Schedulers::parallel, List.of());

	private final @Nullable RetryPolicy policy;

	private final Duration maxServerDelay;

	private final Supplier<Scheduler> scheduler;

	private final List<OpenAiRetryListener> listeners;

	private OpenAiRetry(@Nullable RetryPolicy policy, Duration maxServerDelay, Supplier<Scheduler> scheduler,
			List<OpenAiRetryListener> listeners) {
		this.policy = policy;
		this.maxServerDelay = maxServerDelay;
		this.scheduler = scheduler;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Return a stage that makes exactly one attempt per call.
	 * @return the stage
	 */
	public static OpenAiRetry none() {
		return NONE;
	}

	/**
	 * Start building a stage that retries under the given policy.
	 * @param policy the policy, typically an {@link OpenAiRetryPolicy}
	 * @return a new builder
	 */
	public static Builder builder(RetryPolicy policy) {
		return new Builder(policy);
	}

	/**
	 * Apply retries to a call whose every subscription is a new attempt.
	 * @param <T> the response type
	 * @param request the request, for listeners and log lines
	 * @param call the call
	 * @return the call with retries
	 */
	public <T> Mono<T> apply(OpenAiRequest<?> request, Mono<T> call) {
		RetryPolicy policy = this.policy;
		if (policy == null) {
			return call;
		}
		Duration deadline = policy.getTimeout();
		if (!isDeadline(deadline)) {
			// without a deadline the start time is never read
			return call.onErrorResume((failure) -> new Retries(request, policy, this.scheduler.get(), 0)
				.retry(call, failure));
		}
		// the deadline counts from the subscription, retries and waits included
		Mono<T> deadlineExceeded = Mono.error(() -> deadlineExceeded(deadline));
		return Mono.defer(() -> {
			Scheduler scheduler = this.scheduler.get();
			long start = scheduler.now(TimeUnit.NANOSECONDS);
			return call
				.onErrorResume((failure) -> new Retries(request, policy, scheduler, start).retry(call, failure))
				.timeout(deadline, deadlineExceeded, scheduler);
		});
	}

	/**
	 * Apply retries to a streaming call whose every subscription is a new attempt. Once
	 * a chunk has arrived, the policy is expected to refuse (see
	 * {@link OpenAiRetryPolicy}); the deadline bounds the time to the first chunk.
	 * @param <T> the chunk type
	 * @param request the request, for listeners and log lines
	 * @param call the call
	 * @return the call with retries
	 */
	public <T> Flux<T> apply(OpenAiRequest<?> request, Flux<T> call) {
		RetryPolicy policy = this.policy;
		if (policy == null) {
			return call;
		}
		Duration deadline = policy.getTimeout();
		if (!isDeadline(deadline)) {
			return call.onErrorResume((failure) -> new Retries(request, policy, this.scheduler.get(), 0)
				.retry(call, failure));
		}
		Flux<T> deadlineExceeded = Flux.error(() -> deadlineExceeded(deadline));
		return Flux.defer(() -> {
			Scheduler scheduler = this.scheduler.get();
			long start = scheduler.now(TimeUnit.NANOSECONDS);
			return call
				.onErrorResume((failure) -> new Retries(request, policy, scheduler, start).retry(call, failure))
				.timeout(Mono.delay(deadline, scheduler), (chunk) -> Mono.never(), deadlineExceeded);
		});
	}

	private static boolean isDeadline(Duration deadline) {
		return !deadline.isZero() && !deadline.isNegative();
	}

	private Mono<Long> next(OpenAiRequest<?> request, RetryPolicy policy, Throwable failure, int attempts,
			BackOffExecution backOff, Scheduler scheduler, long start, ContextView context) {
		OpenAiException exception = OpenAiRetryPolicy.find(failure);
		if (exception == null || !policy.shouldRetry(failure)) {
			return Mono.error((attempts > 1 && exception == failure) ? exception.withDetail(attemptsMade(attempts))
					: failure);
		}
		long backOffMillis = backOff.nextBackOff();
		if (backOffMillis == BackOffExecution.STOP) {
			return giveUp(request, exception, attempts, attemptsMade(attempts));
		}
		Duration hint = exception.retryAfter().orElse(null);
		if (hint != null && hint.compareTo(this.maxServerDelay) > 0) {
			return giveUp(request, exception, attempts, "not retried: the server asked to wait " + format(hint)
					+ ", more than the maximum server delay of " + format(this.maxServerDelay) + " ("
					+ attemptsMade(attempts) + ")");
		}
		Duration delay = (hint != null) ? hint : Duration.ofMillis(backOffMillis);
		Duration deadline = policy.getTimeout();
		if (isDeadline(deadline)) {
			Duration elapsed = Duration.ofNanos(scheduler.now(TimeUnit.NANOSECONDS) - start);
			if (elapsed.plus(delay).compareTo(deadline) > 0) {
				return giveUp(request, exception, attempts,
						"not retried: waiting " + format(delay) + " would pass the deadline of " + format(deadline)
								+ " (" + format(elapsed) + " elapsed, " + attemptsMade(attempts) + ")");
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Retrying OpenAI " + request.operation().operationName() + " call in " + format(delay)
					+ " after attempt " + attempts + " failed with " + exception.kind()
					+ ((hint != null) ? " (delay asked for by the server)" : "") + " [request id "
					+ exception.requestId() + "]");
		}
		for (OpenAiRetryListener listener : this.listeners) {
			try {
				listener.onRetry(request, exception, attempts, delay, context);
			}
			catch (RuntimeException ex) {
				logger.debug("OpenAI retry listener " + listener + " failed", ex);
			}
		}
		return Mono.delay(delay, scheduler);
	}

	private Mono<Long> giveUp(OpenAiRequest<?> request, OpenAiException exception, int attempts, String detail) {
		OpenAiException failure = exception.withDetail(detail);
		if (logger.isWarnEnabled()) {
			logger.warn("Giving up OpenAI " + request.operation().operationName() + " call after " + attempts
					+ " attempt(s): " + failure.getMessage());
		}
		return Mono.error(failure);
	}

	private static OpenAiException deadlineExceeded(Duration deadline) {
		return new OpenAiTransportException(OpenAiErrorKind.TIMEOUT,
				"No answer within the deadline of " + format(deadline) + " (retries and waits included)",
				new TimeoutException("Deadline of " + deadline + " exceeded"));
	}

	private static String attemptsMade(int attempts) {
		return "after " + attempts + ((attempts == 1) ? " attempt" : " attempts");
	}

	static String format(Duration duration) {
		if (duration.toMillis() < 1000) {
			return duration.toMillis() + "ms";
		}
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	@Override
	public String toString() {
		return "OpenAiRetry[policy=" + this.policy + ", maxServerDelay=" + this.maxServerDelay + "]";
	}

	/**
	 * The retries of one call, created when its first attempt fails: the attempts made
	 * so far and the back-off, on the scheduler and from the start time of the call.
	 */
	private final class Retries {

		private final OpenAiRequest<?> request;

		private final RetryPolicy policy;

		private final Scheduler scheduler;

		private final long start;

		private final BackOffExecution backOff;

		private int attempts;

		Retries(OpenAiRequest<?> request, RetryPolicy policy, Scheduler scheduler, long start) {
			this.request = request;
			this.policy = policy;
			this.scheduler = scheduler;
			this.start = start;
			this.backOff = policy.getBackOff().start();
		}

		/**
		 * Continue a call whose first attempt failed: wait and make the further attempts,
		 * or fail.
		 */
		<T> Mono<T> retry(Mono<T> call, Throwable failure) {
			return Mono.deferContextual((context) -> next(failure, context).then(call.retryWhen(further(context))));
		}

		/**
		 * Continue a streaming call whose first attempt failed: wait and make the further
		 * attempts, or fail.
		 */
		<T> Flux<T> retry(Flux<T> call, Throwable failure) {
			return Flux.deferContextual(
					(context) -> next(failure, context).thenMany(call.retryWhen(further(context))));
		}

		private Retry further(ContextView context) {
			return Retry.from((signals) -> signals.concatMap((signal) -> next(signal.failure(), context)));
		}

		/**
		 * Decide on a failed attempt: a wait before the next attempt, or the failure of
		 * the call.
		 */
		private Mono<Long> next(Throwable failure, ContextView context) {
			if (this.attempts < Integer.MAX_VALUE) {
				this.attempts++;
			}
			return OpenAiRetry.this.next(this.request, this.policy, failure, this.attempts, this.backOff,
					this.scheduler, this.start, context);
		}

	}

	/**
	 * Builder of {@link OpenAiRetry}.
	 */
	public static final class Builder {

		private final RetryPolicy policy;

		private Duration maxServerDelay = Duration.ofSeconds(60);

		private Supplier<Scheduler> scheduler = Schedulers::parallel;

		private final List<OpenAiRetryListener> listeners = new ArrayList<>();

		private Builder(RetryPolicy policy) {
			this.policy = policy;
		}

		/**
		 * Set the longest delay the server may ask for; a call whose server asks for
		 * longer fails at once, with the hint in {@link OpenAiException#retryAfter()}.
		 * @param maxServerDelay the longest delay waited for
		 * @return this builder
		 */
		public Builder maxServerDelay(Duration maxServerDelay) {
			this.maxServerDelay = maxServerDelay;
			return this;
		}

		/**
		 * Set the scheduler that times waits and the deadline. Defaults to
		 * {@link Schedulers#parallel()}, looked up per call so that virtual time applies.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = () -> scheduler;
			return this;
		}

		/**
		 * Add a listener told about each retry.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(OpenAiRetryListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * Build the stage.
		 * @return the stage
		 */
		public OpenAiRetry build() {
			return new OpenAiRetry(this.policy, this.maxServerDelay, this.scheduler, this.listeners);
		}

	}

}
