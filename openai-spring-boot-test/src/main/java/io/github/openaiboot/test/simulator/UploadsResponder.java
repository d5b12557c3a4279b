package io.github.openaiboot.test.simulator;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code /v1/uploads}: uploads kept in memory, which accept parts while they are
 * {@code pending} and for an hour on the simulator's clock, and which, once completed
 * with parts whose bytes add up to the declared size, become a file of the files store
 * (listed, retrieved and downloaded through {@code /v1/files}).
 *
 * @author OpenAI Spring Boot contributors
 */
final class UploadsResponder {

	static final String PATH = "/v1/uploads";

	/**
	 * Most bytes an upload accepts.
	 */
	static final long MAX_BYTES = 8L * 1024 * 1024 * 1024;

	/**
	 * Most bytes a part holds.
	 */
	static final long MAX_PART_BYTES = 64L * 1024 * 1024;

	private static final long EXPIRY_SECONDS = 3600;

	private static final Set<String> PURPOSES = Set.of("assistants", "batch", "fine-tune", "vision", "user_data",
			"evals");

	private final Clock clock;

	private final FilesResponder files;

	private final AtomicLong ids = new AtomicLong();

	private final Map<String, Pending> uploads = new ConcurrentHashMap<>();

	UploadsResponder(Clock clock, FilesResponder files) {
		this.clock = clock;
		this.files = files;
	}

	static boolean handles(String path) {
		return path.equals(PATH) || path.startsWith(PATH + "/");
	}

	/**
	 * Returns whether a path is that of adding a part, whose body is multipart.
	 */
	static boolean isPart(String path) {
		return handles(path) && path.endsWith("/parts");
	}

	/**
	 * Returns whether a path is that of a cancellation, which has no body.
	 */
	static boolean isCancel(String path) {
		return handles(path) && path.endsWith("/cancel");
	}

