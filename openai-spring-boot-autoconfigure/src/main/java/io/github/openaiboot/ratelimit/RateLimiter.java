package io.github.openaiboot.ratelimit;

import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Paces calls under the organization's requests-per-minute and tokens-per-minute limits:
 * each call first acquires one request and its estimated tokens, waiting (without
 * blocking a thread) while the budget refills, and settles its tokens once the actual
 * usage is known.
 *
 * @author openai-spring-boot
 * @see TokenBucketPacer
 */
public interface RateLimiter {

	/**
	 * Acquire the permits for one request, waiting for them if needed. Cancelling the
	 * returned {@link Mono} while it waits gives the reservation back.
	 * @param model the model the request is for; requests without a model are not paced
	 * @param tokens the estimated tokens of the request
	 * @return the permit, once the request may be sent; a local
	 * {@link RateLimitException} when the wait would be too long; an
	 * {@link io.github.openaiboot.error.InvalidRequestException} of kind
	 * {@link io.github.openaiboot.error.OpenAiErrorKind#REQUEST_TOO_LARGE} when the
	 * request needs more tokens than the whole tokens-per-minute limit
	 */
	Mono<Permit> acquire(@Nullable String model, long tokens);

	/**
	 * Acquire the permits for one request at once, on the calling thread, when it need
	 * not wait for them and deciding so cannot block the thread. A caller tries this
	 * first, and {@link #acquire} when it returns {@code null}.
	 * @param model the model the request is for
	 * @param tokens the estimated tokens of the request
	 * @return the permit, to send the request now; or {@code null}, having reserved
	 * nothing, when the request would wait or be refused, or when only {@link #acquire}
	 * can tell (by default, always)
	 */
	default @Nullable Permit tryAcquire(@Nullable String model, long tokens) {
		return null;
	}

	/**
	 * Return whether the tokens-per-minute budget of a model is so far from exhausted
	 * that reserving a rough upper bound of a request's tokens instead of a precise count
	 * cannot make anyone wait.
	 * @param model the model
	 * @param tokens the rough upper bound of the request's tokens
	 * @return whether a rough estimate is good enough; by default {@code false}
	 */
	default boolean hasHeadroom(@Nullable String model, long tokens) {
		return false;
	}

	/**
	 * Return the status of the shared store the limits are kept in.
	 * @return the status, or {@code null} when the limits are kept locally
	 */
	default @Nullable RateLimitStoreStatus storeStatus() {
		return null;
	}

	/**
	 * Learn from the {@code x-ratelimit-*} headers of a response.
	 * @param model the model the request was for
	 * @param headers the headers
	 */
	default void onHeaders(@Nullable String model, RateLimitHeaders headers) {
	}

	/**
	 * Learn from a 429 response of the server.
	 * @param model the model the request was for
	 * @param exception the failure, with the delay the server asked for
	 */
	default void onRateLimited(@Nullable String model, RateLimitException exception) {
	}

	/**
	 * Learn from the server's answer that a request is larger than a whole limit
	 * ({@link io.github.openaiboot.error.OpenAiErrorKind#REQUEST_TOO_LARGE}). Nothing is
	 * drained: the request used no budget.
	 * @param model the model the request was for
	 * @param exception the failure
	 */
	default void onRequestTooLarge(@Nullable String model, OpenAiException exception) {
	}

	/**
	 * Forget what was learned and every hold, as if the rate limiter were new; for tests
	 * that share one application context.
	 */
	default void reset() {
	}

	/**
	 * Return a rate limiter that never waits.
	 * @return the rate limiter
	 */
	static RateLimiter unlimited() {
		return Unlimited.INSTANCE;
	}

	/**
	 * The permits one request holds, to settle once the outcome is known. Only the first
	 * settling call has an effect.
	 */
	interface Permit {

		/**
		 * A permit that holds nothing.
		 */
		Permit NONE = new Permit() {

			@Override
			public void reconcile(Usage usage) {
			}

			@Override
			public void refund() {
			}

			@Override
			public void release() {
			}

			@Override
			public void complete() {
			}

		};

		/**
		 * Settle with the actual usage: give back the tokens estimated but not used, or
		 * take those used beyond the estimate.
		 * @param usage the usage OpenAI reported
		 */
		void reconcile(Usage usage);

		/**
		 * Give the tokens back, for a request the server rejected without processing it.
		 */
		void refund();

		/**
		 * Give the request and the tokens back, for a request that was never sent.
		 */
		void release();

		/**
		 * Settle with the estimate, for a request whose usage is unknown.
		 */
		void complete();

	}

	/**
	 * The rate limiter of {@link RateLimiter#unlimited()}.
	 */
	final class Unlimited implements RateLimiter {

		private static final Unlimited INSTANCE = new Unlimited();

		private Unlimited() {
		}

		@Override
		public Mono<Permit> acquire(@Nullable String model, long tokens) {
			return NoWait.PERMIT;
		}

		@Override
		public Permit tryAcquire(@Nullable String model, long tokens) {
			return Permit.NONE;
		}

		// apart, so that the limiter can be made at start-up without loading Reactor
		private static final class NoWait {

			static final Mono<Permit> PERMIT = Mono.just(Permit.NONE);

		}

	}

}
