package io.github.openaiboot.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@link WebClient.Builder} of the OpenAI clients only, after
 * the base URL, authentication headers, timeouts and codecs have been applied. Use it
 * for filters, a proxy or extra headers that should not reach other WebClients.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
public interface OpenAiWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the OpenAI clients' WebClient
	 */
	void customize(WebClient.Builder builder);

}
