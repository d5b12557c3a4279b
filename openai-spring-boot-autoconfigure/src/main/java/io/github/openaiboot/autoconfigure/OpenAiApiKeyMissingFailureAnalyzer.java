package io.github.openaiboot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing OpenAI API key at startup and says where to set one.
 *
 * @author openai-spring-boot
 */
class OpenAiApiKeyMissingFailureAnalyzer extends AbstractFailureAnalyzer<OpenAiApiKeyMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, OpenAiApiKeyMissingException cause) {
		if (!"openai.api-key".equals(cause.getProperty())) {
			return new FailureAnalysis(cause.getMessage() + ".",
					"Set the '" + cause.getProperty() + "' property, or 'openai.api-key' which every OpenAI "
							+ "client inherits (Azure OpenAI clients excepted), or define an OpenAiCredentials bean "
							+ "that supplies bearer tokens.",
					cause);
		}
		return new FailureAnalysis("The OpenAI clients need an API key, but none is configured.",
				"Set the 'openai.api-key' property (for example in application.yml, or as "
						+ "--openai.api-key=...), or set the OPENAI_API_KEY environment variable. "
						+ "Create a key at https://platform.openai.com/api-keys.",
				cause);
	}

}
