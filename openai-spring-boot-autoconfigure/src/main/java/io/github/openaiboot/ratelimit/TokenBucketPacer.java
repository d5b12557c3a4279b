package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.usage.Usage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A {@link RateLimiter} that keeps two Bucket4j token buckets per organization and
 * model, one for requests and one for tokens per minute, each refilled greedily at its
 * limit per minute.
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
 * from the server drains the bucket it names and holds every request for the model
 * until the delay the server asked for has passed. A model with no known limit is not
 * paced.
 *
 * @author openai-spring-boot
 */
public final class TokenBucketPacer implements RateLimiter {

	private static final Log logger = LogFactory.getLog(TokenBucketPacer.class);

	private static final Duration DEFAULT_RATE_LIMITED_DELAY = Duration.ofSeconds(1);

	private static final Duration REMOTE_RETRY_INTERVAL = Duration.ofSeconds(10);

	private static final Mono<Permit> NO_PERMIT = Mono.just(Permit.NONE);

	private final BucketStore store;

	private final LocalBucketStore fallbackStore;

	private final Scheduler scheduler;

	private final SchedulerTimeMeter clock;

	private final Scheduler storeScheduler;

	private final Duration maxWait;

	private final boolean adaptive;

	private final String scope;

	private final Limits defaultLimits;

	private final Map<String, Limits> modelLimits;

	private final boolean failOpen;

	private final PacingListener listener;

	private final boolean privateBuckets;

	private final ConcurrentMap<String, ModelState> states = new ConcurrentHashMap<>();

	private final AtomicBoolean warnedStoreFailure = new AtomicBoolean();

	private volatile @Nullable String storeFailure;

