package io.github.openaiboot.ratelimit;

/**
 * The two dimensions of OpenAI's rate limits.
 *
 * @author openai-spring-boot
 */
public enum RateLimitType {

	/**
	 * Requests per minute.
	 */
	REQUESTS("requests"),

	/**
	 * Tokens per minute.
	 */
	TOKENS("tokens");

	private final String tagValue;

	RateLimitType(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the name of this dimension as OpenAI writes it in headers and error types.
	 * @return {@code requests} or {@code tokens}
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
