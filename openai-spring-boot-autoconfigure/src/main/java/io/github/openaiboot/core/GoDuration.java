package io.github.openaiboot.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Parses the Go-style durations OpenAI uses in {@code x-ratelimit-reset-*} headers and
 * in "Please try again in …" messages: {@code 20ms}, {@code 1.982s}, {@code 6m0s},
 * {@code 14h29m11.04s}, also {@code us}, {@code µs} and {@code ns}.
 *
 * @author openai-spring-boot
 */
public final class GoDuration {

	private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|μs|ms|h|m|s)");

	private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ns|us|µs|μs|ms|h|m|s))+");

	private GoDuration() {
	}

	/**
	 * Parse a Go-style duration.
	 * @param text the text, such as {@code 1m30.5s}
	 * @return the duration, or {@code null} when the text is not a duration
	 */
	public static @Nullable Duration parse(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String trimmed = text.strip();
		if (!WHOLE.matcher(trimmed).matches()) {
			return null;
		}
		BigDecimal nanos = BigDecimal.ZERO;
		Matcher matcher = PART.matcher(trimmed);
		while (matcher.find()) {
			nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(nanosPerUnit(matcher.group(2))));
		}
		return Duration.ofNanos(nanos.longValue());
	}

	private static BigDecimal nanosPerUnit(String unit) {
		return BigDecimal.valueOf(switch (unit) {
			case "h" -> 3_600_000_000_000L;
			case "m" -> 60_000_000_000L;
			case "s" -> 1_000_000_000L;
			case "ms" -> 1_000_000L;
			case "us", "µs", "μs" -> 1_000L;
			default -> 1L;
		});
	}

}
