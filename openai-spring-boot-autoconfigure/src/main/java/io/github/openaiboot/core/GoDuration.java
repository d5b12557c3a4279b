package io.github.openaiboot.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Parses the Go-style durations OpenAI uses in {@code x-ratelimit-reset-*} headers and
 * in "Please try again in …" messages: {@code 20ms}, {@code 1.982s}, {@code 6m0s},
 * {@code 14h29m11.04s}, also {@code us}, {@code µs} and {@code ns}.
 *
 * @author openai-spring-boot
 */
public final class GoDuration {

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
		// Parsed by hand: it runs for two headers of every response.
		String value = text.strip();
		int length = value.length();
		if (length == 0) {
			return null;
		}
		try {
			return parse(value, length);
		}
		catch (ArithmeticException ex) {
			return null;
		}
	}

	private static @Nullable Duration parse(String value, int length) {
		long nanos = 0;
		int i = 0;
		while (i < length) {
			long whole = 0;
			int digits = 0;
			while (i < length && isDigit(value.charAt(i))) {
				whole = Math.addExact(Math.multiplyExact(whole, 10), value.charAt(i++) - '0');
				digits++;
			}
			long fraction = 0;
			long fractionScale = 1;
			if (i < length && value.charAt(i) == '.') {
				i++;
				int fractionDigits = 0;
				while (i < length && isDigit(value.charAt(i))) {
					if (fractionScale < 1_000_000_000_000L) {
						fraction = fraction * 10 + (value.charAt(i) - '0');
						fractionScale *= 10;
					}
					i++;
					fractionDigits++;
				}
				if (fractionDigits == 0) {
					return null;
				}
			}
			if (digits == 0) {
				return null;
			}
			int unitStart = i;
			while (i < length && !isDigit(value.charAt(i)) && value.charAt(i) != '.') {
				i++;
			}
			long unit = nanosPerUnit(value.substring(unitStart, i));
			if (unit == 0) {
				return null;
			}
			nanos = Math.addExact(nanos, Math.addExact(Math.multiplyExact(whole, unit),
					Math.round((double) fraction * unit / fractionScale)));
		}
		return Duration.ofNanos(nanos);
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static long nanosPerUnit(String unit) {
		return switch (unit) {
			case "h" -> 3_600_000_000_000L;
			case "m" -> 60_000_000_000L;
			case "s" -> 1_000_000_000L;
			case "ms" -> 1_000_000L;
			case "us", "µs", "μs" -> 1_000L;
			case "ns" -> 1L;
			default -> 0L;
		};
	}

}
