package io.github.openaiboot.ratelimit;

import java.time.Duration;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.openaiboot.ratelimit.TokenBucketPacer.Limits;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The buckets and limits of one model, and the arithmetic of reserving from them. Every
 * operation on a model's buckets runs under this object's monitor.
 * <p>
 * Each bucket refills greedily at its limit per minute but holds no more than its
 * {@link BurstWindow} allows. A request larger than that (tokens only) waits until the
 * bucket is full, then takes what it needs, leaving the bucket in debt for the callers
 * after it: the rate stays the limit, and no request waits longer than a full bucket.
 *
 * @author openai-spring-boot
 */
final class ModelBuckets {

	private static final long MAX_PER_MINUTE = Duration.ofMinutes(1).toNanos();

	private final String model;

	private final String keyPrefix;

	private final Limits configured;

	private final PacerStores stores;

	private final long[] limits = new long[2];

	private final @Nullable Long[] initial = new Long[2];

	private final @Nullable Bucket[] remote = new Bucket[2];

	private final @Nullable Bucket[] local = new Bucket[2];

	private final @Nullable ServerHold[] holds = new ServerHold[2];

	private final BurstWindow[] windows;

	private final FirstContact firstContact = new FirstContact();

	private long remoteRetryAt = Long.MIN_VALUE;

	private final Duration refillPeriod;

	ModelBuckets(String model, String scope, Limits configured, @Nullable Duration burst, PacerStores stores) {
		this(model, scope, configured, burst, 0, stores);
	}

	ModelBuckets(String model, String scope, Limits configured, @Nullable Duration burst, double margin,
			PacerStores stores) {
		this.model = model;
		// a minute's budget refills over a little more than a minute: paced right at the limit,
		// requests would meet 429s from a server counting over a sliding window, whatever the jitter
		this.refillPeriod = Duration.ofNanos(Math.round(Duration.ofMinutes(1).toNanos() / (1 - margin)));
		this.keyPrefix = scope + ":" + model + ":";
		this.configured = configured;
		this.stores = stores;
		this.limits[0] = configured.requestsPerMinute();
		this.limits[1] = configured.tokensPerMinute();
		this.windows = new BurstWindow[] { new BurstWindow(burst), new BurstWindow(burst) };
	}

	String model() {
		return this.model;
	}

	PacerStores stores() {
		return this.stores;
	}

	synchronized long limit(RateLimitType type) {
		return this.limits[type.ordinal()];
	}

	synchronized boolean isConfigured(RateLimitType type) {
		return this.configured.limit(type) > 0;
	}

	/**
	 * Take a limit learned from the server, with the budget it reported as remaining.
	 */
	synchronized void learn(RateLimitType type, long limit, long remaining) {
		int index = type.ordinal();
		this.limits[index] = limit;
		this.initial[index] = remaining;
		reconfigure(index);
	}

	/**
	 * Learn the window the server enforces a limit over from what remains of its bucket
	 * and when it is full again.
	 */
	synchronized void learnWindow(RateLimitType type, long serverLimit, long remaining, Duration reset) {
		if (this.windows[type.ordinal()].learn(serverLimit, remaining, reset)) {
			reconfigure(type.ordinal());
		}
	}

	/**
	 * Narrow a bucket's burst after a per-minute 429 that pacing did not prevent.
	 */
	synchronized void shrinkBurst(RateLimitType type) {
		if (this.windows[type.ordinal()].shrink(this.stores.now())) {
			reconfigure(type.ordinal());
		}
	}

	/**
	 * Return the most one of the model's buckets holds at once.
	 */
	synchronized long capacity(RateLimitType type) {
		long limit = Math.min(this.limits[type.ordinal()], MAX_PER_MINUTE);
		return (limit > 0) ? this.windows[type.ordinal()].capacity(limit) : 0;
	}

	/**
	 * Apply a new limit or burst to the buckets already made.
	 */
	private void reconfigure(int index) {
		RateLimitType type = RateLimitType.values()[index];
		long capacity = capacity(type);
		for (Bucket[] buckets : new Bucket[][] { this.remote, this.local }) {
			Bucket bucket = buckets[index];
			if (bucket != null) {
				bucket.replaceConfiguration(configuration(this.limits[index], capacity, null, this.refillPeriod),
						TokensInheritanceStrategy.AS_IS);
			}
		}
	}

