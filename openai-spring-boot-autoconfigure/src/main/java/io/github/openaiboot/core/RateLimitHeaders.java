package io.github.openaiboot.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The {@code x-ratelimit-*} headers of one response: the organization's requests and
 * tokens per minute limits, what remains of them, and when each resets.
 *
 * @param limitRequests {@code x-ratelimit-limit-requests}
 * @param limitTokens {@code x-ratelimit-limit-tokens}
 * @param remainingRequests {@code x-ratelimit-remaining-requests}
 * @param remainingTokens {@code x-ratelimit-remaining-tokens}
 * @param resetRequests {@code x-ratelimit-reset-requests}
 * @param resetTokens {@code x-ratelimit-reset-tokens}
 * @author openai-spring-boot
 */
public record RateLimitHeaders(@Nullable Long limitRequests, @Nullable Long limitTokens,
		@Nullable Long remainingRequests, @Nullable Long remainingTokens, @Nullable Duration resetRequests,
		@Nullable Duration resetTokens) {

	/**
	 * Read the rate-limit headers of a response.
	 * @param headers the response headers
	 * @return the headers, or {@code null} when the response carried none
	 */
	public static @Nullable RateLimitHeaders from(HttpHeaders headers) {
		RateLimitHeaders parsed = new RateLimitHeaders(number(headers, "x-ratelimit-limit-requests"),
				number(headers, "x-ratelimit-limit-tokens"), number(headers, "x-ratelimit-remaining-requests"),
				number(headers, "x-ratelimit-remaining-tokens"),
				GoDuration.parse(headers.getFirst("x-ratelimit-reset-requests")),
				GoDuration.parse(headers.getFirst("x-ratelimit-reset-tokens")));
		return parsed.isEmpty() ? null : parsed;
	}

	private boolean isEmpty() {
		return this.limitRequests == null && this.limitTokens == null && this.remainingRequests == null
				&& this.remainingTokens == null && this.resetRequests == null && this.resetTokens == null;
	}

	private static @Nullable Long number(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long number = Long.parseLong(value.strip());
			// Azure OpenAI sends -1 when it does not know
			return (number >= 0) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
