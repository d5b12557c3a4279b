package io.github.openaiboot.test.simulator;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * OpenAI API endpoints the simulator answers, used to target faults and to read request counts.
 *
 * @author OpenAI Spring Boot contributors
 */
public enum Endpoint {

	/**
	 * {@code POST /v1/chat/completions}, plain and streaming.
	 */
	CHAT,

	/**
	 * {@code POST /v1/embeddings}.
	 */
	EMBEDDINGS,

	/**
	 * {@code POST /v1/images/generations}.
	 */
	IMAGES,

	/**
	 * {@code GET /v1/models} and {@code GET /v1/models/{id}}.
	 */
	MODELS,

	/**
	 * {@code GET /v1/files/sim-image-N.png}: downloads of generated images.
	 */
	FILES;

	static @Nullable Endpoint resolve(String method, String path) {
		String verb = method.toUpperCase(Locale.ROOT);
		if ("POST".equals(verb)) {
			return switch (path) {
				case "/v1/chat/completions" -> CHAT;
				case "/v1/embeddings" -> EMBEDDINGS;
				case "/v1/images/generations" -> IMAGES;
				default -> null;
			};
		}
		if ("GET".equals(verb)) {
			if (path.equals("/v1/models") || (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length())) {
				return MODELS;
			}
			if (path.startsWith("/v1/files/")) {
				return FILES;
			}
		}
		return null;
	}

}
