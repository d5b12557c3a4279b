package io.github.openaiboot.core;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link OpenAiCredentials} that reuse a token until it is within a margin of expiring,
 * then fetch one new token for all the calls waiting for it.
 *
 * @author openai-spring-boot
 */
public final class CachingOpenAiCredentials implements OpenAiCredentials {

	private final OpenAiCredentials delegate;

	private final Duration refreshMargin;

	private final Clock clock;

	private @Nullable AccessToken current;

	private @Nullable Mono<AccessToken> refreshing;

	/**
	 * Create caching credentials.
	 * @param delegate the credentials that fetch tokens
	 * @param refreshMargin how long before a token expires a new one is fetched
	 * @param clock the clock that tells when a token expires
	 */
	public CachingOpenAiCredentials(OpenAiCredentials delegate, Duration refreshMargin, Clock clock) {
		this.delegate = delegate;
		this.refreshMargin = refreshMargin;
		this.clock = clock;
	}

	@Override
	public Mono<AccessToken> token() {
		return Mono.defer(this::currentOrRefresh);
	}

	private synchronized Mono<AccessToken> currentOrRefresh() {
		AccessToken token = this.current;
		if (token != null && this.clock.instant().plus(this.refreshMargin).isBefore(token.expiresAt())) {
			return Mono.just(token);
		}
		Mono<AccessToken> refreshing = this.refreshing;
		if (refreshing == null) {
			refreshing = this.delegate.token().doOnNext(this::store).doFinally((signal) -> clearRefresh()).cache();
			this.refreshing = refreshing;
		}
		return refreshing;
	}

	private synchronized void store(AccessToken token) {
		this.current = token;
	}

	private synchronized void clearRefresh() {
		this.refreshing = null;
	}

	@Override
	public String toString() {
		return "CachingOpenAiCredentials[" + this.delegate.getClass().getSimpleName() + "]";
	}

}
