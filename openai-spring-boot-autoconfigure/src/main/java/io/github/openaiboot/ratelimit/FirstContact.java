package io.github.openaiboot.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Holds back the first burst of calls to a model whose limits are not known yet: one call
 * goes ahead, and the others wait until its answer has taught the pacer the limits and
 * the remaining budget (or it failed, or was cancelled), but no longer than a bound, so
 * that a burst does not reach a server whose budget, and the window it enforces it over,
 * nobody knows yet.
 *
 * @author openai-spring-boot
 */
final class FirstContact {

	private final Sinks.Empty<Void> answered = Sinks.empty();

	private boolean probing;

	private volatile boolean done;

	private volatile boolean held;

	/**
	 * Return what a call must wait for before it reserves: nothing for the first call
	 * (the probe) and once the first answer is in, the first answer otherwise.
	 * @param wait the longest to wait for the first answer
	 * @param scheduler the scheduler that times the wait
	 * @return the wait, or {@code null} to go ahead
	 */
	synchronized @Nullable Mono<Void> await(Duration wait, Scheduler scheduler) {
		if (this.done) {
			return null;
		}
		if (!this.probing) {
			this.probing = true;
			return null;
		}
		return this.answered.asMono().timeout(wait, Mono.empty(), scheduler);
	}

	/**
	 * Let every waiting call go when the first answer is in, unless its limits are being
	 * learned ({@link #hold()}): then {@link #release()} does.
	 */
	void answered() {
		if (!this.held) {
			open();
		}
	}

	/**
	 * Keep the waiting calls past the first answer, until {@link #release()}: its
	 * limits are learned off the caller's thread.
	 * @return whether they were kept: {@code false} once they have gone
	 */
	boolean hold() {
		if (this.done) {
			return false;
		}
		this.held = true;
		return true;
	}

	/**
	 * Let the waiting calls go after {@link #hold()}.
	 */
	void release() {
		this.held = false;
		open();
	}

	/**
	 * Let every waiting call go: the first answer is in, or the limits are known.
	 */
	void open() {
		if (!this.done) {
			this.done = true;
			this.answered.tryEmitEmpty();
		}
	}

	boolean isOpen() {
		return this.done;
	}

}
