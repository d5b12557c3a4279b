package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.openaiboot.core.DeferredScheduler;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.RateLimitException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.util.Assert;

/**
 * A {@link RateLimiter} that keeps two Bucket4j token buckets per organization and
 * model, one for requests and one for tokens per minute, each refilled greedily at its
 * limit per minute.
 * <p>
 * A bucket holds no more than its burst window's share of the limit: OpenAI may enforce
 * a per-minute limit over shorter periods (60,000 requests per minute as 1,000 per
 * second), so a whole minute's budget spent at once would meet 429s. The window is
 * {@linkplain Builder#burst(Duration) configured}, or one second until the headers tell
 * the window the server enforces (what remains of its bucket plus what refills until
 * the reset), and halves, at most once a second, on each per-minute 429 pacing did not
 * prevent. A request needing more tokens than a bucket holds waits until it is full and
 * leaves it in debt. While a model's limits are unknown, its first call goes alone and
 * the others wait for its answer, up to a bound, so that a burst does not meet a server
 * no one knows the budget of.
 * <p>
 * A request reserves its permits from both buckets at once, letting them go negative,
 * and waits on a Reactor {@link Scheduler} until the later of the two refills covers its
 * reservation. Since each reservation is taken on top of the earlier ones, waiting
 * callers are served in arrival order, and a large request is never overtaken by
 * smaller ones. A caller that is cancelled while waiting gives its reservation back.
 * When the wait would exceed the maximum, the call fails at once with a local
 * {@link RateLimitException} that says how long the wait would have been.
 * <p>
 * Limits come from configuration, per model or by default, and, when adaptive, from
 * the {@code x-ratelimit-*} headers of each response: limits that were not configured
 * are learned, and the remaining budget is lowered to what the server reports. A 429
 * from the server holds the model for what it is about: on requests (per minute or per
 * day), every request; on tokens, every request that uses tokens. A per-minute 429 also
 * drains the bucket it names and holds for the delay the server asked for, but never
 * longer than a minute, since a per-minute budget is back by then; a per-day 429 holds
 * for the whole delay and leaves the per-minute buckets alone. A request held longer
 * than the maximum wait fails at once with a local {@link RateLimitException} that names
 * the server's 429 (its limit, hint and request id) and has it as its cause. A request
 * whose estimate exceeds the whole tokens-per-minute limit fails at once with an
 * {@link io.github.openaiboot.error.InvalidRequestException} of kind
 * {@link io.github.openaiboot.error.OpenAiErrorKind#REQUEST_TOO_LARGE}, since no wait
 * would let it through. A model with no known limit is not paced; {@link #reset()}
 * forgets everything learned, for tests.
 *
 * @author openai-spring-boot
 */
public final class TokenBucketPacer implements RateLimiter {

	private static final Log logger = LogFactory.getLog(TokenBucketPacer.class);

	/**
	 * Share of each per-minute limit the pacer leaves unused by default.
	 */
	public static final double DEFAULT_MARGIN = 0.02;

	private final PacerStores stores;

	private final Scheduler scheduler;

	private final Duration maxWait;

	private final boolean adaptive;

	private final String scope;

	private final Limits defaultLimits;

	private final Map<String, Limits> modelLimits;

	private final PacingListener listener;

	private final PacingRefusals refusals;

	private final @Nullable Duration burst;

	private final double margin;

	private final Duration firstContactWait;

	private final ConcurrentMap<String, ModelBuckets> states = new ConcurrentHashMap<>();

	private TokenBucketPacer(Builder builder) {
		this.scheduler = builder.scheduler;
		this.stores = new PacerStores(builder.store, builder.scheduler, builder.storeScheduler, builder.failOpen);
		this.maxWait = builder.maxWait;
		this.adaptive = builder.adaptive;
		this.scope = builder.scope;
		this.defaultLimits = builder.defaultLimits;
		this.modelLimits = Map.copyOf(builder.modelLimits);
		this.listener = builder.listener;
		this.refusals = new PacingRefusals(builder.scope, builder.maxWait);
		this.burst = builder.burst;
		this.margin = builder.margin;
		this.firstContactWait = builder.firstContactWait;
	}

