package io.github.openaiboot.core;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import org.jspecify.annotations.Nullable;

/**
 * Remembers how the latest OpenAI calls ended: when one last succeeded and how one last
 * failed. The pipeline updates it for every call, so health checks can trust real
 * traffic instead of spending a probe.
 *
 * @author openai-spring-boot
 */
public final class OpenAiCallOutcomes {

	private final Clock clock;

	private final AtomicReference<@Nullable Instant> lastSuccess = new AtomicReference<>();

	private final AtomicReference<@Nullable Failure> lastFailure = new AtomicReference<>();

	/**
	 * Create outcomes on the system clock.
	 */
	public OpenAiCallOutcomes() {
		this(Clock.systemUTC());
	}

	/**
	 * Create outcomes on the given clock.
	 * @param clock the clock that stamps each outcome
	 */
	public OpenAiCallOutcomes(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Record that a call succeeded.
	 */
	public void recordSuccess() {
		this.lastSuccess.set(this.clock.instant());
	}

	/**
	 * Record that a call failed.
	 * @param failure the failure
	 */
	public void recordFailure(Throwable failure) {
		if (failure instanceof OpenAiException ex) {
			this.lastFailure.set(new Failure(ex.kind(), ex.requestId(), this.clock.instant()));
		}
		else {
			this.lastFailure.set(new Failure(OpenAiErrorKind.UNKNOWN, null, this.clock.instant()));
		}
	}

	/**
	 * Return when a call last succeeded.
	 * @return the time, or {@code null} if none has
	 */
	public @Nullable Instant lastSuccess() {
		return this.lastSuccess.get();
	}

	/**
	 * Return how a call last failed.
	 * @return the failure, or {@code null} if none has
	 */
	public @Nullable Failure lastFailure() {
		return this.lastFailure.get();
	}

	/**
	 * A failed call.
	 *
	 * @param kind what went wrong
	 * @param requestId the {@code x-request-id} of the failed response, if any
	 * @param at when the failure was recorded
	 */
	public record Failure(OpenAiErrorKind kind, @Nullable String requestId, Instant at) {

	}

}
