package io.github.openaiboot.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The list price of a model's tokens, in US dollars per million tokens.
 *
 * @param input price of prompt tokens
 * @param cachedInput price of prompt tokens served from the prompt cache
 * @param output price of generated tokens
 * @author openai-spring-boot
 */
public record TokenPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {

	/**
	 * Create a price.
	 */
	public TokenPrice {
		Objects.requireNonNull(input, "'input' must not be null");
		Objects.requireNonNull(cachedInput, "'cachedInput' must not be null");
		Objects.requireNonNull(output, "'output' must not be null");
	}

	/**
	 * Return this price multiplied by a factor, as for a discounted service tier or a
	 * fine-tuned model billed at a multiple of its base model's price.
	 * @param factor the factor
	 * @return the multiplied price
	 */
	public TokenPrice times(BigDecimal factor) {
		return new TokenPrice(this.input.multiply(factor), this.cachedInput.multiply(factor),
				this.output.multiply(factor));
	}

	/**
	 * Create a price from decimal strings, in US dollars per million tokens.
	 * @param input price of prompt tokens
	 * @param cachedInput price of cached prompt tokens
	 * @param output price of generated tokens
	 * @return the price
	 */
	public static TokenPrice perMillion(String input, String cachedInput, String output) {
		return new TokenPrice(new BigDecimal(input), new BigDecimal(cachedInput), new BigDecimal(output));
	}

	/**
	 * Create a price for a model without a prompt cache discount, from decimal strings
	 * in US dollars per million tokens.
	 * @param input price of prompt tokens
	 * @param output price of generated tokens
	 * @return the price
	 */
	public static TokenPrice perMillion(String input, String output) {
		return perMillion(input, input, output);
	}

}