	/**
	 * Start building a pacer.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<Permit> acquire(@Nullable String model, long tokens) {
		if (model == null) {
			return RateLimiter.unlimited().acquire(null, 0);
		}
		Mono<Permit> permit = Mono.defer(() -> {
			ModelBuckets state = state(model);
			Mono<Void> firstAnswer = (this.adaptive && !this.firstContactWait.isZero())
					? state.firstContact(this.firstContactWait, this.scheduler) : null;
			if (firstAnswer == null) {
				return reserveAndWait(state, Math.max(0, tokens));
			}
			// The first answer releases every waiting call on the thread that read it, one of
			// Netty's event loops. Calls that go on there open their connections there too
			// (Reactor Netty keeps a connection on the loop it was opened from), so that all
			// of them would share one loop for as long as they live: one core busy, the
			// others idle. They go on from the pacer's scheduler instead, whose workers
			// spread them, and whose thread makes Netty pick a loop for each connection in
			// turn. A remote store's reservation blocks: it goes on where blocking is
			// allowed.
			firstAnswer = firstAnswer
				.publishOn(this.stores.isRemote() ? this.stores.storeScheduler() : this.scheduler);
			return firstAnswer.then(Mono.defer(() -> reserveAndWait(state, Math.max(0, tokens))));
		});
		return this.stores.isRemote() ? permit.subscribeOn(this.stores.storeScheduler()) : permit;
	}

	/**
	 * Take the permits of a request that need not wait from a local store's buckets, for
	 * a model past its first answer. Waits, refusals, server holds, first contact and
	 * shared stores are left to {@link #acquire}.
	 */
	@Override
	public @Nullable Permit tryAcquire(@Nullable String model, long tokens) {
		if (model == null) {
			return Permit.NONE;
		}
		if (this.stores.isRemote()) {
			return null;
		}
		ModelBuckets state = this.states.get(model);
		if (state == null || (this.adaptive && !state.isContacted())) {
			return null;
		}
		BucketPermit permit = state.tryReserve(Math.max(0, tokens));
		if (permit == null) {
			return null;
		}
		this.listener.onAcquired(state.model(), Duration.ZERO);
		return permit;
	}

	private Mono<Permit> reserveAndWait(ModelBuckets state, long tokens) {
		BucketPermit reserved = reserve(state, tokens);
		RuntimeException refusal = reserved.refusal();
		if (refusal != null) {
			return Mono.error(refusal);
		}
		if (reserved.holdsNothing() && this.adaptive && !state.isContacted()) {
			// a call sent while the limits are unknown: its answer, whatever it is, lets the
			// calls go that wait for the first answer
			reserved = reserved.onSettled(state::contacted);
		}
		this.listener.onAcquired(state.model(), reserved.delay());
		if (reserved.delay().isZero()) {
			return Mono.just(reserved);
		}
		BucketPermit waiting = reserved;
		if (logger.isDebugEnabled()) {
			logger.debug("Pacing " + state.model() + ": a call of " + tokens + " estimated tokens waits "
					+ reserved.delay() + " for its budget");
		}
		return Mono.delay(reserved.delay(), this.scheduler).<Permit>thenReturn(waiting).doOnCancel(waiting::release);
	}

	@Override
	public void onHeaders(@Nullable String model, RateLimitHeaders headers) {
		if (!this.adaptive || model == null) {
			return;
		}
		ModelBuckets state = state(model);
		// a remote store learns off this thread: the calls waiting for the first answer
		// go when its limits are known, not when the answer ends
		boolean firstAnswer = this.stores.isRemote() && state.holdFirstContact();
		this.stores.update(() -> {
			try {
				HeaderLearning.learn(state, headers);
			}
			catch (RuntimeException ex) {
				this.stores.updateFailed(state, ex);
			}
			finally {
				if (firstAnswer) {
					state.learnedFirstAnswer();
				}
			}
		});
	}

	@Override
	public void onRateLimited(@Nullable String model, RateLimitException exception) {
		if (exception.isLocal() || model == null) {
			return;
		}
		ServerRejections.rateLimited(state(model), exception);
	}

	/**
	 * Learn the tokens-per-minute limit from the server's "Request too large" answer,
	 * when it was not configured, so that the next request too large is refused before
	 * it is sent. The buckets are not drained: the request used nothing.
	 */
	@Override
	public void onRequestTooLarge(@Nullable String model, OpenAiException exception) {
		if (!this.adaptive || model == null || exception.statusCode() == 0) {
			return;
		}
		ServerRejections.requestTooLarge(state(model), exception);
	}

	/**
	 * Forget every model's buckets, learned limits and holds, as if the pacer were new;
	 * configured limits stay. Meant for tests that share one application context, so
	 * that a 429 one test provoked does not hold the model for the next. A remote
	 * store's shared buckets keep what they hold; only this pacer's view is reset.
	 */
	@Override
	public void reset() {
		this.states.clear();
	}

