package io.github.openaiboot.ratelimit;

import java.time.Duration;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;

/**
 * The exceptions a {@link TokenBucketPacer} fails a call with before sending it, with
 * messages that say which limit refused it and why.
 *
 * @author openai-spring-boot
 */
final class PacingRefusals {

	private final String scope;

	private final Duration maxWait;

	PacingRefusals(String scope, Duration maxWait) {
		this.scope = scope;
		this.maxWait = maxWait;
	}

	/**
	 * The refusal of a request whose wait for permits would exceed the maximum.
	 */
	RateLimitException waitTooLong(String model, RateLimitType type, long waitNanos) {
		String dimension = type.tagValue();
		String message = "Rate limit of " + this.scope + " for " + model + " on " + dimension
				+ " per minute would be exceeded: the request would have to wait " + Duration.ofNanos(waitNanos)
				+ ", longer than the pacer's maximum wait of " + this.maxWait;
		return new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 0,
				new OpenAiError(message, dimension, null, "local_rate_limit_exceeded"), null,
				Duration.ofNanos(waitNanos), true);
	}

}
