package io.github.openaiboot.usage;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The processing tier a call was served at, which selects its price: OpenAI reports it
 * as a response's {@code service_tier}, and the Batch API processes requests at a
 * discount of its own.
 *
 * @author openai-spring-boot
 */
public enum ServiceTier {

	/**
	 * Standard processing at the list prices.
	 */
	DEFAULT("default"),

	/**
	 * Slower processing at a discount.
	 */
	FLEX("flex"),

	/**
	 * Faster processing at a premium.
	 */
	PRIORITY("priority"),

	/**
	 * Requests processed through the Batch API, within its completion window.
	 */
	BATCH("batch");

	private final String value;

	ServiceTier(String value) {
		this.value = value;
	}

	/**
	 * Return the tier's name as OpenAI writes it.
	 * @return the name, such as {@code flex}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Return the tier a response's {@code service_tier} names.
	 * @param value the value, such as {@code default} or {@code flex}
	 * @return the tier, {@link #DEFAULT} for {@code null} and for values that are not
	 * priced differently ({@code auto}, {@code scale}, values unknown today)
	 */
	public static ServiceTier of(@Nullable String value) {
		if (value == null) {
			return DEFAULT;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "flex" -> FLEX;
			case "priority" -> PRIORITY;
			case "batch" -> BATCH;
			default -> DEFAULT;
		};
	}

}
