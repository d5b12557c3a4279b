package io.github.openaiboot.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.openaiboot.core.GoDuration;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Finds the delay the server asked for before the next attempt. Sources, first match
 * wins: {@code retry-after-ms}; {@code retry-after} in seconds or as an HTTP date; the
 * "Please try again in 1.5s" text of the message; for rate limits, the
 * {@code x-ratelimit-reset-requests} or {@code x-ratelimit-reset-tokens} header of the
 * limit that was hit.
 *
 * @author openai-spring-boot
 */
public final class RetryAfterParser {

	private static final Pattern TRY_AGAIN_IN = Pattern
		.compile("(?i)try again in\\s+((?:\\d+(?:\\.\\d+)?(?:ns|us|µs|μs|ms|h|m|s))+)");

	private final Clock clock;

	/**
	 * Create a parser that resolves HTTP dates against the system clock.
	 */
	public RetryAfterParser() {
		this(Clock.systemUTC());
	}

	/**
	 * Create a parser that resolves HTTP dates against the given clock.
	 * @param clock the clock
	 */
	public RetryAfterParser(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Return the delay the server asked for.
	 * @param headers the response headers
	 * @param error the decoded error body
	 * @param kind the error kind
	 * @return the delay, or {@code null} if the response asked for none
	 */
	public @Nullable Duration parse(HttpHeaders headers, OpenAiError error, OpenAiErrorKind kind) {
		Duration delay = fromRetryAfterMs(headers.getFirst("retry-after-ms"));
		if (delay == null) {
			delay = fromRetryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER));
		}
		if (delay == null) {
			delay = fromMessage(error.message());
		}
		if (delay == null && kind == OpenAiErrorKind.RATE_LIMITED) {
			delay = fromResetHeaders(headers, error.type());
		}
		return delay;
	}

	/**
	 * Parse a {@code retry-after-ms} value.
	 * @param value the header value, milliseconds, possibly fractional
	 * @return the delay, or {@code null}
	 */
	public static @Nullable Duration fromRetryAfterMs(@Nullable String value) {
		Double millis = parseNumber(value);
		return (millis != null) ? Duration.ofNanos(Math.round(millis * 1_000_000)) : null;
	}

	/**
	 * Parse a {@code retry-after} value: seconds (integer or decimal) or an HTTP date.
	 * @param value the header value
	 * @return the delay, or {@code null}
	 */
	public @Nullable Duration fromRetryAfter(@Nullable String value) {
		Double seconds = parseNumber(value);
		if (seconds != null) {
			return Duration.ofNanos(Math.round(seconds * 1_000_000_000));
		}
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(this.clock.instant(), at);
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * Parse the "Please try again in …" part of an OpenAI message.
	 * @param message the message
	 * @return the delay, or {@code null}
	 */
	public static @Nullable Duration fromMessage(@Nullable String message) {
		if (message == null) {
			return null;
		}
		Matcher matcher = TRY_AGAIN_IN.matcher(message);
		if (!matcher.find()) {
			return null;
		}
		return GoDuration.parse(matcher.group(1).toLowerCase(Locale.ROOT));
	}

	private static @Nullable Duration fromResetHeaders(HttpHeaders headers, @Nullable String type) {
		Duration requests = GoDuration.parse(headers.getFirst("x-ratelimit-reset-requests"));
		Duration tokens = GoDuration.parse(headers.getFirst("x-ratelimit-reset-tokens"));
		if ("requests".equals(type)) {
			return requests;
		}
		if ("tokens".equals(type)) {
			return tokens;
		}
		if (requests == null || tokens == null) {
			return (requests != null) ? requests : tokens;
		}
		return (requests.compareTo(tokens) >= 0) ? requests : tokens;
	}

	private static @Nullable Double parseNumber(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			double number = Double.parseDouble(value.strip());
			return (number >= 0 && Double.isFinite(number)) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
