package io.github.openaiboot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.github.openaiboot.core.OpenAiAccounts;
import io.github.openaiboot.core.OpenAiCallOutcomes;
import io.github.openaiboot.core.RateLimitHeaders;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.ratelimit.RateLimitStoreStatus;
import io.github.openaiboot.ratelimit.RateLimiter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.StringUtils;

/**
 * Health of the OpenAI account, as seen from this application. UP when a probe
 * ({@code GET /models}, which costs no tokens) or a recent real call succeeded, also
 * when rate limited, since the account then works; DOWN with the error kind for an
 * invalid key, a deactivated account, an exhausted quota, an unsupported region or a
 * connection failure. A probe result is kept for {@code openai.health.cache-ttl}, and no
 * probe is sent while real calls succeed within that time, so health checks cost no
 * quota under load.
 *
 * @author openai-spring-boot
 */
public final class OpenAiHealthIndicator extends AbstractReactiveHealthIndicator {

	private static final Set<OpenAiErrorKind> ACCOUNT_FAILURES = EnumSet.of(OpenAiErrorKind.INVALID_API_KEY,
			OpenAiErrorKind.ACCOUNT_DEACTIVATED, OpenAiErrorKind.AUTHENTICATION, OpenAiErrorKind.QUOTA_EXCEEDED,
			OpenAiErrorKind.REGION_NOT_SUPPORTED);

	private final ModelsClient modelsClient;

	private final OpenAiCallOutcomes callOutcomes;

	private final RateLimitTracker rateLimitTracker;

	private final String baseUrl;

	private final @Nullable String organization;

	private final Duration cacheTtl;

	private final Duration timeout;

	private static final int MAX_ACCOUNT_DETAILS = 20;

	private final Clock clock;

	private final RateLimiter rateLimiter;

	private volatile @Nullable OpenAiAccounts accounts;

	private final AtomicReference<@Nullable Probe> probe = new AtomicReference<>();

	private final AtomicReference<@Nullable ProbeResult> lastProbeResult = new AtomicReference<>();

	/**
	 * Create an indicator.
	 * @param modelsClient the client whose listing is the probe
	 * @param callOutcomes how real calls ended
	 * @param rateLimitTracker the latest rate-limit headroom
	 * @param properties the OpenAI properties
	 * @param clock the clock that ages outcomes and probe results
	 */
	public OpenAiHealthIndicator(ModelsClient modelsClient, OpenAiCallOutcomes callOutcomes,
			RateLimitTracker rateLimitTracker, OpenAiClientProperties properties, Clock clock) {
		this(modelsClient, callOutcomes, rateLimitTracker, RateLimiter.unlimited(), properties, clock);
	}

	/**
	 * Create an indicator that also reports the rate limiter's shared store.
	 * @param modelsClient the client whose listing is the probe
	 * @param callOutcomes how real calls ended
	 * @param rateLimitTracker the latest rate-limit headroom
	 * @param rateLimiter the rate limiter, whose shared store (if any) is reported
	 * @param properties the OpenAI properties
	 * @param clock the clock that ages outcomes and probe results
	 */
	public OpenAiHealthIndicator(ModelsClient modelsClient, OpenAiCallOutcomes callOutcomes,
			RateLimitTracker rateLimitTracker, RateLimiter rateLimiter, OpenAiClientProperties properties, Clock clock) {
		super("OpenAI health check failed");
		this.rateLimiter = rateLimiter;
		this.modelsClient = modelsClient;
		this.callOutcomes = callOutcomes;
		this.rateLimitTracker = rateLimitTracker;
		this.baseUrl = withoutCredentials(OpenAiClientFactory.baseUrl(properties));
		this.organization = properties.getOrganization();
		this.cacheTtl = properties.getHealth().getCacheTtl();
		this.timeout = properties.getHealth().getTimeout();
		this.clock = clock;
	}

	/**
	 * Also report the accounts an {@code OpenAiAccountResolver} resolved (the most
	 * recently used, by hashed id), which do not change this client's status: one
	 * customer's bad key is not the application's.
	 * @param accounts the accounts, or {@code null}
	 * @return this indicator
	 */
	public OpenAiHealthIndicator withAccounts(@Nullable OpenAiAccounts accounts) {
		this.accounts = accounts;
		return this;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		RateLimitStoreStatus store = this.rateLimiter.storeStatus();
		if (store != null && !store.reachable() && !store.failOpen()) {
			// pacing fails closed, so every call fails until the store answers again
			addDetails(builder.down().withDetail("kind", "RATE_LIMIT_STORE_UNREACHABLE"));
			return Mono.just(builder.build());
		}
		Instant now = this.clock.instant();
		OpenAiCallOutcomes.Failure failure = this.callOutcomes.lastFailure();
		Instant success = this.callOutcomes.lastSuccess();
		boolean recentSuccess = success != null && isRecent(success, now);
		if (failure != null && isRecent(failure.at(), now) && isTelling(failure.kind())
				&& (success == null || failure.at().isAfter(success))) {
			return Mono.just(fromFailure(builder, failure.kind(), null, "recent call"));
		}
		if (recentSuccess) {
			addDetails(builder.up().withDetail("source", "recent call"));
			return Mono.just(builder.build());
		}
		return probe(now).map((result) -> {
			if (result.failure() == null) {
				addDetails(builder.up().withDetail("source", "probe"));
				return builder.build();
			}
			OpenAiErrorKind kind = (result.failure() instanceof OpenAiException ex) ? ex.kind()
					: OpenAiErrorKind.UNKNOWN;
			return fromFailure(builder, kind, result.failure(), "probe");
		});
	}

