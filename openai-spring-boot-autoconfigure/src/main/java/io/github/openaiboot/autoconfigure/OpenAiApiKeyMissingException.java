package io.github.openaiboot.autoconfigure;

/**
 * Thrown at startup when no OpenAI API key is configured; reported by
 * {@link OpenAiApiKeyMissingFailureAnalyzer}.
 *
 * @author openai-spring-boot
 */
public class OpenAiApiKeyMissingException extends RuntimeException {

	OpenAiApiKeyMissingException() {
		super("No OpenAI API key is configured: set 'openai.api-key' or the OPENAI_API_KEY environment variable");
	}

}
