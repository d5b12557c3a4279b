package io.github.openaiboot.ratelimit;

import java.time.Duration;
import java.util.Locale;

import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitDimension;
import io.github.openaiboot.error.RateLimitException;
import org.jspecify.annotations.Nullable;

/**
 * The exceptions a {@link TokenBucketPacer} fails a call with before sending it, with
 * messages that say which limit refused it and why: a bucket that would refill too
 * late, a hold after the server's 429 (naming that 429 and its request id, which is
 * also the exception's cause), or a request larger than the whole tokens-per-minute
 * limit.
 *
 * @author openai-spring-boot
 */
final class PacingRefusals {

	private static final String LOCAL_RATE_LIMIT = "local_rate_limit_exceeded";

	private final String scope;

	private final Duration maxWait;

	PacingRefusals(String scope, Duration maxWait) {
		this.scope = scope;
		this.maxWait = maxWait;
	}

	/**
	 * The refusal of a request whose wait for a bucket to refill would exceed the
	 * maximum.
	 */
	RateLimitException waitTooLong(String model, RateLimitType type, long waitNanos, long limit, boolean configured) {
		RateLimitDimension dimension = perMinute(type);
		String message = "Rate limit of " + this.scope + " for " + model + " on " + dimension
				+ " would be exceeded: the request would have to wait " + format(Duration.ofNanos(waitNanos))
				+ ", longer than the pacer's maximum wait of " + format(this.maxWait) + " (limit " + limit
				+ " per minute, " + origin(configured) + ")";
		return new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 0,
				new OpenAiError(message, type.tagValue(), null, LOCAL_RATE_LIMIT), null, Duration.ofNanos(waitNanos),
				true);
	}

	/**
	 * The refusal of a request that a server 429 holds for longer than the maximum wait.
	 */
	RateLimitException heldByServer(String model, ServerHold hold, long remainingNanos) {
		RateLimitException cause = hold.cause();
		RateLimitDimension dimension = hold.dimension();
		StringBuilder message = new StringBuilder("Rate limit of ").append(this.scope)
			.append(" for ")
			.append(model)
			.append(" on ")
			.append((dimension != null) ? dimension.toString() : "an unnamed limit")
			.append(" reached, says OpenAI's 429");
		if (cause.requestId() != null) {
			message.append(" to request ").append(cause.requestId());
		}
		if (hold.hint() != null) {
			message.append(", which asked to wait ").append(format(hold.hint()));
		}
		message.append(": the pacer holds ")
			.append((dimension == null || !dimension.isTokens()) ? "every request" : "every request that uses tokens")
			.append(" for ")
			.append(model)
			.append(" for ")
			.append(format(Duration.ofNanos(remainingNanos)))
			.append(" more, longer than its maximum wait of ")
			.append(format(this.maxWait));
		if (cause.error().message() != null) {
			message.append(" (OpenAI: \"").append(cause.error().message().strip()).append("\")");
		}
		String type = (dimension == null) ? cause.error().type() : (dimension.isTokens() ? "tokens" : "requests");
		return new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 0,
				new OpenAiError(message.toString(), type, null, LOCAL_RATE_LIMIT), null,
				Duration.ofNanos(remainingNanos), true, cause);
	}

	/**
	 * The refusal of a request whose estimate is larger than the whole tokens-per-minute
	 * limit, which no wait would let through.
	 */
	InvalidRequestException requestTooLarge(String model, long tokens, long limit, boolean configured) {
		String message = "Request too large for " + model + " on " + RateLimitDimension.TOKENS_PER_MINUTE + ": Limit "
				+ limit + " (" + origin(configured) + "), Requested " + tokens
				+ " (the pacer's estimate: the prompt plus max_completion_tokens, or "
				+ "openai.rate-limit.default-completion-tokens when the request sets none). "
				+ "Refused before sending, since no wait lets through a request larger than the whole limit: "
				+ "reduce the input or output tokens.";
		return new InvalidRequestException(OpenAiErrorKind.REQUEST_TOO_LARGE, 0,
				new OpenAiError(message, "tokens", null, "local_request_too_large"), null, null);
	}

	private static RateLimitDimension perMinute(RateLimitType type) {
		return (type == RateLimitType.TOKENS) ? RateLimitDimension.TOKENS_PER_MINUTE
				: RateLimitDimension.REQUESTS_PER_MINUTE;
	}

	private static String origin(boolean configured) {
		return configured ? "configured" : "learned from OpenAI's responses";
	}

	static String format(@Nullable Duration duration) {
		if (duration == null) {
			return "?";
		}
		if (duration.toMillis() < 1000) {
			return duration.toMillis() + "ms";
		}
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
