package io.github.openaiboot.finetuning;

import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The value of one fine-tuning hyper-parameter: {@code "auto"}, leaving the choice to
 * OpenAI, or a number.
 *
 * @author openai-spring-boot
 */
public final class Hyperparameter {

	private static final String AUTO_VALUE = "auto";

	private static final Hyperparameter AUTO = new Hyperparameter(AUTO_VALUE);

	private final Object value;

	private Hyperparameter(Object value) {
		this.value = value;
	}

	/**
	 * Return the value that leaves the choice to OpenAI.
	 * @return {@code "auto"}
	 */
	public static Hyperparameter auto() {
		return AUTO;
	}

	/**
	 * Return a numeric value.
	 * @param value the value, such as {@code 3} epochs or a learning rate multiplier of
	 * {@code 0.1}
	 * @return the hyper-parameter
	 */
	public static Hyperparameter of(Number value) {
		Objects.requireNonNull(value, "'value' must not be null");
		return new Hyperparameter(value);
	}

	/**
	 * Read a value as OpenAI writes it.
	 * @param value {@code "auto"}, a number, or a number written as a string
	 * @return the hyper-parameter, or {@code null} for {@code null}
	 */
	@JsonCreator
	public static @Nullable Hyperparameter from(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (value instanceof Number number) {
			return new Hyperparameter(number);
		}
		String text = value.toString().strip();
		if (AUTO_VALUE.equals(text.toLowerCase(Locale.ROOT))) {
			return AUTO;
		}
		try {
			return new Hyperparameter(text.contains(".") ? (Number) Double.valueOf(text) : Long.valueOf(text));
		}
		catch (NumberFormatException ex) {
			// a value unknown today is kept as sent
			return new Hyperparameter(text);
		}
	}

	/**
	 * Return whether the choice is left to OpenAI.
	 * @return whether the value is {@code "auto"}
	 */
	public boolean isAuto() {
		return AUTO_VALUE.equals(this.value);
	}

	/**
	 * Return the numeric value.
	 * @return the number, or {@code null} for {@code "auto"}
	 */
	public @Nullable Number number() {
		return (this.value instanceof Number number) ? number : null;
	}

	/**
	 * Return the value as it is written on the wire.
	 * @return {@code "auto"} or the number
	 */
	@JsonValue
	public Object value() {
		return this.value;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof Hyperparameter that && this.value.equals(that.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
