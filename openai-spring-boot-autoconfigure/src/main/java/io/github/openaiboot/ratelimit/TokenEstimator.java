package io.github.openaiboot.ratelimit;

import io.github.openaiboot.core.OpenAiRequest;

/**
 * Estimates what a request costs against the tokens-per-minute limit before it is sent,
 * as OpenAI does: the prompt's tokens plus the completion tokens it may generate.
 *
 * @author openai-spring-boot
 * @see TokenCounter
 */
@FunctionalInterface
public interface TokenEstimator {

	/**
	 * Estimate the tokens a request will be charged against the tokens-per-minute limit.
	 * @param request the request
	 * @return the estimate, {@code 0} for requests that do not use tokens
	 */
	long estimate(OpenAiRequest<?> request);

	/**
	 * Return a quick upper bound of {@link #estimate(OpenAiRequest)}, used instead of it
	 * while the tokens-per-minute budget is far from exhausted, where a precise count
	 * would change nothing. The estimate is settled against the actual usage either way.
	 * @param request the request
	 * @return an upper bound of the estimate; by default the estimate itself
	 */
	default long upperBound(OpenAiRequest<?> request) {
		return estimate(request);
	}

}
