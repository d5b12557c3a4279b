package io.github.openaiboot.autoconfigure;

/**
 * Thrown at startup when no OpenAI API key is configured; reported by
 * {@link OpenAiApiKeyMissingFailureAnalyzer}.
 *
 * @author openai-spring-boot
 */
public class OpenAiApiKeyMissingException extends RuntimeException {

	private final String prefix;

	OpenAiApiKeyMissingException() {
		this("openai");
	}

	OpenAiApiKeyMissingException(String prefix) {
		super("openai".equals(prefix)
				? "No OpenAI API key is configured: set 'openai.api-key' or the OPENAI_API_KEY environment variable"
				: "No API key is configured for the OpenAI client '" + prefix.substring(prefix.lastIndexOf('.') + 1)
						+ "': set '" + prefix + ".api-key' (or 'openai.api-key', which it inherits), "
						+ "or define an OpenAiCredentials bean");
		this.prefix = prefix;
	}

	/**
	 * Return the property that should hold the key.
	 * @return the property name
	 */
	public String getProperty() {
		return this.prefix + ".api-key";
	}

}
