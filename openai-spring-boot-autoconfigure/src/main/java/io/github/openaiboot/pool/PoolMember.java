package io.github.openaiboot.pool;

import java.time.Instant;
import java.util.function.Supplier;

import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * One named client of a pool: its pipeline, what tells its headroom, the probe that
 * brings it back into rotation, and whether it is in rotation.
 *
 * @author openai-spring-boot
 */
public final class PoolMember {

	private final String name;

	private final OpenAiPipeline pipeline;

	private final RateLimiter rateLimiter;

	private final RateLimitTracker rateLimitTracker;

	private final Supplier<Mono<?>> probe;

	private volatile @Nullable OutOfRotation outOfRotation;

	/**
	 * Create a member.
	 * @param name the name of the client
	 * @param pipeline the client's pipeline
	 * @param rateLimiter the client's rate limiter, whose buckets tell its headroom
	 * @param rateLimitTracker the client's latest rate-limit headers
	 * @param probe a call that succeeds when the client is usable again, such as listing
	 * its models
	 */
	public PoolMember(String name, OpenAiPipeline pipeline, RateLimiter rateLimiter,
			RateLimitTracker rateLimitTracker, Supplier<Mono<?>> probe) {
		this.name = name;
		this.pipeline = pipeline;
		this.rateLimiter = rateLimiter;
		this.rateLimitTracker = rateLimitTracker;
		this.probe = probe;
	}

	/**
	 * Return the name of the client.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the client's pipeline.
	 * @return the pipeline
	 */
	public OpenAiPipeline pipeline() {
		return this.pipeline;
	}

	/**
	 * Return why the member is out of rotation.
	 * @return the reason, or {@code null} while it is in rotation
	 */
	public @Nullable OutOfRotation outOfRotation() {
		return this.outOfRotation;
	}

	/**
	 * Return whether calls may be routed to this member.
	 * @return whether it is in rotation
	 */
	public boolean inRotation() {
		return this.outOfRotation == null;
	}

	boolean takeOut(OpenAiException failure, Instant now, Instant nextProbe) {
		boolean wasIn = this.outOfRotation == null;
		this.outOfRotation = new OutOfRotation(failure.kind(), failure.requestId(), now, nextProbe);
		return wasIn;
	}

	void restore() {
		this.outOfRotation = null;
	}

	/**
	 * Claim the next probe, if it is due.
	 * @param now the time now
	 * @param nextProbe when the probe after that is due
	 * @return whether the caller should probe now
	 */
	synchronized boolean claimProbe(Instant now, Instant nextProbe) {
		OutOfRotation out = this.outOfRotation;
		if (out == null || now.isBefore(out.nextProbe())) {
			return false;
		}
		this.outOfRotation = new OutOfRotation(out.kind(), out.requestId(), out.since(), nextProbe);
		return true;
	}

	Mono<?> probe() {
		return this.probe.get();
	}

	/**
	 * Return the share of this member's budget for a model that is left, from its
	 * pacer's buckets and its latest {@code x-ratelimit-remaining-*} headers: the
	 * smallest of the requests and tokens shares they tell, {@code 1} when nothing is
	 * known.
	 * @param model the model of the call
	 * @return the share left, between 0 and 1
	 */
	double headroom(@Nullable String model) {
		double share = 1;
		// a shared store would cost a blocking round trip per member: the server's headers tell the fleet's use
		if (model != null && this.rateLimiter instanceof TokenBucketPacer pacer && pacer.storeStatus() == null
				&& pacer.models().contains(model)) {
			// of what the bucket holds, negative while callers queue: the shortest queue wins
			share = Math.min(queueShare(pacer.available(model, RateLimitType.REQUESTS),
					pacer.capacity(model, RateLimitType.REQUESTS)),
					queueShare(pacer.available(model, RateLimitType.TOKENS), pacer.capacity(model, RateLimitType.TOKENS)));
		}
		// the server's latest word, which counts what other instances and clients spent
		RateLimitTracker.Snapshot latest = this.rateLimitTracker.latest();
		if (latest != null) {
			RateLimitHeaders headers = latest.headers();
			share = Math.min(share, Math.min(share(headers.remainingRequests(), headers.limitRequests()),
					share(headers.remainingTokens(), headers.limitTokens())));
		}
		return share;
	}

	private static double queueShare(@Nullable Long available, long capacity) {
		if (available == null || capacity <= 0) {
			return 1;
		}
		return Math.min(1, (double) available / capacity);
	}

	private static double share(@Nullable Long available, @Nullable Long limit) {
		if (available == null || limit == null || limit <= 0 || available < 0) {
			return 1;
		}
		return Math.max(0, Math.min(1, (double) available / limit));
	}

	@Override
	public String toString() {
		OutOfRotation out = this.outOfRotation;
		return this.name + ((out != null) ? " (out of rotation: " + out.kind()
				+ ((out.requestId() != null) ? ", request id " + out.requestId() : "") + ")" : " (in rotation)");
	}

	/**
	 * Why and since when a member is out of rotation.
	 *
	 * @param kind the kind of the failure that took it out
	 * @param requestId the request id of that failure, if any
	 * @param since when it was taken out
	 * @param nextProbe when it is next probed
	 */
	public record OutOfRotation(OpenAiErrorKind kind, @Nullable String requestId, Instant since, Instant nextProbe) {

	}

}
