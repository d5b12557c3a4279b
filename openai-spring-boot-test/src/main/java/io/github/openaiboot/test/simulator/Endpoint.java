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
	 * Files: {@code POST} and {@code GET /v1/files}, {@code GET} and
	 * {@code DELETE /v1/files/{id}}, {@code GET /v1/files/{id}/content}, and the
	 * downloads of generated images, {@code GET /v1/files/sim-image-N.png}.
	 */
	FILES,

	/**
	 * The Uploads API: {@code POST /v1/uploads}, {@code POST /v1/uploads/{id}/parts},
	 * {@code POST /v1/uploads/{id}/complete} and {@code POST /v1/uploads/{id}/cancel}.
	 */
	UPLOADS,

	/**
	 * {@code POST /v1/audio/transcriptions} (plain and streamed),
	 * {@code POST /v1/audio/translations} and {@code POST /v1/audio/speech}.
	 */
	AUDIO,

	/**
	 * {@code POST /v1/moderations}.
	 */
	MODERATIONS,

	/**
	 * {@code POST /v1/responses}, plain and streaming, and the stored responses:
	 * {@code GET} and {@code DELETE /v1/responses/{id}}, {@code POST /v1/responses/{id}/cancel}
	 * and {@code GET /v1/responses/{id}/input_items}.
	 */
	RESPONSES,

	/**
	 * {@code /v1/fine_tuning/jobs}: creation, listing and retrieval of jobs, their
	 * events and checkpoints, and their cancellation, pausing and resumption.
	 */
	FINE_TUNING,

	/**
	 * {@code /v1/batches}: creation, listing, retrieval and cancellation of batches.
	 */
	BATCHES;

	private static final String RESPONSES_PATH = "/v1/responses";

	static final String FILES_PATH = "/v1/files";

	static @Nullable Endpoint resolve(String method, String path) {
		String verb = method.toUpperCase(Locale.ROOT);
		if (("POST".equals(verb) || "GET".equals(verb)) && FineTuningResponder.handles(path)) {
			return FINE_TUNING;
		}
		if (("POST".equals(verb) || "GET".equals(verb)) && BatchesResponder.handles(path)) {
			return BATCHES;
		}
		if ("POST".equals(verb) && UploadsResponder.handles(path)) {
			return UPLOADS;
		}
		if ("POST".equals(verb)) {
			return switch (path) {
				case "/v1/chat/completions" -> CHAT;
				case "/v1/embeddings" -> EMBEDDINGS;
				case "/v1/images/generations" -> IMAGES;
				case RESPONSES_PATH -> RESPONSES;
				case "/v1/audio/transcriptions", "/v1/audio/translations", "/v1/audio/speech" -> AUDIO;
				case "/v1/moderations" -> MODERATIONS;
				case FILES_PATH -> FILES;
				default -> storedResponse(path, "cancel") ? RESPONSES : null;
			};
		}
		if ("DELETE".equals(verb)) {
			if (path.startsWith(FILES_PATH + "/")) {
				return FILES;
			}
			return storedResponse(path, "") ? RESPONSES : null;
		}
		if ("GET".equals(verb)) {
			if (path.equals("/v1/models") || (path.startsWith("/v1/models/") && path.length() > "/v1/models/".length())) {
				return MODELS;
			}
			if (path.equals(FILES_PATH) || path.startsWith(FILES_PATH + "/")) {
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
		return "POST".equalsIgnoreCase(method) && !storedResponse(path, "cancel") && !isMultipart(path)
				&& !FineTuningResponder.isAction(path) && !path.startsWith(BatchesResponder.PATH + "/")
				&& !UploadsResponder.isCancel(path);
	}

	/**
	 * Return whether a request to an endpoint carries a {@code multipart/form-data} body.
	 */
	static boolean isMultipart(String path) {
		return path.equals(FILES_PATH) || path.equals("/v1/audio/transcriptions")
				|| path.equals("/v1/audio/translations") || UploadsResponder.isPart(path);
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
