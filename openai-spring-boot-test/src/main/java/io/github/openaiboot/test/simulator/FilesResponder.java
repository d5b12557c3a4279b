package io.github.openaiboot.test.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code /v1/files}: uploads kept in memory, listed newest first with cursor
 * pagination, retrieved, deleted and downloaded.
 *
 * @author OpenAI Spring Boot contributors
 */
final class FilesResponder {

	private static final String PREFIX = Endpoint.FILES_PATH + "/";

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	// ids sort in upload order
	private final Map<String, Stored> files = new ConcurrentSkipListMap<>();

	FilesResponder(Clock clock) {
		this.clock = clock;
	}

	SimulatedResponse respond(String method, String path, @Nullable String query, @Nullable MultipartForm form) {
		if ("POST".equals(method)) {
			return upload(form);
		}
		if (path.equals(Endpoint.FILES_PATH)) {
			return list(Query.parse(query));
		}
		String rest = path.substring(PREFIX.length());
		boolean content = rest.endsWith("/content");
		String id = content ? rest.substring(0, rest.length() - "/content".length()) : rest;
		Stored stored = this.files.get(id);
		if (stored == null) {
			return SimulatedResponse.error(404, "No such File object: " + id, "invalid_request_error", "id", null);
		}
		if ("DELETE".equals(method)) {
			this.files.remove(id);
			ObjectNode deleted = SimulatedResponse.JSON.createObjectNode();
			deleted.put("id", id).put("object", "file").put("deleted", true);
			return SimulatedResponse.json(200, deleted);
		}
		return content ? SimulatedResponse.binary("application/octet-stream", stored.content())
				: SimulatedResponse.json(200, stored.json());
	}

	private SimulatedResponse upload(@Nullable MultipartForm form) {
		if (form == null || form.file() == null) {
			return SimulatedResponse.error(400, "Missing required parameter: 'file'.", "invalid_request_error", "file",
					"missing_required_parameter");
		}
		String purpose = form.fields().path("purpose").asString("");
		if (purpose.isBlank()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'purpose'.", "invalid_request_error",
					"purpose", "missing_required_parameter");
		}
		ObjectNode json = storeUploaded(purpose, (form.filename() != null) ? form.filename() : "upload", form.file(),
				form.fields().path("expires_after[seconds]").asLong(0));
		return SimulatedResponse.json(200, json);
	}

	private SimulatedResponse list(Query query) {
		List<Stored> all = new ArrayList<>(this.files.values());
		if (!"asc".equals(query.order)) {
			Collections.reverse(all);
		}
		List<Stored> matching = all.stream()
			.filter((file) -> query.purpose == null || query.purpose.equals(file.json().path("purpose").asString()))
			.toList();
		int start = 0;
		if (query.after != null) {
			for (int i = 0; i < matching.size(); i++) {
				if (matching.get(i).id().equals(query.after)) {
					start = i + 1;
				}
			}
		}
		int end = Math.min(matching.size(), start + query.limit);
		ObjectNode page = SimulatedResponse.JSON.createObjectNode();
		page.put("object", "list");
		ArrayNode data = page.putArray("data");
		for (Stored file : matching.subList(start, end)) {
			data.add(file.json());
		}
		page.put("first_id", (end > start) ? matching.get(start).id() : null);
		page.put("last_id", (end > start) ? matching.get(end - 1).id() : null);
		page.put("has_more", end < matching.size());
		return SimulatedResponse.json(200, page);
	}

	/**
	 * Returns the content of a file kept.
	 */
	byte @Nullable [] content(String id) {
		Stored stored = this.files.get(id);
		return (stored != null) ? stored.content() : null;
	}

	/**
	 * Keeps a file the simulator writes itself, such as a batch's output, and returns its
	 * id.
	 */
	String store(String purpose, String filename, byte[] content) {
		return storeUploaded(purpose, filename, content, 0).path("id").asString();
	}

	/**
	 * Keeps an uploaded file (sent whole, or completed from an upload's parts), expiring
	 * after the given seconds, or, for purpose {@code batch}, after 30 days, and returns
	 * its description.
	 */
	ObjectNode storeUploaded(String purpose, String filename, byte[] content, long expiresAfterSeconds) {
		String id = "file-sim" + String.format("%012d", this.ids.incrementAndGet());
		long created = this.clock.instant().getEpochSecond();
		ObjectNode json = SimulatedResponse.JSON.createObjectNode();
		json.put("id", id).put("object", "file").put("bytes", content.length).put("created_at", created);
		long seconds = (expiresAfterSeconds > 0) ? expiresAfterSeconds : ("batch".equals(purpose) ? 2592000 : 0);
		if (seconds > 0) {
			json.put("expires_at", created + seconds);
		}
		json.put("filename", filename).put("purpose", purpose);
		this.files.put(id, new Stored(json, content));
		return json.deepCopy();
	}

	/**
	 * Returns the ids of the files kept.
	 */
	List<String> ids() {
		return List.copyOf(this.files.keySet());
	}

	void reset() {
		this.files.clear();
	}

	private record Stored(ObjectNode json, byte[] content) {

		String id() {
			return this.json.path("id").asString();
		}

	}

	private static final class Query {

		private @Nullable String purpose;

		private @Nullable String order;

		private @Nullable String after;

		private int limit = 10_000;

		static Query parse(@Nullable String query) {
			Query parsed = new Query();
			if (query == null) {
				return parsed;
			}
			for (String pair : query.split("&")) {
				int equals = pair.indexOf('=');
				if (equals < 0) {
					continue;
				}
				String value = java.net.URLDecoder.decode(pair.substring(equals + 1),
						java.nio.charset.StandardCharsets.UTF_8);
				switch (pair.substring(0, equals)) {
					case "purpose" -> parsed.purpose = value;
					case "order" -> parsed.order = value;
					case "after" -> parsed.after = value;
					case "limit" -> parsed.limit = Math.max(1, Math.min(10_000, Integer.parseInt(value)));
					default -> {
					}
				}
			}
			return parsed;
		}

	}

}
