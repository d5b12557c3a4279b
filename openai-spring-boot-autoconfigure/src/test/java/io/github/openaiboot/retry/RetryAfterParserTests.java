package io.github.openaiboot.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RetryAfterParser}.
 */
class RetryAfterParserTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

	private static final OpenAiError NO_HINT = new OpenAiError("Rate limit reached", "tokens", null,
			"rate_limit_exceeded");

	private final RetryAfterParser parser = new RetryAfterParser(CLOCK);

	@Test
	void readsRetryAfterMsHeader() {
		assertThat(parse(headers("retry-after-ms", "250"), NO_HINT)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void readsFractionalRetryAfterMsHeader() {
		assertThat(parse(headers("retry-after-ms", "1.5"), NO_HINT)).isEqualTo(Duration.ofNanos(1_500_000));
	}

	@Test
	void readsRetryAfterHeaderInWholeSeconds() {
		assertThat(parse(headers("retry-after", "20"), NO_HINT)).isEqualTo(Duration.ofSeconds(20));
	}

	@Test
	void readsRetryAfterHeaderInFractionalSeconds() {
		assertThat(parse(headers("retry-after", "0.75"), NO_HINT)).isEqualTo(Duration.ofMillis(750));
	}

	@Test
	void readsRetryAfterHeaderAsHttpDateAgainstTheClock() {
		assertThat(parse(headers("retry-after", "Wed, 01 Jan 2025 00:00:30 GMT"), NO_HINT))
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void treatsHttpDateInThePastAsNoDelay() {
		assertThat(parse(headers("retry-after", "Tue, 31 Dec 2024 23:59:00 GMT"), NO_HINT)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresMalformedAndNegativeRetryAfterHeaders() {
		assertThat(this.parser.fromRetryAfter("tomorrow")).isNull();
		assertThat(this.parser.fromRetryAfter("-5")).isNull();
		assertThat(RetryAfterParser.fromRetryAfterMs("abc")).isNull();
		assertThat(RetryAfterParser.fromRetryAfterMs("NaN")).isNull();
	}

	@Test
	void readsDelayFromMessageInEveryGoFormat() {
		assertThat(RetryAfterParser.fromMessage("... Please try again in 20ms. Visit ...")).isEqualTo(Duration.ofMillis(20));
		assertThat(RetryAfterParser.fromMessage("Please try again in 1.982s.")).isEqualTo(Duration.ofMillis(1982));
		assertThat(RetryAfterParser.fromMessage("Please try again in 6m0s.")).isEqualTo(Duration.ofMinutes(6));
		assertThat(RetryAfterParser.fromMessage("Please try again in 1m30.5s."))
			.isEqualTo(Duration.ofSeconds(90, 500_000_000));
		assertThat(RetryAfterParser.fromMessage("Please try again in 14h29m11.04s."))
			.isEqualTo(Duration.ofHours(14).plusMinutes(29).plusSeconds(11).plusMillis(40));
	}

	@Test
	void readsDelayFromTheSeedsRequestsPerMinuteMessage() {
		String message = "Rate limit reached for default-gpt-3.5-turbo in organization org-xxx on requests per min. "
				+ "Limit: 60 / min. Please try again in 1s. Contact us through our help center at help.openai.com "
				+ "if you continue to have issues.";
		assertThat(parse(new HttpHeaders(), new OpenAiError(message, "requests", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void returnsNullWhenMessageHasNoHint() {
		assertThat(RetryAfterParser.fromMessage("You exceeded your current quota")).isNull();
		assertThat(RetryAfterParser.fromMessage(null)).isNull();
	}

	@Test
	void readsRequestsResetHeaderWhenRequestLimitWasHit() {
		HttpHeaders headers = headers("x-ratelimit-reset-requests", "17ms", "x-ratelimit-reset-tokens", "6m0s");
		assertThat(parse(headers, new OpenAiError("Rate limit reached", "requests", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofMillis(17));
	}

	@Test
	void readsTokensResetHeaderWhenTokenLimitWasHit() {
		HttpHeaders headers = headers("x-ratelimit-reset-requests", "17ms", "x-ratelimit-reset-tokens", "6m0s");
		assertThat(parse(headers, new OpenAiError("Rate limit reached", "tokens", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofMinutes(6));
	}

	@Test
	void takesTheLongerResetWhenTheLimitHitIsUnknown() {
		HttpHeaders headers = headers("x-ratelimit-reset-requests", "17ms", "x-ratelimit-reset-tokens", "6m0s");
		assertThat(parse(headers, new OpenAiError("Rate limit reached", null, null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofMinutes(6));
	}

	@Test
	void ignoresResetHeadersForErrorsOtherThanRateLimits() {
		HttpHeaders headers = headers("x-ratelimit-reset-requests", "17ms", "x-ratelimit-reset-tokens", "6m0s");
		OpenAiError quota = new OpenAiError("You exceeded your current quota", "insufficient_quota", null,
				"insufficient_quota");
		assertThat(this.parser.parse(headers, quota, OpenAiErrorKind.QUOTA_EXCEEDED)).isNull();
	}

	@Test
	void prefersRetryAfterMsOverEveryOtherSource() {
		HttpHeaders headers = headers("retry-after-ms", "100", "retry-after", "2", "x-ratelimit-reset-tokens", "6m0s");
		assertThat(parse(headers, new OpenAiError("Please try again in 3s.", "tokens", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void prefersRetryAfterOverMessageAndResetHeaders() {
		HttpHeaders headers = headers("retry-after", "2", "x-ratelimit-reset-tokens", "6m0s");
		assertThat(parse(headers, new OpenAiError("Please try again in 3s.", "tokens", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void prefersMessageOverResetHeaders() {
		HttpHeaders headers = headers("x-ratelimit-reset-tokens", "6m0s");
		assertThat(parse(headers, new OpenAiError("Please try again in 3s.", "tokens", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void fallsBackToMessageWhenRetryAfterIsMalformed() {
		HttpHeaders headers = headers("retry-after", "later");
		assertThat(parse(headers, new OpenAiError("Please try again in 3s.", "tokens", null, "rate_limit_exceeded")))
			.isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void returnsNullWhenNothingHintsADelay() {
		assertThat(parse(new HttpHeaders(), NO_HINT)).isNull();
	}

	private Duration parse(HttpHeaders headers, OpenAiError error) {
		return this.parser.parse(headers, error, OpenAiErrorKind.RATE_LIMITED);
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.set(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