	private TokenBucketPacer(Builder builder) {
		this.scheduler = builder.scheduler;
		this.clock = new SchedulerTimeMeter(builder.scheduler);
		this.store = (builder.store != null) ? builder.store : new LocalBucketStore();
		this.fallbackStore = new LocalBucketStore();
		this.storeScheduler = builder.storeScheduler;
		this.maxWait = builder.maxWait;
		this.adaptive = builder.adaptive;
		this.scope = builder.scope;
		this.defaultLimits = builder.defaultLimits;
		this.modelLimits = Map.copyOf(builder.modelLimits);
		this.failOpen = builder.failOpen;
		this.listener = builder.listener;
		// a LocalBucketStore makes a new bucket each time it is asked: only this pacer holds them
		this.privateBuckets = this.store instanceof LocalBucketStore;
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
			return NO_PERMIT;
		}
		Mono<Permit> permit = Mono.defer(() -> {
			BucketPermit reserved = reserve(state(model), Math.max(0, tokens));
			if (reserved.refusal != null) {
				return Mono.error(reserved.refusal);
			}
			this.listener.onAcquired(model, reserved.delay);
			if (reserved.delay.isZero()) {
				return Mono.just(reserved);
			}
			return Mono.delay(reserved.delay, this.scheduler)
				.<Permit>thenReturn(reserved)
				.doOnCancel(reserved::release);
		});
		return this.store.isRemote() ? permit.subscribeOn(this.storeScheduler) : permit;
	}

	@Override
	public void onHeaders(@Nullable String model, RateLimitHeaders headers) {
		if (!this.adaptive || model == null) {
			return;
		}
		ModelState state = state(model);
		// a remote store blocks, and callers include Netty's event loops: update it off
		// their thread (here, on a 429 and when settling a permit alike)
		if (this.store.isRemote()) {
			this.storeScheduler.schedule(() -> learn(state, headers));
		}
		else {
			learn(state, headers);
		}
	}

	private void learn(ModelState state, RateLimitHeaders headers) {
		synchronized (state) {
			try {
				learn(state, RateLimitType.REQUESTS, headers.limitRequests(), headers.remainingRequests());
				learn(state, RateLimitType.TOKENS, headers.limitTokens(), headers.remainingTokens());
			}
			catch (RuntimeException ex) {
				storeFailed(state, ex);
			}
		}
	}

	@Override
	public void onRateLimited(@Nullable String model, RateLimitException exception) {
		if (exception.isLocal() || model == null) {
			return;
		}
		ModelState state = state(model);
		Duration delay = exception.retryAfter().orElse(DEFAULT_RATE_LIMITED_DELAY);
		String type = exception.error().type();
		synchronized (state) {
			state.blockedUntil = Math.max(state.blockedUntil, now() + delay.toNanos());
		}
		if (this.store.isRemote()) {
			this.storeScheduler.schedule(() -> drain(state, type));
		}
		else {
			drain(state, type);
		}
	}

	/**
	 * Empty the buckets a server 429 names: both when it names neither.
	 */
	private void drain(ModelState state, @Nullable String type) {
		synchronized (state) {
			try {
				for (RateLimitType limit : RateLimitType.values()) {
					Bucket bucket = state.bucket(limit);
					if (bucket != null && (type == null || !isLimitType(type) || limit.tagValue().equals(type))) {
						bucket.tryConsumeAsMuchAsPossible();
					}
				}
			}
			catch (RuntimeException ex) {
				storeFailed(state, ex);
			}
		}
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
		ModelState state = this.states.get(model);
		if (state == null) {
			return null;
		}
		synchronized (state) {
			Bucket bucket = state.bucket(type);
			if (bucket == null) {
				return null;
			}
			try {
				return bucket.getAvailableTokens();
			}
			catch (RuntimeException ex) {
				return null;
			}
		}
	}

	@Override
	public @Nullable RateLimitStoreStatus storeStatus() {
		if (!this.store.isRemote()) {
			return null;
		}
		String failure = this.storeFailure;
		return new RateLimitStoreStatus("redis", failure == null, this.failOpen, failure);
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
		if (this.store.isRemote()) {
			return false;
		}
		ModelState state = this.states.get(model);
		if (state == null) {
			return this.modelLimits.getOrDefault(model, this.defaultLimits).limit(RateLimitType.TOKENS) <= 0;
		}
		synchronized (state) {
			Bucket bucket = state.bucket(RateLimitType.TOKENS);
			if (bucket == null) {
				return true;
			}
			return bucket.getAvailableTokens() - tokens >= state.limit(RateLimitType.TOKENS) / 2;
		}
	}

	/**
	 * Return the limit per minute the pacer applies to one of a model's buckets.
	 * @param model the model
	 * @param type the dimension
	 * @return the limit, or {@code 0} when none is known
	 */
	public long limit(String model, RateLimitType type) {
		ModelState state = this.states.get(model);
		return (state != null) ? state.limit(type) : 0;
	}

	private ModelState state(String model) {
		ModelState state = this.states.get(model);
		if (state != null) {
			return state;
		}
		return this.states.computeIfAbsent(model, (key) -> {
			Limits limits = this.modelLimits.getOrDefault(key, this.defaultLimits);
			this.listener.onModel(key);
			return new ModelState(key, limits);
		});
	}

	private BucketPermit reserve(ModelState state, long tokens) {
		synchronized (state) {
			try {
				boolean remote = this.store.isRemote() && now() >= state.remoteRetryAt;
				BucketPermit permit = reserve(state, state.useRemote(), tokens);
				if (remote) {
					this.storeFailure = null;
				}
				return permit;
			}
			catch (RuntimeException ex) {
				if (!this.store.isRemote() || ex instanceof RateLimitStoreException) {
					throw ex;
				}
				this.storeFailure = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
				if (!this.failOpen) {
					throw new RateLimitStoreException("Shared rate-limit store is unreachable, and pacing fails closed: "
							+ ex.getMessage(), ex);
				}
				if (this.warnedStoreFailure.compareAndSet(false, true)) {
					logger.warn("Shared rate-limit store is unreachable, pacing locally until it answers again", ex);
				}
				state.remoteRetryAt = now() + REMOTE_RETRY_INTERVAL.toNanos();
				return reserve(state, state.useRemote(), tokens);
			}
		}
	}

	/**
	 * Reserve one request and its tokens from a model's buckets.
	 * @return the permit, with the wait before it may be used, or the refusal
	 */
	private BucketPermit reserve(ModelState state, boolean useRemote, long tokens) {
		Bucket requestsBucket = state.bucket(RateLimitType.REQUESTS, useRemote);
		Bucket tokensBucket = state.bucket(RateLimitType.TOKENS, useRemote);
		long now = now();
		long blocked = Math.max(0, state.blockedUntil - now);
		long tokensToTake = (tokensBucket != null) ? Math.min(tokens, state.limit(RateLimitType.TOKENS)) : 0;
		// no more than a bucket's capacity, so that taking agrees with estimating
		if ((!useRemote || this.privateBuckets) && tokensToTake <= MAX_PER_MINUTE) {
			return takeFirst(state, requestsBucket, tokensBucket, tokensToTake, blocked);
		}
		long wait = Math.max(blocked, Math.max(waitFor(requestsBucket, 1), waitFor(tokensBucket, tokensToTake)));
		if (wait > this.maxWait.toNanos()) {
			return new BucketPermit(refusal(state, requestsBucket, tokensBucket, tokensToTake, wait));
		}
		long requestsWait = (requestsBucket != null) ? requestsBucket.consumeIgnoringRateLimits(1) : 0;
		long tokensWait = (tokensBucket != null && tokensToTake > 0)
				? tokensBucket.consumeIgnoringRateLimits(tokensToTake) : 0;
		wait = Math.max(blocked, Math.max(requestsWait, tokensWait));
		return new BucketPermit(state, requestsBucket, tokensBucket, (requestsBucket != null) ? 1 : 0, tokensToTake,
				Duration.ofNanos(wait));
	}

	/**
	 * Reserve by taking the permits first and giving them back when the wait would be too
	 * long: a call that need not wait costs two bucket operations instead of four. Only
	 * for buckets no one else holds, since all their operations run under the model's
	 * monitor, so that no one sees permits taken and given back.
	 */
	private BucketPermit takeFirst(ModelState state, @Nullable Bucket requestsBucket, @Nullable Bucket tokensBucket,
			long tokensToTake, long blocked) {
		long requestsWait = take(requestsBucket, 1);
		long tokensWait = take(tokensBucket, tokensToTake);
		long wait = Math.max(blocked, Math.max(requestsWait, tokensWait));
		if (wait <= this.maxWait.toNanos()) {
			return new BucketPermit(state, requestsBucket, tokensBucket, (requestsBucket != null) ? 1 : 0,
					tokensToTake, Duration.ofNanos(wait));
		}
		if (requestsBucket != null && requestsWait != Long.MAX_VALUE) {
			requestsBucket.addTokens(1);
		}
		if (tokensBucket != null && tokensToTake > 0 && tokensWait != Long.MAX_VALUE) {
			tokensBucket.addTokens(tokensToTake);
		}
		return new BucketPermit(refusal(state, requestsBucket, tokensBucket, tokensToTake, wait));
	}

	/**
	 * Take permits from a bucket, however long they take to refill.
	 * @return the nanoseconds until they have refilled, or {@link Long#MAX_VALUE}, having
	 * taken nothing, when that wait is too long to count
	 */
	private static long take(@Nullable Bucket bucket, long permits) {
		if (bucket == null || permits <= 0) {
			return 0;
		}
		try {
			return bucket.consumeIgnoringRateLimits(permits);
		}
		catch (IllegalArgumentException ex) {
			// Bucket4j's reservation overflow, where estimating says Long.MAX_VALUE
			return Long.MAX_VALUE;
		}
	}

	private static long waitFor(@Nullable Bucket bucket, long permits) {
		if (bucket == null || permits <= 0) {
			return 0;
		}
		return bucket.estimateAbilityToConsume(permits).getNanosToWaitForRefill();
	}

	private RateLimitException refusal(ModelState state, @Nullable Bucket requestsBucket,
			@Nullable Bucket tokensBucket, long tokens, long wait) {
		String dimension = (waitFor(tokensBucket, tokens) >= waitFor(requestsBucket, 1)) ? "tokens" : "requests";
		String message = "Rate limit of " + this.scope + " for " + state.model + " on " + dimension
				+ " per minute would be exceeded: the request would have to wait " + Duration.ofNanos(wait)
				+ ", longer than the pacer's maximum wait of " + this.maxWait;
		return new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 0,
				new OpenAiError(message, dimension, null, "local_rate_limit_exceeded"), null, Duration.ofNanos(wait),
				true);
	}

	private void learn(ModelState state, RateLimitType type, @Nullable Long limit, @Nullable Long remaining) {
		if (limit != null && limit > 0 && state.configured.limit(type) <= 0 && limit != state.limit(type)) {
			state.learn(type, limit, (remaining != null) ? remaining : limit);
		}
		Bucket bucket = state.bucket(type);
		if (remaining != null && bucket != null) {
			long available = bucket.getAvailableTokens();
			if (available > remaining) {
				bucket.tryConsumeAsMuchAsPossible(available - Math.max(0, remaining));
			}
		}
	}

	/**
	 * Handle the failure of an update of the buckets: a local store's failure is thrown,
	 * a remote store is left alone for a while.
	 */
	private void storeFailed(ModelState state, RuntimeException ex) {
		if (!this.store.isRemote()) {
			throw ex;
		}
		state.remoteRetryAt = now() + REMOTE_RETRY_INTERVAL.toNanos();
		logger.debug("Shared rate-limit store is unreachable", ex);
	}

	private static boolean isLimitType(String type) {
		return RateLimitType.REQUESTS.tagValue().equals(type) || RateLimitType.TOKENS.tagValue().equals(type);
	}

	private static final long MAX_PER_MINUTE = Duration.ofMinutes(1).toNanos();

	private long now() {
		return this.scheduler.now(TimeUnit.NANOSECONDS);
	}

	private static BucketConfiguration perMinute(long requestedLimit, @Nullable Long initial) {
		// Bucket4j refills at most one token per nanosecond; no real limit comes near that
		long limit = Math.min(requestedLimit, MAX_PER_MINUTE);
		return BucketConfiguration.builder()
			.addLimit((bandwidth) -> {
				var refill = bandwidth.capacity(limit).refillGreedy(limit, Duration.ofMinutes(1));
				return (initial != null) ? refill.initialTokens(Math.max(0, Math.min(limit, initial))) : refill;
			})
			.build();
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
	 * The buckets and limits of one model. Guarded by its own monitor.
	 */
	private final class ModelState {

		private final String model;

		private final Limits configured;

		private final long[] limits = new long[2];

		private final @Nullable Long[] initial = new Long[2];

		private final @Nullable Bucket[] remote = new Bucket[2];

		private final @Nullable Bucket[] local = new Bucket[2];

		private long blockedUntil;

		private long remoteRetryAt = Long.MIN_VALUE;

		ModelState(String model, Limits configured) {
			this.model = model;
			this.configured = configured;
			this.limits[0] = configured.requestsPerMinute();
			this.limits[1] = configured.tokensPerMinute();
		}

		long limit(RateLimitType type) {
			return this.limits[type.ordinal()];
		}

		void learn(RateLimitType type, long limit, long remaining) {
			int index = type.ordinal();
			this.limits[index] = limit;
			this.initial[index] = remaining;
			for (Bucket[] buckets : new Bucket[][] { this.remote, this.local }) {
				Bucket bucket = buckets[index];
				if (bucket != null) {
					bucket.replaceConfiguration(perMinute(limit, null), TokensInheritanceStrategy.AS_IS);
				}
			}
		}

		boolean useRemote() {
			return !TokenBucketPacer.this.store.isRemote() || now() >= this.remoteRetryAt;
		}

		@Nullable Bucket bucket(RateLimitType type) {
			return bucket(type, useRemote());
		}

		@Nullable Bucket bucket(RateLimitType type, boolean useRemote) {
			int index = type.ordinal();
			long limit = this.limits[index];
			if (limit <= 0) {
				return null;
			}
			Bucket[] buckets = useRemote ? this.remote : this.local;
			if (buckets[index] == null) {
				BucketStore store = useRemote ? TokenBucketPacer.this.store : TokenBucketPacer.this.fallbackStore;
				buckets[index] = store.bucket(TokenBucketPacer.this.scope + ":" + this.model + ":" + type.tagValue(),
						perMinute(limit, this.initial[index]), TokenBucketPacer.this.clock);
			}
			return buckets[index];
		}

	}

	/**
	 * The permits of one request, and the wait before it may be sent; or the pacer's
	 * refusal, holding nothing.
	 */
	private final class BucketPermit implements Permit {

		private static final AtomicIntegerFieldUpdater<BucketPermit> SETTLED = AtomicIntegerFieldUpdater
			.newUpdater(BucketPermit.class, "settled");

		private final @Nullable ModelState state;

		private final @Nullable Bucket requestsBucket;

		private final @Nullable Bucket tokensBucket;

		private final long requests;

		private final long tokens;

		private final Duration delay;

		private final @Nullable RateLimitException refusal;

		private volatile int settled;

		BucketPermit(ModelState state, @Nullable Bucket requestsBucket, @Nullable Bucket tokensBucket, long requests,
				long tokens, Duration delay) {
			this.state = state;
			this.requestsBucket = requestsBucket;
			this.tokensBucket = tokensBucket;
			this.requests = requests;
			this.tokens = tokens;
			this.delay = delay;
			this.refusal = null;
		}

		BucketPermit(RateLimitException refusal) {
			this.state = null;
			this.requestsBucket = null;
			this.tokensBucket = null;
			this.requests = 0;
			this.tokens = 0;
			this.delay = Duration.ZERO;
			this.refusal = refusal;
			this.settled = 1;
		}

		@Override
		public void reconcile(Usage usage) {
			if (settle()) {
				giveBack(this.tokensBucket, this.tokens - usage.totalTokens());
			}
		}

		@Override
		public void refund() {
			if (settle()) {
				giveBack(this.tokensBucket, this.tokens);
			}
		}

		@Override
		public void release() {
			if (settle()) {
				giveBack(this.requestsBucket, this.requests);
				giveBack(this.tokensBucket, this.tokens);
			}
		}

		@Override
		public void complete() {
			this.settled = 1;
		}

		private boolean settle() {
			return SETTLED.compareAndSet(this, 0, 1);
		}

		private void giveBack(@Nullable Bucket bucket, long permits) {
			ModelState state = this.state;
			if (bucket == null || permits == 0 || state == null) {
				return;
			}
			if (TokenBucketPacer.this.store.isRemote()) {
				TokenBucketPacer.this.storeScheduler.schedule(() -> giveBack(state, bucket, permits));
			}
			else {
				giveBack(state, bucket, permits);
			}
		}

		private void giveBack(ModelState state, Bucket bucket, long permits) {
			synchronized (state) {
				try {
					if (permits > 0) {
						bucket.addTokens(permits);
					}
					else {
						bucket.consumeIgnoringRateLimits(-permits);
					}
				}
				catch (RuntimeException ex) {
					storeFailed(state, ex);
				}
			}
		}

	}

	/**
	 * Builder of {@link TokenBucketPacer}.
	 */
	public static final class Builder {

		private @Nullable BucketStore store;

		private Scheduler scheduler = Schedulers.parallel();

		private Scheduler storeScheduler = Schedulers.boundedElastic();

		private Duration maxWait = Duration.ofSeconds(30);

		private boolean adaptive = true;

		private String scope = "default";

		private Limits defaultLimits = Limits.NONE;

		private final Map<String, Limits> modelLimits = new LinkedHashMap<>();

		private boolean failOpen = true;

		private PacingListener listener = PacingListener.NONE;

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
