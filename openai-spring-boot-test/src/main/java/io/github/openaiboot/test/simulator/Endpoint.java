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
	FILES,

	/**
	 * {@code POST /v1/responses}, plain and streaming, and the stored responses:
	 * {@code GET} and {@code DELETE /v1/responses/{id}}, {@code POST /v1/responses/{id}/cancel}
	 * and {@code GET /v1/responses/{id}/input_items}.
	 */
	RESPONSES;

	private static final String RESPONSES_PATH = "/v1/responses";

	static @Nullable Endpoint resolve(String method, String path) {
		String verb = method.toUpperCase(Locale.ROOT);
		if ("POST".equals(verb)) {
			return switch (path) {
				case "/v1/chat/completions" -> CHAT;
				case "/v1/embeddings" -> EMBEDDINGS;
				case "/v1/images/generations" -> IMAGES;
				case RESPONSES_PATH -> RESPONSES;
				default -> storedResponse(path, "cancel") ? RESPONSES : null;
			};
		}
		if ("DELETE".equals(verb)) {
			return storedResponse(path, "") ? RESPONSES : null;
		}
		if ("GET".equals(verb)) {
			if (path.equals("/v1/models") || (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length())) {
				return MODELS;
			}
			if (path.startsWith("/v1/files/")) {
				return FILES;
			}
			if (storedResponse(path, "") || storedResponse(path, "input_items")) {
				return RESPONSES;
			}
		}
		return null;
	}

	/**
	 * Return whether a request to an endpoint carries a JSON body.
	 */
	static boolean takesBody(String method, String path) {
		return "POST".equalsIgnoreCase(method) && !storedResponse(path, "cancel");
	}

	// /v1/responses/{id}, or /v1/responses/{id}/{action}
	private static boolean storedResponse(String path, String action) {
		if (!path.startsWith(RESPONSES_PATH + "/")) {
			return false;
		}
		String rest = path.substring(RESPONSES_PATH.length() + 1);
		int slash = rest.indexOf('/');
		if (action.isEmpty()) {
			return !rest.isEmpty() && slash < 0;
		}
		return slash > 0 && rest.substring(slash + 1).equals(action);
	}

}
