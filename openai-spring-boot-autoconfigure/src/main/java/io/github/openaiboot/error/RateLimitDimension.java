package io.github.openaiboot.error;

import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Which of an organization's limits a rate-limit failure is about: requests or tokens,
 * per minute or per day, or images per minute. OpenAI names it in the message ("on
 * tokens per day (TPD)"); the error's {@code type} alone only says requests or tokens.
 *
 * @author openai-spring-boot
 */
public enum RateLimitDimension {

	/**
	 * Requests per minute (RPM).
	 */
	REQUESTS_PER_MINUTE("requests per minute", "RPM"),

	/**
	 * Tokens per minute (TPM).
	 */
	TOKENS_PER_MINUTE("tokens per minute", "TPM"),

	/**
	 * Requests per day (RPD).
	 */
	REQUESTS_PER_DAY("requests per day", "RPD"),

	/**
	 * Tokens per day (TPD).
	 */
	TOKENS_PER_DAY("tokens per day", "TPD"),

	/**
	 * Images per minute (IPM), counted like requests.
	 */
	IMAGES_PER_MINUTE("images per minute", "IPM");

	private final String description;

	private final String abbreviation;

	RateLimitDimension(String description, String abbreviation) {
		this.description = description;
		this.abbreviation = abbreviation;
	}

	/**
	 * Return whether this limit counts tokens rather than requests.
	 * @return {@code true} for tokens per minute or per day
	 */
	public boolean isTokens() {
		return this == TOKENS_PER_MINUTE || this == TOKENS_PER_DAY;
	}

	/**
	 * Return whether this limit is counted per day rather than per minute.
	 * @return {@code true} for requests or tokens per day
	 */
	public boolean isDaily() {
		return this == REQUESTS_PER_DAY || this == TOKENS_PER_DAY;
	}

	/**
	 * Return the name of this limit as a reader would say it.
	 * @return for example {@code tokens per day}
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Return OpenAI's abbreviation of this limit.
	 * @return for example {@code TPD}
	 */
	public String abbreviation() {
		return this.abbreviation;
	}

	@Override
	public String toString() {
		return this.description + " (" + this.abbreviation + ")";
	}

	/**
	 * Return the limit an error is about: the one its message names, else the one its
	 * {@code type} names ({@code requests} or {@code tokens}), taken as per minute.
	 * @param error the error
	 * @return the dimension, if the error names one
	 */
	public static Optional<RateLimitDimension> of(OpenAiError error) {
		RateLimitMessage message = RateLimitMessage.parse(error.message());
		if (message != null && message.dimension() != null) {
			return Optional.of(message.dimension());
		}
		return Optional.ofNullable(ofType(error.type()));
	}

	/**
	 * Return the per-minute limit an error {@code type} names.
	 * @param type the type, such as {@code requests}
	 * @return the dimension, or {@code null} for any other type
	 */
	static @Nullable RateLimitDimension ofType(@Nullable String type) {
		if (type == null) {
			return null;
		}
		return switch (type.toLowerCase(Locale.ROOT)) {
			case "requests" -> REQUESTS_PER_MINUTE;
			case "tokens", "tokens_usage_based" -> TOKENS_PER_MINUTE;
			default -> null;
		};
	}

}
