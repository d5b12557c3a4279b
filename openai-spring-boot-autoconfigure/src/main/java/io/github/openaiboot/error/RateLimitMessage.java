package io.github.openaiboot.error;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What the message of an OpenAI rate-limit error says: "Rate limit reached for gpt-4o in
 * organization org-… on tokens per min (TPM): Limit 30000, Used 29000, Requested 1500.
 * Please try again in 3s." or "Request too large for gpt-4o … on tokens per min (TPM):
 * Limit 30000, Requested 50000. …".
 *
 * @param dimension the limit the message names, if any
 * @param limit the {@code Limit} figure, if any
 * @param used the {@code Used} figure, if any
 * @param requested the {@code Requested} figure, if any
 * @param requestTooLarge whether the message starts with "Request too large": a single
 * request needs more than the whole limit, and no wait helps
 * @author openai-spring-boot
 */
public record RateLimitMessage(@Nullable RateLimitDimension dimension, @Nullable Long limit, @Nullable Long used,
		@Nullable Long requested, boolean requestTooLarge) {

	private static final Pattern DIMENSION = Pattern
		.compile("(?i)\\bon\\s+(requests|tokens(?:_usage_based)?|images)\\s+per\\s+(min(?:ute)?|day)\\b");

	private static final Pattern ABBREVIATION = Pattern.compile("\\((RPM|TPM|RPD|TPD|IPM)\\)");

	private static final Pattern LIMIT = number("Limit");

	private static final Pattern USED = number("Used");

	private static final Pattern REQUESTED = number("Requested");

	/**
	 * Read a rate-limit message.
	 * @param message the message of the error
	 * @return what it says, or {@code null} when it is not a rate-limit message
	 */
	public static @Nullable RateLimitMessage parse(@Nullable String message) {
		if (message == null || message.isBlank()) {
			return null;
		}
		boolean tooLarge = isRequestTooLarge(message);
		RateLimitDimension dimension = dimension(message);
		Long limit = find(LIMIT, message);
		if (dimension == null && limit == null && !tooLarge) {
			return null;
		}
		return new RateLimitMessage(dimension, limit, find(USED, message), find(REQUESTED, message), tooLarge);
	}

	/**
	 * Return whether a message is OpenAI's "Request too large": a single request is
	 * larger than the whole limit.
	 * @param message the message
	 * @return whether it starts with "Request too large"
	 */
	public static boolean isRequestTooLarge(@Nullable String message) {
		return message != null && message.strip().toLowerCase(Locale.ROOT).startsWith("request too large");
	}

	private static @Nullable RateLimitDimension dimension(String message) {
		Matcher named = DIMENSION.matcher(message);
		if (named.find()) {
			String what = named.group(1).toLowerCase(Locale.ROOT);
			boolean daily = named.group(2).equalsIgnoreCase("day");
			if (what.startsWith("images")) {
				return daily ? RateLimitDimension.REQUESTS_PER_DAY : RateLimitDimension.IMAGES_PER_MINUTE;
			}
			if (what.startsWith("tokens")) {
				return daily ? RateLimitDimension.TOKENS_PER_DAY : RateLimitDimension.TOKENS_PER_MINUTE;
			}
			return daily ? RateLimitDimension.REQUESTS_PER_DAY : RateLimitDimension.REQUESTS_PER_MINUTE;
		}
		Matcher abbreviated = ABBREVIATION.matcher(message);
		if (abbreviated.find()) {
			for (RateLimitDimension dimension : RateLimitDimension.values()) {
				if (dimension.abbreviation().equals(abbreviated.group(1))) {
					return dimension;
				}
			}
		}
		return null;
	}

	private static Pattern number(String label) {
		return Pattern.compile("\\b" + label + "\\s+(\\d[\\d,]*)");
	}

	private static @Nullable Long find(Pattern pattern, String message) {
		Matcher matcher = pattern.matcher(message);
		if (!matcher.find()) {
			return null;
		}
		try {
			return Long.parseLong(matcher.group(1).replace(",", ""));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
