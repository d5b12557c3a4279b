package io.github.openaiboot.test.simulator;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Request;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The parts of a {@code multipart/form-data} request: its text fields as a JSON object
 * ({@code key[]} fields as arrays, {@code true}/{@code false} as booleans), and its file
 * (the {@code file} part, or the {@code data} part of an upload's part).
 *
 * @param fields the text fields
 * @param filename the file part's file name, or {@code null} when there is none
 * @param file the file part's content, or {@code null} when there is none
 * @author OpenAI Spring Boot contributors
 */
record MultipartForm(ObjectNode fields, @Nullable String filename, byte @Nullable [] file) {

	static MultipartForm of(Request request) {
		ObjectNode fields = SimulatedResponse.JSON.createObjectNode();
		String filename = null;
		byte[] file = null;
		List<Request.Part> parts = new ArrayList<>((request.getParts() != null) ? request.getParts() : List.of());
		for (Request.Part part : parts) {
			String name = part.getName();
			// "data" is the part of the Uploads API
			if ("file".equals(name) || "data".equals(name)) {
				filename = part.getFileName();
				file = part.getBody().asBytes();
				continue;
			}
			String value = part.getBody().asString();
			if (name.endsWith("[]")) {
				String key = name.substring(0, name.length() - 2);
				ArrayNode array = fields.has(key) ? (ArrayNode) fields.get(key) : fields.putArray(key);
				array.add(value);
			}
			else if ("true".equals(value) || "false".equals(value)) {
				fields.put(name, Boolean.parseBoolean(value));
			}
			else {
				fields.put(name, value);
			}
		}
		return new MultipartForm(fields, filename, file);
	}

}
