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

}