	/**
	 * Return what a call must wait for before it reserves while the model's limits are
	 * unknown: nothing for the first call, its answer for the others.
	 * @return the wait, or {@code null} to go ahead
	 */
	@Nullable Mono<Void> firstContact(Duration wait, Scheduler scheduler) {
		if (this.firstContact.isOpen()) {
			return null;
		}
		synchronized (this) {
			if (this.limits[0] > 0 || this.limits[1] > 0) {
				this.firstContact.open();
				return null;
			}
		}
		return this.firstContact.await(wait, scheduler);
	}

	/**
	 * Let the calls waiting for the model's first answer go, unless its limits are still
	 * being learned ({@link #holdFirstContact()}).
	 */
	void contacted() {
		this.firstContact.answered();
	}

	/**
	 * Keep the calls waiting for the model's first answer until its headers are learned
	 * off the caller's thread ({@link #learnedFirstAnswer()}), so that they reserve from
	 * buckets that know the limits rather than go unpaced.
	 * @return whether they were kept: {@code false} once they have gone
	 */
	boolean holdFirstContact() {
		return this.firstContact.hold();
	}

	/**
	 * Let the calls waiting for the model's first answer go: its headers are learned (or
	 * failed to be).
	 */
	void learnedFirstAnswer() {
		this.firstContact.release();
	}

	boolean isContacted() {
		return this.firstContact.isOpen();
	}

	/**
	 * Lower what a bucket holds to what the server reports as remaining; never raise it.
	 */
	synchronized void lowerTo(RateLimitType type, long remaining) {
		Bucket bucket = bucket(type);
		if (bucket != null) {
			long available = bucket.getAvailableTokens();
			if (available > remaining) {
				bucket.tryConsumeAsMuchAsPossible(available - Math.max(0, remaining));
			}
		}
	}

	/**
	 * Hold the requests a server 429 is about, unless an earlier 429 holds them longer.
	 */
	synchronized void hold(ServerHold hold) {
		int index = (hold.dimension() != null && hold.dimension().isTokens()) ? RateLimitType.TOKENS.ordinal()
				: RateLimitType.REQUESTS.ordinal();
		ServerHold current = this.holds[index];
		if (current == null || current.until() < hold.until()) {
			this.holds[index] = hold;
		}
	}

	/**
	 * Return the hold a request waits for longest, if any holds it now.
	 */
	private @Nullable ServerHold holdOf(long tokens, long now) {
		ServerHold longest = null;
		for (ServerHold hold : this.holds) {
			if (hold != null && hold.until() > now && hold.holds(tokens)
					&& (longest == null || hold.until() > longest.until())) {
				longest = hold;
			}
		}
		return longest;
	}

	/**
	 * Empty the buckets a server 429 names: both when it names neither.
	 */
	synchronized void drain(@Nullable RateLimitType type) {
		for (RateLimitType limit : RateLimitType.values()) {
			Bucket bucket = bucket(limit);
			if (bucket != null && (type == null || limit == type)) {
				bucket.tryConsumeAsMuchAsPossible();
			}
		}
	}