	private Health fromFailure(Health.Builder builder, OpenAiErrorKind kind, @Nullable Throwable failure,
			String source) {
		if (kind == OpenAiErrorKind.RATE_LIMITED) {
			builder.up()
				.withDetail("rateLimited", true)
				.withDetail("note", "Rate limited: the account works but is at its requests or tokens limit");
		}
		else if (failure != null) {
			builder.down(failure).withDetail("kind", kind.name());
		}
		else {
			builder.down().withDetail("kind", kind.name());
		}
		addDetails(builder.withDetail("source", source));
		return builder.build();
	}

	private Mono<ProbeResult> probe(Instant now) {
		while (true) {
			Probe current = this.probe.get();
			if (current != null && isRecent(current.startedAt(), now)) {
				return current.result();
			}
			Probe next = new Probe(now, sendProbe().cache());
			if (this.probe.compareAndSet(current, next)) {
				return next.result();
			}
		}
	}

	private Mono<ProbeResult> sendProbe() {
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return this.modelsClient.list()
				.then(Mono.fromSupplier(() -> new ProbeResult(Duration.ofNanos(System.nanoTime() - started), null)))
				.timeout(this.timeout)
				.onErrorResume((ex) -> Mono.just(new ProbeResult(Duration.ofNanos(System.nanoTime() - started), ex)))
				.doOnNext(this.lastProbeResult::set);
		});
	}

	private void addDetails(Health.Builder builder) {
		builder.withDetail("baseUrl", this.baseUrl);
		RateLimitStoreStatus store = this.rateLimiter.storeStatus();
		if (store != null) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("store", store.store());
			details.put("reachable", store.reachable());
			details.put("failureMode", store.failOpen() ? "fail-open" : "fail-closed");
			if (store.lastError() != null) {
				details.put("lastError", store.lastError());
			}
			builder.withDetail("rateLimitStore", details);
		}
		if (StringUtils.hasText(this.organization)) {
			builder.withDetail("organization", this.organization);
		}
		ProbeResult result = this.lastProbeResult.get();
		if (result != null) {
			builder.withDetail("latency", result.latency().toMillis() + "ms");
		}
		Instant success = this.callOutcomes.lastSuccess();
		if (success != null) {
			builder.withDetail("lastSuccess", success.toString());
		}
		OpenAiCallOutcomes.Failure failure = this.callOutcomes.lastFailure();
		if (failure != null) {
			builder.withDetail("lastError", lastError(failure));
		}
		OpenAiAccounts accounts = this.accounts;
		if (accounts != null) {
			builder.withDetail("accounts", accountDetails(accounts));
		}
		RateLimitTracker.Snapshot snapshot = this.rateLimitTracker.latest();
		if (snapshot != null) {
			RateLimitHeaders headers = snapshot.headers();
			Map<String, Object> rateLimit = new LinkedHashMap<>();
			rateLimit.put("requests", headroom(headers.limitRequests(), headers.remainingRequests(),
					headers.resetRequests()));
			rateLimit.put("tokens", headroom(headers.limitTokens(), headers.remainingTokens(), headers.resetTokens()));
			rateLimit.put("receivedAt", snapshot.receivedAt().toString());
			builder.withDetail("rateLimit", rateLimit);
		}
	}

	private static Map<String, Object> accountDetails(OpenAiAccounts accounts) {
		List<OpenAiAccounts.Account> all = accounts.accounts();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("count", all.size());
		Map<String, Object> recent = new LinkedHashMap<>();
		for (OpenAiAccounts.Account account : all.subList(Math.max(0, all.size() - MAX_ACCOUNT_DETAILS), all.size())) {
			Map<String, Object> entry = new LinkedHashMap<>();
			if (account.organization() != null) {
				entry.put("organization", account.organization());
			}
			Instant success = account.outcomes().lastSuccess();
			if (success != null) {
				entry.put("lastSuccess", success.toString());
			}
			OpenAiCallOutcomes.Failure failure = account.outcomes().lastFailure();
			if (failure != null) {
				entry.put("lastError", lastError(failure));
			}
			recent.put(account.id(), entry);
		}
		details.put("recent", recent);
		return details;
	}

	private static Map<String, Object> lastError(OpenAiCallOutcomes.Failure failure) {
		Map<String, Object> lastError = new LinkedHashMap<>();
		lastError.put("kind", failure.kind().name());
		if (failure.requestId() != null) {
			lastError.put("requestId", failure.requestId());
		}
		lastError.put("at", failure.at().toString());
		return lastError;
	}

	private static Map<String, Object> headroom(@Nullable Long limit, @Nullable Long remaining,
			@Nullable Duration reset) {
		Map<String, Object> headroom = new LinkedHashMap<>();
		if (limit != null) {
			headroom.put("limit", limit);
		}
		if (remaining != null) {
			headroom.put("remaining", remaining);
		}
		if (reset != null) {
			headroom.put("reset", reset.toString());
		}
		return headroom;
	}

	private boolean isRecent(Instant at, Instant now) {
		return !at.plus(this.cacheTtl).isBefore(now);
	}

	/**
	 * Whether a real call's failure says something about the account, rather than about
	 * the request or a passing network problem.
	 */
	private static boolean isTelling(OpenAiErrorKind kind) {
		return kind == OpenAiErrorKind.RATE_LIMITED || ACCOUNT_FAILURES.contains(kind);
	}

	private static String withoutCredentials(String url) {
		try {
			URI uri = new URI(url);
			return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return "(invalid)";
		}
	}

	private record Probe(Instant startedAt, Mono<ProbeResult> result) {

	}

	private record ProbeResult(Duration latency, @Nullable Throwable failure) {

	}

}