	/**
	 * Return the models the pacer keeps limits for.
	 * @return the models
	 */
	public Set<String> models() {
		return Collections.unmodifiableSet(this.states.keySet());
	}

	/**
	 * Return the permits available now in one of a model's buckets; negative while
	 * callers wait for reserved permits.
	 * @param model the model
	 * @param type the dimension
	 * @return the available permits, or {@code null} when no limit is known
	 */
	public @Nullable Long available(String model, RateLimitType type) {
		ModelBuckets state = this.states.get(model);
		return (state != null) ? state.available(type) : null;
	}

	@Override
	public @Nullable RateLimitStoreStatus storeStatus() {
		return this.stores.status();
	}

	/**
	 * Return whether the model's tokens-per-minute bucket, after taking the given tokens,
	 * would still hold at least half its capacity (or has no limit at all). Always
	 * {@code false} for a shared store, where asking would cost a round trip.
	 * @param model the model
	 * @param tokens the rough upper bound of a request's tokens
	 * @return whether a rough estimate is good enough
	 */
	@Override
	public boolean hasHeadroom(@Nullable String model, long tokens) {
		if (model == null) {
			return true;
		}
		if (this.stores.isRemote()) {
			return false;
		}
		ModelBuckets state = this.states.get(model);
		if (state == null) {
			return this.modelLimits.getOrDefault(model, this.defaultLimits).limit(RateLimitType.TOKENS) <= 0;
		}
		return state.hasHeadroom(tokens);
	}

	/**
	 * Return the most permits one of a model's buckets holds at once: the limit per
	 * minute spread over the burst window, configured, learned from the headers, or one
	 * second by default, and halved by server 429s.
	 * @param model the model
	 * @param type the dimension
	 * @return the capacity, or {@code 0} when no limit is known
	 */
	public long capacity(String model, RateLimitType type) {
		ModelBuckets state = this.states.get(model);
		return (state != null) ? state.capacity(type) : 0;
	}

	/**
	 * Return the limit per minute the pacer applies to one of a model's buckets.
	 * @param model the model
	 * @param type the dimension
	 * @return the limit, or {@code 0} when none is known
	 */
	public long limit(String model, RateLimitType type) {
		ModelBuckets state = this.states.get(model);
		return (state != null) ? state.limit(type) : 0;
	}

	private ModelBuckets state(String model) {
		ModelBuckets state = this.states.get(model);
		if (state != null) {
			return state;
		}
		return this.states.computeIfAbsent(model, (key) -> {
			Limits limits = this.modelLimits.getOrDefault(key, this.defaultLimits);
			this.listener.onModel(key);
			return new ModelBuckets(key, this.scope, limits, this.burst, this.margin, this.stores);
		});
	}

	private BucketPermit reserve(ModelBuckets state, long tokens) {
		synchronized (state) {
			try {
				boolean remote = state.asksRemote();
				BucketPermit permit = state.reserve(tokens, this.maxWait, this.refusals);
				if (remote) {
					this.stores.reached();
				}
				return permit;
			}
			catch (RuntimeException ex) {
				this.stores.reservationFailed(state, ex);
				return state.reserve(tokens, this.maxWait, this.refusals);
			}
		}
	}

	/**
	 * Requests and tokens per minute.
	 *
	 * @param requestsPerMinute requests per minute, {@code 0} when unknown
	 * @param tokensPerMinute tokens per minute, {@code 0} when unknown
	 */
	public record Limits(long requestsPerMinute, long tokensPerMinute) {

		/**
		 * No known limit.
		 */
		public static final Limits NONE = new Limits(0, 0);

		long limit(RateLimitType type) {
			return (type == RateLimitType.REQUESTS) ? this.requestsPerMinute : this.tokensPerMinute;
		}

	}

	/**
	 * Builder of {@link TokenBucketPacer}.
	 */
	public static final class Builder {

		private @Nullable BucketStore store;

		private Scheduler scheduler = DeferredScheduler.parallel();

		private Scheduler storeScheduler = DeferredScheduler.boundedElastic();

		private Duration maxWait = Duration.ofSeconds(30);

		private boolean adaptive = true;

		private String scope = "default";

		private Limits defaultLimits = Limits.NONE;

		private final Map<String, Limits> modelLimits = new LinkedHashMap<>();

		private boolean failOpen = true;

		private PacingListener listener = PacingListener.NONE;

		private @Nullable Duration burst;

		private double margin;

		private Duration firstContactWait = Duration.ofSeconds(5);

		private Builder() {
		}

		/**
		 * Set where the buckets live; by default in this JVM.
		 * @param store the store
		 * @return this builder
		 */
		public Builder store(BucketStore store) {
			this.store = store;
			return this;
		}

