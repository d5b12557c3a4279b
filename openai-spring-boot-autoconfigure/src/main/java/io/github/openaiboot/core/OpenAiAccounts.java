package io.github.openaiboot.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.openaiboot.ratelimit.RateLimitStage;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenEstimator;
import org.jspecify.annotations.Nullable;

/**
 * What a client keeps of each account an {@link OpenAiAccountResolver} resolved: its own
 * pacer, rate-limit headers and call outcomes, by {@link OpenAiAccount#id() id} (never by
 * key). Bounded: past the maximum, the least recently used account is forgotten.
 *
 * @author openai-spring-boot
 */
public final class OpenAiAccounts {

	/**
	 * How many accounts a client keeps by default.
	 */
	public static final int DEFAULT_MAX_ACCOUNTS = 1000;

	private final OpenAiAccountResolver resolver;

	private final Function<OpenAiAccount, RateLimiter> rateLimiters;

	private final TokenEstimator tokenEstimator;

	private final int maxAccounts;

	private final Listener listener;

	private final LinkedHashMap<String, Account> accounts = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * Create the accounts of a client.
	 * @param resolver what decides the account of each call
	 * @param rateLimiters makes the pacer of an account
	 * @param tokenEstimator what estimates the tokens of each request
	 * @param maxAccounts how many accounts to keep
	 * @param listener what is told of calls and forgotten accounts
	 */
	public OpenAiAccounts(OpenAiAccountResolver resolver, Function<OpenAiAccount, RateLimiter> rateLimiters,
			TokenEstimator tokenEstimator, int maxAccounts, Listener listener) {
		if (maxAccounts < 1) {
			throw new IllegalArgumentException("maxAccounts must be at least 1");
		}
		this.resolver = resolver;
		this.rateLimiters = rateLimiters;
		this.tokenEstimator = tokenEstimator;
		this.maxAccounts = maxAccounts;
		this.listener = listener;
	}

	/**
	 * Return what decides the account of each call.
	 * @return the resolver
	 */
	public OpenAiAccountResolver resolver() {
		return this.resolver;
	}

	/**
	 * Return what is kept of an account, making it on first use.
	 * @param account the account
	 * @return its state
	 */
	public Account get(OpenAiAccount account) {
		Account evicted = null;
		Account state;
		synchronized (this.accounts) {
			state = this.accounts.get(account.id());
			if (state == null) {
				RateLimiter rateLimiter = this.rateLimiters.apply(account);
				state = new Account(account.id(), account.organization(), rateLimiter,
						new RateLimitStage(this.tokenEstimator, rateLimiter), this);
				this.accounts.put(account.id(), state);
				if (this.accounts.size() > this.maxAccounts) {
					Map.Entry<String, Account> eldest = this.accounts.entrySet().iterator().next();
					this.accounts.remove(eldest.getKey());
					evicted = eldest.getValue();
				}
			}
		}
		if (evicted != null) {
			this.listener.onForgotten(evicted);
		}
		return state;
	}

	/**
	 * Return the accounts kept, most recently used last.
	 * @return the accounts
	 */
	public List<Account> accounts() {
		synchronized (this.accounts) {
			return List.copyOf(new ArrayList<>(this.accounts.values()));
		}
	}

	void recordSuccess(Account account) {
		account.outcomes.recordSuccess();
		this.listener.onCall(account, null);
	}

	void recordFailure(Account account, Throwable failure) {
		account.outcomes.recordFailure(failure);
		this.listener.onCall(account, failure);
	}

	/**
	 * What is kept of one account.
	 */
	public static final class Account {

		private final String id;

		private final @Nullable String organization;

		private final RateLimiter rateLimiter;

		private final RateLimitStage stage;

		private final OpenAiCallOutcomes outcomes = new OpenAiCallOutcomes();

		private final RateLimitTracker rateLimitTracker = new RateLimitTracker();

		private final OpenAiAccounts accounts;

		Account(String id, @Nullable String organization, RateLimiter rateLimiter, RateLimitStage stage,
				OpenAiAccounts accounts) {
			this.id = id;
			this.organization = organization;
			this.rateLimiter = rateLimiter;
			this.stage = stage;
			this.accounts = accounts;
		}

		/**
		 * Return the account's id, a hash that does not reveal its key.
		 * @return the id
		 */
		public String id() {
			return this.id;
		}

		/**
		 * Return the account's organization.
		 * @return the organization, or {@code null}
		 */
		public @Nullable String organization() {
			return this.organization;
		}

		/**
		 * Return the account's pacer.
		 * @return the rate limiter
		 */
		public RateLimiter rateLimiter() {
			return this.rateLimiter;
		}

		/**
		 * Return how the account's calls ended.
		 * @return the outcomes
		 */
		public OpenAiCallOutcomes outcomes() {
			return this.outcomes;
		}

		/**
		 * Return the account's latest rate-limit headers.
		 * @return the tracker
		 */
		public RateLimitTracker rateLimitTracker() {
			return this.rateLimitTracker;
		}

		RateLimitStage stage() {
			return this.stage;
		}

		OpenAiAccounts accounts() {
			return this.accounts;
		}

		@Override
		public String toString() {
			return "Account[" + this.id + "]";
		}

	}

	/**
	 * Told of each call made with a resolved account, and of accounts forgotten.
	 */
	public interface Listener {

		/**
		 * A listener that does nothing.
		 */
		Listener NONE = new Listener() {
		};

		/**
		 * Called when a call with the account ended.
		 * @param account the account
		 * @param failure the failure, or {@code null} on success
		 */
		default void onCall(Account account, @Nullable Throwable failure) {
		}

		/**
		 * Called when the account was forgotten to keep the number bounded.
		 * @param account the account
		 */
		default void onForgotten(Account account) {
		}

	}

}