	synchronized SimulatedResponse respond(String method, String path, @Nullable JsonNode body,
			@Nullable MultipartForm form) {
		if (!"POST".equals(method)) {
			return SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error",
					null, null);
		}
		if (path.equals(PATH)) {
			return create(body);
		}
		String[] segments = path.substring(PATH.length() + 1).split("/");
		Pending upload = this.uploads.get(segments[0]);
		if (upload == null) {
			return SimulatedResponse.error(404, "No such Upload object: " + segments[0], "invalid_request_error",
					"upload_id", null);
		}
		String action = (segments.length == 2) ? segments[1] : "";
		return switch (action) {
			case "parts" -> addPart(upload, form);
			case "complete" -> complete(upload, body);
			case "cancel" -> cancel(upload);
			default -> SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")",
					"invalid_request_error", null, null);
		};
	}

	private SimulatedResponse create(@Nullable JsonNode body) {
		for (String field : new String[] { "filename", "purpose", "bytes", "mime_type" }) {
			if (body == null || body.path(field).isMissingNode() || body.path(field).isNull()) {
				return SimulatedResponse.error(400, "Missing required parameter: '" + field + "'.",
						"invalid_request_error", field, "missing_required_parameter");
			}
		}
		String purpose = body.path("purpose").asString("");
		if (!PURPOSES.contains(purpose)) {
			return SimulatedResponse.error(400, "Invalid value for 'purpose': '" + purpose + "' is not one of "
					+ "'assistants', 'batch', 'fine-tune', 'vision', 'user_data' or 'evals'.", "invalid_request_error",
					"purpose", "invalid_value");
		}
		long bytes = body.path("bytes").asLong(-1);
		if (bytes < 1 || bytes > MAX_BYTES) {
			return SimulatedResponse.error(400, "Invalid value for 'bytes': an upload can hold between 1 byte and "
					+ MAX_BYTES + " bytes (8 GB), but " + bytes + " were declared.", "invalid_request_error", "bytes",
					"invalid_value");
		}
		long now = now();
		String id = "upload_sim" + String.format("%012d", this.ids.incrementAndGet());
		ObjectNode json = SimulatedResponse.JSON.createObjectNode();
		json.put("id", id).put("object", "upload").put("bytes", bytes).put("created_at", now);
		json.put("filename", body.path("filename").asString()).put("purpose", purpose).put("status", "pending");
		json.put("expires_at", now + EXPIRY_SECONDS).putNull("file");
		long fileExpiry = body.path("expires_after").path("seconds").asLong(0);
		this.uploads.put(id, new Pending(json, fileExpiry));
		return SimulatedResponse.json(200, json);
	}

	private SimulatedResponse addPart(Pending upload, @Nullable MultipartForm form) {
		SimulatedResponse closed = refuseUnlessPending(upload, "add parts to");
		if (closed != null) {
			return closed;
		}
		if (form == null || form.file() == null) {
			return SimulatedResponse.error(400, "Missing required parameter: 'data'.", "invalid_request_error", "data",
					"missing_required_parameter");
		}
		if (form.file().length > MAX_PART_BYTES) {
			return SimulatedResponse.error(400, "Invalid value for 'data': a part can hold at most " + MAX_PART_BYTES
					+ " bytes (64 MB), but this one holds " + form.file().length + ".", "invalid_request_error",
					"data", "invalid_value");
		}
		String id = "part_sim" + String.format("%012d", this.ids.incrementAndGet());
		upload.parts.put(id, form.file());
		ObjectNode part = SimulatedResponse.JSON.createObjectNode();
		part.put("id", id).put("object", "upload.part").put("created_at", now()).put("upload_id", upload.id());
		return SimulatedResponse.json(200, part);
	}

	private SimulatedResponse complete(Pending upload, @Nullable JsonNode body) {
		SimulatedResponse closed = refuseUnlessPending(upload, "complete");
		if (closed != null) {
			return closed;
		}
		JsonNode partIds = (body != null) ? body.path("part_ids") : SimulatedResponse.JSON.missingNode();
		if (!partIds.isArray() || partIds.isEmpty()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'part_ids'.", "invalid_request_error",
					"part_ids", "missing_required_parameter");
		}
		List<byte[]> parts = new ArrayList<>();
		long total = 0;
		for (JsonNode partId : partIds) {
			byte[] part = upload.parts.get(partId.asString(""));
			if (part == null) {
				return SimulatedResponse.error(400, "Invalid value for 'part_ids': part '" + partId.asString("")
						+ "' does not belong to upload " + upload.id() + ".", "invalid_request_error", "part_ids",
						"invalid_value");
			}
			parts.add(part);
			total += part.length;
		}
		long declared = upload.json.path("bytes").asLong();
		if (total != declared) {
			return SimulatedResponse.error(400, "The number of bytes uploaded upon completion (" + total
					+ ") must match the number of bytes initially specified when creating the Upload object ("
					+ declared + ").", "invalid_request_error", "part_ids", null);
		}
		ByteArrayOutputStream content = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, total));
		parts.forEach(content::writeBytes);
		byte[] bytes = content.toByteArray();
		String md5 = (body.path("md5").isString()) ? body.path("md5").asString() : null;
		if (md5 != null && !md5.equalsIgnoreCase(md5(bytes))) {
			return SimulatedResponse.error(400, "The md5 checksum " + md5 + " does not match the bytes uploaded.",
					"invalid_request_error", "md5", "invalid_value");
		}
		ObjectNode file = this.files.storeUploaded(upload.json.path("purpose").asString(),
				upload.json.path("filename").asString(), bytes, upload.fileExpirySeconds);
		upload.json.put("status", "completed").set("file", file);
		upload.parts.clear();
		return SimulatedResponse.json(200, upload.json);
	}

	private SimulatedResponse cancel(Pending upload) {
		SimulatedResponse closed = refuseUnlessPending(upload, "cancel");
		if (closed != null) {
			return closed;
		}
		upload.json.put("status", "cancelled");
		upload.parts.clear();
		return SimulatedResponse.json(200, upload.json);
	}

	private @Nullable SimulatedResponse refuseUnlessPending(Pending upload, String action) {
		if ("pending".equals(upload.status()) && now() >= upload.json.path("expires_at").asLong()) {
			upload.json.put("status", "expired");
			upload.parts.clear();
		}
		if (!"pending".equals(upload.status())) {
			return SimulatedResponse.error(400, "Cannot " + action + " upload " + upload.id() + " with status '"
					+ upload.status() + "'.", "invalid_request_error", null, null);
		}
		return null;
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	private static String md5(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	void reset() {
		this.uploads.clear();
	}

	/**
	 * An upload and the parts added to it, by id.
	 */
	private static final class Pending {

		private final ObjectNode json;

		private final long fileExpirySeconds;

		private final Map<String, byte[]> parts = new ConcurrentHashMap<>();

		Pending(ObjectNode json, long fileExpirySeconds) {
			this.json = json;
			this.fileExpirySeconds = fileExpirySeconds;
		}

		String id() {
			return this.json.path("id").asString();
		}

		String status() {
			return this.json.path("status").asString();
		}

	}

}
