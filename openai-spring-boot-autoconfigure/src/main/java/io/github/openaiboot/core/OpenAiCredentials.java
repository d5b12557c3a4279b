package io.github.openaiboot.core;

import java.time.Instant;

import reactor.core.publisher.Mono;

/**
 * Supplies the bearer tokens a client authenticates with when it has no API key, such as
 * Microsoft Entra ID tokens for Azure OpenAI. Implementations need not cache:
 * {@link CachingOpenAiCredentials} reuses a token until shortly before it expires.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
public interface OpenAiCredentials {

	/**
	 * Obtain a token.
	 * @return the token
	 */
	Mono<AccessToken> token();

	/**
	 * A bearer token and when it expires. Its {@link #toString()} never shows the token.
	 *
	 * @param token the token
	 * @param expiresAt when it expires
	 */
	record AccessToken(String token, Instant expiresAt) {

		@Override
		public String toString() {
			return "AccessToken[token=******, expiresAt=" + this.expiresAt + "]";
		}

	}

}
