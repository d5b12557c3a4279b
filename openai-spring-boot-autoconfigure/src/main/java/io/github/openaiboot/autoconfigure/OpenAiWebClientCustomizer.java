package io.github.openaiboot.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@link WebClient.Builder} of the OpenAI clients only, after
 * the base URL, authentication headers, timeouts and codecs have been applied. Use it
 * for filters, a proxy or extra headers that should not reach other WebClients.
 * <p>
 * The customizers are looked up during start-up, but called when a client's WebClient
 * is built: by the warm-up once the application is ready ({@code openai.warm-up}), or
 * by the client's first call, on the thread that makes it.
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