		/**
		 * Set the scheduler whose clock refills the buckets and on which callers wait.
		 * @param scheduler the scheduler
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Set the scheduler on which a remote store's blocking operations run.
		 * @param storeScheduler the scheduler
		 * @return this builder
		 */
		public Builder storeScheduler(Scheduler storeScheduler) {
			this.storeScheduler = storeScheduler;
			return this;
		}

		/**
		 * Set the longest a request may wait for permits before it fails.
		 * @param maxWait the maximum wait
		 * @return this builder
		 */
		public Builder maxWait(Duration maxWait) {
			this.maxWait = maxWait;
			return this;
		}

		/**
		 * Set the share of each per-minute limit left unused: buckets refill at
		 * {@code limit × (1 − margin)} per minute, so that requests paced at the limit do
		 * not meet 429s from a server counting over a sliding window, where a few
		 * milliseconds of network jitter decide. Defaults to none, for exact arithmetic;
		 * the auto-configuration sets {@code openai.rate-limit.margin}
		 * ({@value #DEFAULT_MARGIN}).
		 * @param margin the share, from 0 to below 0.5
		 * @return this builder
		 */
		public Builder margin(double margin) {
			Assert.isTrue(margin >= 0 && margin < 0.5, "margin must be at least 0 and below 0.5");
			this.margin = margin;
			return this;
		}

		/**
		 * Set the window of a limit that a bucket may spend at once: with a burst of
		 * {@code 1s}, a bucket of 600 requests per minute holds at most 10. By default one
		 * second, until the headers tell the window the server enforces, and narrowed by
		 * the 429s that still come; set it when you know the window, to keep it fixed.
		 * @param burst the window, at most a minute, or {@code null} to learn it
		 * @return this builder
		 */
		public Builder burst(@Nullable Duration burst) {
			Assert.isTrue(burst == null || (!burst.isNegative() && !burst.isZero()), "burst must be positive");
			this.burst = burst;
			return this;
		}

		/**
		 * Set the longest the calls to a model whose limits are not known yet wait for the
		 * answer to its first call, which teaches the limits, before they go unpaced. Five
		 * seconds by default: the first call of a JVM just started often takes more than
		 * one (classes loaded, code interpreted, a connection opened), and calls let go
		 * before it is answered reach a server whose limits nobody knows yet.
		 * @param firstContactWait the longest wait, {@link Duration#ZERO} not to wait
		 * @return this builder
		 */
		public Builder firstContactWait(Duration firstContactWait) {
			Assert.isTrue(!firstContactWait.isNegative(), "firstContactWait must not be negative");
			this.firstContactWait = firstContactWait;
			return this;
		}

		/**
		 * Set whether to learn limits and the remaining budget from response headers.
		 * @param adaptive whether to learn from headers
		 * @return this builder
		 */
		public Builder adaptive(boolean adaptive) {
			this.adaptive = adaptive;
			return this;
		}

		/**
		 * Set the scope of the limits, such as the organization, which prefixes every
		 * bucket's key.
		 * @param scope the scope
		 * @return this builder
		 */
		public Builder scope(String scope) {
			this.scope = scope;
			return this;
		}

		/**
		 * Set the limits of models that have none of their own.
		 * @param requestsPerMinute requests per minute, {@code 0} for none
		 * @param tokensPerMinute tokens per minute, {@code 0} for none
		 * @return this builder
		 */
		public Builder defaultLimits(long requestsPerMinute, long tokensPerMinute) {
			this.defaultLimits = new Limits(requestsPerMinute, tokensPerMinute);
			return this;
		}

		/**
		 * Set the limits of a model.
		 * @param model the model
		 * @param requestsPerMinute requests per minute, {@code 0} for none
		 * @param tokensPerMinute tokens per minute, {@code 0} for none
		 * @return this builder
		 */
		public Builder limits(String model, long requestsPerMinute, long tokensPerMinute) {
			this.modelLimits.put(model, new Limits(requestsPerMinute, tokensPerMinute));
			return this;
		}

		/**
		 * Set whether to pace locally while a remote store is unreachable (fail open),
		 * rather than fail the calls (fail closed).
		 * @param failOpen whether to fail open
		 * @return this builder
		 */
		public Builder failOpen(boolean failOpen) {
			this.failOpen = failOpen;
			return this;
		}

		/**
		 * Set the listener, for metrics.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(PacingListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Build the pacer.
		 * @return the pacer
		 */
		public TokenBucketPacer build() {
			return new TokenBucketPacer(this);
		}

	}

}
