package io.github.openaiboot.test.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Requests-per-minute and tokens-per-minute budgets per model, enforced like OpenAI's organisation limits.
 *
 * @author OpenAI Spring Boot contributors
 */
final class RateLimiter {

	private static final Limits UNLIMITED_DISPLAY = new Limits(10_000, 30_000_000);

	private final Clock clock;

	private final Map<String, Limits> initialLimits;

	private final @Nullable Limits initialDefault;

	private final Map<String, Limits> limits = new HashMap<>();

	private @Nullable Limits defaultLimits;

	private final Map<String, Buckets> buckets = new HashMap<>();

	RateLimiter(Clock clock, Map<String, Limits> initialLimits, @Nullable Limits initialDefault) {
		this.clock = clock;
		this.initialLimits = Map.copyOf(initialLimits);
		this.initialDefault = initialDefault;
		reset();
	}

	synchronized void limit(String model, Limits modelLimits) {
		this.limits.put(model, modelLimits);
		this.buckets.remove(model);
	}

	synchronized void defaultLimit(Limits limits) {
		this.defaultLimits = limits;
		this.buckets.clear();
	}

	synchronized void reset() {
		this.limits.clear();
		this.limits.putAll(this.initialLimits);
		this.defaultLimits = this.initialDefault;
		this.buckets.clear();
	}

	synchronized Decision acquire(String model, long tokens) {
		Limits modelLimits = this.limits.getOrDefault(model, this.defaultLimits);
		if (modelLimits == null) {
			return new Decision(true, displayHeaders(tokens), null, Duration.ZERO);
		}
		long now = this.clock.millis();
		Buckets modelBuckets = this.buckets.computeIfAbsent(model, (key) -> new Buckets(modelLimits, now));
		modelBuckets.requests.refill(now);
		modelBuckets.tokens.refill(now);
		if (tokens > modelBuckets.tokens.capacity()) {
			return new Decision(false, modelBuckets.headers(), "Request too large for " + model + " in organization "
					+ SimulatedFault.ORGANIZATION + " on tokens per min (TPM): Limit " + modelBuckets.tokens.capacity()
					+ ", Requested " + tokens
					+ ". The input or output tokens must be reduced in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.",
					Duration.ZERO, "tokens");
		}
		if (!modelBuckets.requests.canTake(1)) {
			return denied(model, "requests", "requests per min (RPM)", modelBuckets.requests, 1, modelBuckets);
		}
		if (!modelBuckets.tokens.canTake(tokens)) {
			return denied(model, "tokens", "tokens per min (TPM)", modelBuckets.tokens, tokens, modelBuckets);
		}
		modelBuckets.requests.take(1);
		modelBuckets.tokens.take(tokens);
		return new Decision(true, modelBuckets.headers(), null, Duration.ZERO);
	}

	private Decision denied(String model, String type, String dimension, TokenBucket bucket, long requested,
			Buckets modelBuckets) {
		Duration wait = bucket.timeUntil(requested);
		String message = "Rate limit reached for " + model + " in organization " + SimulatedFault.ORGANIZATION + " on "
				+ dimension + ": Limit " + bucket.capacity() + ", Used " + bucket.used() + ", Requested " + requested
				+ ". Please try again in " + GoDuration.format(wait)
				+ ". Visit https://platform.openai.com/account/rate-limits to learn more.";
		return new Decision(false, modelBuckets.headers(), message, wait, type);
	}

	// Budgets are per model and a free request names none: reporting an arbitrary budget
	// would overwrite the headroom a client learned from its last real call.
	synchronized Map<String, String> freeHeaders() {
		return (this.limits.isEmpty() && this.defaultLimits == null) ? displayHeaders(0) : Map.of();
	}

	private static Map<String, String> displayHeaders(long tokens) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("x-ratelimit-limit-requests", String.valueOf(UNLIMITED_DISPLAY.requestsPerMinute()));
		headers.put("x-ratelimit-limit-tokens", String.valueOf(UNLIMITED_DISPLAY.tokensPerMinute()));
		headers.put("x-ratelimit-remaining-requests", String.valueOf(UNLIMITED_DISPLAY.requestsPerMinute() - 1));
		headers.put("x-ratelimit-remaining-tokens",
				String.valueOf(Math.max(0, UNLIMITED_DISPLAY.tokensPerMinute() - tokens)));
		headers.put("x-ratelimit-reset-requests", "6ms");
		headers.put("x-ratelimit-reset-tokens", "0s");
		return headers;
	}

	/**
	 * Per-minute limits of one model.
	 *
	 * @param requestsPerMinute the RPM limit
	 * @param tokensPerMinute the TPM limit
	 */
	record Limits(long requestsPerMinute, long tokensPerMinute) {

		Limits {
			if (requestsPerMinute <= 0 || tokensPerMinute <= 0) {
				throw new IllegalArgumentException("Rate limits must be positive");
			}
		}

	}

	/**
	 * Outcome of one request against the budgets.
	 *
	 * @param allowed whether the request may proceed
	 * @param headers the {@code x-ratelimit-*} headers to send
	 * @param message the 429 message when denied
	 * @param retryIn how long until the budget has room
	 * @param type {@code requests} or {@code tokens} when denied
	 */
	record Decision(boolean allowed, Map<String, String> headers, @Nullable String message, Duration retryIn,
			@Nullable String type) {

		Decision(boolean allowed, Map<String, String> headers, @Nullable String message, Duration retryIn) {
			this(allowed, headers, message, retryIn, null);
		}

	}

	private static final class Buckets {

		private final TokenBucket requests;

		private final TokenBucket tokens;

		Buckets(Limits limits, long now) {
			this.requests = new TokenBucket(limits.requestsPerMinute(), now);
			this.tokens = new TokenBucket(limits.tokensPerMinute(), now);
		}

		Map<String, String> headers() {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("x-ratelimit-limit-requests", String.valueOf(this.requests.capacity()));
			headers.put("x-ratelimit-limit-tokens", String.valueOf(this.tokens.capacity()));
			headers.put("x-ratelimit-remaining-requests", String.valueOf(this.requests.remaining()));
			headers.put("x-ratelimit-remaining-tokens", String.valueOf(this.tokens.remaining()));
			headers.put("x-ratelimit-reset-requests", GoDuration.format(this.requests.timeUntilFull()));
			headers.put("x-ratelimit-reset-tokens", GoDuration.format(this.tokens.timeUntilFull()));
			return headers;
		}

	}

}
