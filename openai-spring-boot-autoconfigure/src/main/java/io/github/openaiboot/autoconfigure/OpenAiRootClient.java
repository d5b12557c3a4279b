package io.github.openaiboot.autoconfigure;

import java.util.Map;

import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.ratelimit.RateLimiter;

/**
 * The parts of the client the root {@code openai.*} properties configure, seen as a named
 * client called {@code default}: what a pool needs of it as a member, and what
 * {@code OpenAiClients} and health report of it.
 *
 * @author openai-spring-boot
 */
final class OpenAiRootClient {

	private final OpenAiNamedClient client;

	OpenAiRootClient(OpenAiProperties properties, OpenAiPipeline pipeline, RateLimitTracker rateLimitTracker,
			OpenAiCallOutcomes callOutcomes, RateLimiter rateLimiter, Map<Class<?>, Object> clients) {
		this.client = new OpenAiNamedClient(OpenAiProperties.DEFAULT_CLIENT, properties, pipeline, rateLimitTracker,
				callOutcomes, rateLimiter, clients);
	}

	OpenAiNamedClient client() {
		return this.client;
	}

}
