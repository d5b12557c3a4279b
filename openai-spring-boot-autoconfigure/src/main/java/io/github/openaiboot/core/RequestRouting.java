package io.github.openaiboot.core;

import org.jspecify.annotations.Nullable;

/**
 * Where a request goes on the wire and what its body is there: the identity for OpenAI's
 * own API, a mapping to deployment paths or deployment names for Azure OpenAI.
 *
 * @author openai-spring-boot
 */
public interface RequestRouting {

	/**
	 * Routing that sends each request to its own path with its own body.
	 */
	RequestRouting IDENTITY = new RequestRouting() {

		@Override
		public String uri(OpenAiRequest<?> request) {
			return request.path();
		}

		@Override
		public @Nullable Object body(OpenAiRequest<?> request) {
			return request.body();
		}

	};

	/**
	 * Return the URI of the request, relative to the client's base URL.
	 * @param request the request
	 * @return the URI, already encoded
	 */
	String uri(OpenAiRequest<?> request);

	/**
	 * Return the body to send.
	 * @param request the request
	 * @return the body, or {@code null} for none
	 */
	@Nullable Object body(OpenAiRequest<?> request);

}