	synchronized @Nullable Long available(RateLimitType type) {
		Bucket bucket = bucket(type);
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

	/**
	 * Return whether the tokens bucket, after taking the given tokens, would still hold
	 * at least half its capacity (or has no limit at all), so that no one would wait.
	 */
	synchronized boolean hasHeadroom(long tokens) {
		Bucket bucket = bucket(RateLimitType.TOKENS);
		if (bucket == null) {
			return true;
		}
		return bucket.getAvailableTokens() - tokens >= capacity(RateLimitType.TOKENS) / 2;
	}

	/**
	 * Leave the remote store alone for a while, pacing on the local fallback.
	 */
	synchronized void avoidRemoteFor(Duration interval) {
		this.remoteRetryAt = this.stores.now() + interval.toNanos();
	}

	/**
	 * Return whether the next reservation asks the remote store, for the first time or
	 * again after a failure.
	 */
	synchronized boolean asksRemote() {
		return this.stores.isRemote() && this.stores.now() >= this.remoteRetryAt;
	}

	/**
	 * Reserve one request and its tokens, from the remote store unless it failed lately.
	 * @return the permit, with the wait before it may be used, or the refusal
	 */
	synchronized BucketPermit reserve(long tokens, Duration maxWait, PacingRefusals refusals) {
		boolean useRemote = useRemote();
		Bucket requestsBucket = bucket(RateLimitType.REQUESTS, useRemote);
		Bucket tokensBucket = bucket(RateLimitType.TOKENS, useRemote);
		long tokensLimit = limit(RateLimitType.TOKENS);
		if (tokensBucket != null && tokens > tokensLimit) {
			return new BucketPermit(refusals.requestTooLarge(this.model, tokens, tokensLimit,
					isConfigured(RateLimitType.TOKENS)));
		}
		long now = this.stores.now();
		ServerHold hold = holdOf(tokens, now);
		long held = (hold != null) ? hold.until() - now : 0;
		long tokensToTake = (tokensBucket != null) ? tokens : 0;
		// no more than a bucket's capacity, so that taking agrees with estimating
		if (this.stores.isPrivate(useRemote) && tokensToTake <= MAX_PER_MINUTE) {
			return takeFirst(requestsBucket, tokensBucket, tokensToTake, hold, held, maxWait, refusals);
		}
		long requestsWait = waitFor(requestsBucket, 1);
		long tokensWait = waitFor(tokensBucket, Math.min(tokensToTake, capacity(RateLimitType.TOKENS)));
		if (Math.max(held, Math.max(requestsWait, tokensWait)) > maxWait.toNanos()) {
			return new BucketPermit(refusal(requestsWait, tokensWait, hold, held, refusals));
		}
		requestsWait = (requestsBucket != null) ? requestsBucket.consumeIgnoringRateLimits(1) : 0;
		tokensWait = (tokensBucket != null && tokensToTake > 0)
				? withoutDebt(tokensBucket.consumeIgnoringRateLimits(tokensToTake), tokensToTake) : 0;
		long wait = Math.max(held, Math.max(requestsWait, tokensWait));
		return new BucketPermit(this, requestsBucket, tokensBucket, (requestsBucket != null) ? 1 : 0, tokensToTake,
				Duration.ofNanos(wait));
	}

	/**
	 * Reserve for a request that need not wait, from buckets no one else holds: take its
	 * permits when both buckets hold them now and no server hold applies, and otherwise
	 * take nothing. What {@link #reserve} would grant with no wait, without the
	 * arithmetic of waits and refusals.
	 * @return the permit, or {@code null} when the request would wait or be refused, or
	 * the buckets are shared
	 */
	synchronized @Nullable BucketPermit tryReserve(long tokens) {
		boolean useRemote = useRemote();
		if (!this.stores.isPrivate(useRemote)) {
			return null;
		}
		Bucket requestsBucket = bucket(RateLimitType.REQUESTS, useRemote);
		Bucket tokensBucket = bucket(RateLimitType.TOKENS, useRemote);
		long tokensToTake = (tokensBucket != null) ? tokens : 0;
		// larger than a full bucket: it waits, or is refused
		if (tokensToTake > 0 && tokensToTake > capacity(RateLimitType.TOKENS)) {
			return null;
		}
		if (holdOf(tokens, this.stores.now()) != null) {
			return null;
		}
		if (requestsBucket != null && !requestsBucket.tryConsume(1)) {
			return null;
		}
		if (tokensBucket != null && tokensToTake > 0 && !tokensBucket.tryConsume(tokensToTake)) {
			if (requestsBucket != null) {
				requestsBucket.addTokens(1);
			}
			return null;
		}
		return new BucketPermit(this, requestsBucket, tokensBucket, (requestsBucket != null) ? 1 : 0, tokensToTake,
				Duration.ZERO);
	}

	/**
	 * Reserve by taking the permits first and giving them back when the wait would be too
	 * long: a call that need not wait costs two bucket operations instead of four. Only
	 * for buckets no one else holds, since all their operations run under this monitor,
	 * so that no one sees permits taken and given back.
	 */
	private BucketPermit takeFirst(@Nullable Bucket requestsBucket, @Nullable Bucket tokensBucket, long tokensToTake,
			@Nullable ServerHold hold, long held, Duration maxWait, PacingRefusals refusals) {
		long requestsWait = take(requestsBucket, 1);
		long tokensWait = take(tokensBucket, tokensToTake);
		if (tokensWait != Long.MAX_VALUE) {
			tokensWait = withoutDebt(tokensWait, tokensToTake);
		}
		long wait = Math.max(held, Math.max(requestsWait, tokensWait));
		if (wait <= maxWait.toNanos()) {
			return new BucketPermit(this, requestsBucket, tokensBucket, (requestsBucket != null) ? 1 : 0, tokensToTake,
					Duration.ofNanos(wait));
		}
		if (requestsBucket != null && requestsWait != Long.MAX_VALUE) {
			requestsBucket.addTokens(1);
		}
		if (tokensBucket != null && tokensToTake > 0 && tokensWait != Long.MAX_VALUE) {
			tokensBucket.addTokens(tokensToTake);
		}
		return new BucketPermit(refusal(requestsWait, tokensWait, hold, held, refusals));
	}

	/**
	 * Return the wait of a request that took more tokens than the bucket holds when full:
	 * until the bucket is full, the rest being the debt of the callers after it.
	 */
	private long withoutDebt(long wait, long tokens) {
		long capacity = capacity(RateLimitType.TOKENS);
		if (tokens <= capacity) {
			return wait;
		}
		double nanosPerToken = (double) MAX_PER_MINUTE / Math.min(limit(RateLimitType.TOKENS), MAX_PER_MINUTE);
		return Math.max(0, wait - (long) ((tokens - capacity) * nanosPerToken));
	}

	/**
	 * Refuse a request for what makes it wait longest: a server's hold, or the bucket that
	 * refills last.
	 */
	private RuntimeException refusal(long requestsWait, long tokensWait, @Nullable ServerHold hold, long held,
			PacingRefusals refusals) {
		if (hold != null && held >= Math.max(requestsWait, tokensWait)) {
			return refusals.heldByServer(this.model, hold, held);
		}
		RateLimitType type = (tokensWait >= requestsWait) ? RateLimitType.TOKENS : RateLimitType.REQUESTS;
		return refusals.waitTooLong(this.model, type, Math.max(requestsWait, tokensWait), limit(type),
				isConfigured(type));
	}

	/**
	 * Give permits back to a bucket, or take more from it, however long they take to
	 * refill.
	 */
	synchronized void giveBack(Bucket bucket, long permits) {
		if (permits > 0) {
			bucket.addTokens(permits);
		}
		else {
			bucket.consumeIgnoringRateLimits(-permits);
		}
	}

	private boolean useRemote() {
		return !this.stores.isRemote() || this.stores.now() >= this.remoteRetryAt;
	}

	synchronized @Nullable Bucket bucket(RateLimitType type) {
		return bucket(type, useRemote());
	}

	private @Nullable Bucket bucket(RateLimitType type, boolean useRemote) {
		int index = type.ordinal();
		long limit = this.limits[index];
		if (limit <= 0) {
			return null;
		}
		Bucket[] buckets = useRemote ? this.remote : this.local;
		if (buckets[index] == null) {
			buckets[index] = this.stores.bucket(useRemote, this.keyPrefix + type.tagValue(),
					configuration(limit, capacity(type), this.initial[index], this.refillPeriod));
		}
		return buckets[index];
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

	private static BucketConfiguration configuration(long requestedLimit, long capacity, @Nullable Long initial,
			Duration refillPeriod) {
		// Bucket4j refills at most one token per nanosecond; no real limit comes near that
		long limit = Math.min(requestedLimit, MAX_PER_MINUTE);
		return BucketConfiguration.builder()
			.addLimit((bandwidth) -> {
				var refill = bandwidth.capacity(capacity).refillGreedy(limit, refillPeriod);
				return (initial != null) ? refill.initialTokens(Math.max(0, Math.min(capacity, initial))) : refill;
			})
			.build();
	}

}
