package io.github.openaiboot.test.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code /v1/batches}: a batch of an uploaded input file is {@code validating},
 * then {@code in_progress}, then {@code completed} once {@link #DURATION} has passed on
 * the simulator's clock, with every chat or embeddings line answered as the endpoint
 * would in an output file, except the lines made to fail, which go to an error file. With
 * an enqueued-token limit, a batch whose estimated prompt tokens, with those of the other
 * batches of its model in flight, are over it fails validation with
 * {@code token_limit_exceeded}, as OpenAI's do.
 *
 * @author OpenAI Spring Boot contributors
 */
final class BatchesResponder {

	static final String PATH = "/v1/batches";

	/**
	 * The time a batch takes to complete.
	 */
	static final Duration DURATION = Duration.ofSeconds(30);

	private final Clock clock;

	private final FilesResponder files;

	private final ChatCompletionResponder chat;

	private final EmbeddingsResponder embeddings;

	private final AtomicLong ids = new AtomicLong();

	private final Map<String, ObjectNode> batches = new ConcurrentSkipListMap<>();

	private final Set<String> failingLines = ConcurrentHashMap.newKeySet();

	// the estimated prompt tokens and the model of each batch, for the enqueued-token limit
	private final Map<String, Long> enqueuedTokens = new ConcurrentHashMap<>();

	private final Map<String, String> models = new ConcurrentHashMap<>();

	private volatile long enqueuedTokenLimit = Long.MAX_VALUE;

	BatchesResponder(Clock clock, FilesResponder files, ChatCompletionResponder chat, EmbeddingsResponder embeddings) {
		this.clock = clock;
		this.files = files;
		this.chat = chat;
		this.embeddings = embeddings;
	}

	static boolean handles(String path) {
		return path.equals(PATH) || path.startsWith(PATH + "/");
	}

	void failLines(List<String> customIds) {
		this.failingLines.addAll(customIds);
	}

	void limitEnqueuedTokens(long limit) {
		this.enqueuedTokenLimit = limit;
	}

	synchronized SimulatedResponse respond(String method, String path, @Nullable String query,
			@Nullable JsonNode body) {
		if (path.equals(PATH)) {
			return "POST".equals(method) ? create(body) : list();
		}
		String[] parts = path.substring(PATH.length() + 1).split("/");
		ObjectNode batch = this.batches.get(parts[0]);
		if (batch == null) {
			return SimulatedResponse.error(404, "No batch found with id '" + parts[0] + "'.", "invalid_request_error",
					null, null);
		}
		if (parts.length > 1 && parts[1].equals("cancel")) {
			if (!isTerminal(advance(batch))) {
				batch.put("status", "cancelled").put("cancelling_at", now()).put("cancelled_at", now());
			}
			return SimulatedResponse.json(200, batch);
		}
		return SimulatedResponse.json(200, advance(batch));
	}

	private SimulatedResponse create(@Nullable JsonNode body) {
		String input = (body != null) ? body.path("input_file_id").asString("") : "";
		byte[] content = this.files.content(input);
		if (content == null) {
			return SimulatedResponse.error(400, "No such File object: " + input, "invalid_request_error",
					"input_file_id", null);
		}
		String endpoint = body.path("endpoint").asString("");
		if (!endpoint.equals("/v1/chat/completions") && !endpoint.equals("/v1/embeddings")) {
			return SimulatedResponse.error(400, "Invalid value for 'endpoint': the simulator batches "
					+ "/v1/chat/completions and /v1/embeddings.", "invalid_request_error", "endpoint", "invalid_value");
		}
		if (!"24h".equals(body.path("completion_window").asString(""))) {
			return SimulatedResponse.error(400, "Invalid value for 'completion_window': supported values are '24h'.",
					"invalid_request_error", "completion_window", "invalid_value");
		}
		String id = "batch_sim" + String.format("%012d", this.ids.incrementAndGet());
		ObjectNode batch = SimulatedResponse.JSON.createObjectNode();
		long now = now();
		batch.put("id", id).put("object", "batch").put("endpoint", endpoint).putNull("errors");
		batch.put("input_file_id", input).put("completion_window", "24h").put("status", "validating");
		batch.putNull("output_file_id").putNull("error_file_id");
		batch.put("created_at", now).putNull("in_progress_at").put("expires_at", now + 86_400);
		batch.putNull("finalizing_at").putNull("completed_at").putNull("failed_at").putNull("expired_at");
		batch.putNull("cancelling_at").putNull("cancelled_at");
		List<String> inputLines = new String(content, StandardCharsets.UTF_8).lines()
			.filter((l) -> !l.isBlank())
			.toList();
		int lines = inputLines.size();
		long tokens = 0;
		String model = "";
		for (String line : inputLines) {
			// about four bytes a token, as the simulator's usage counts them
			tokens += (line.length() + 3) / 4;
			if (model.isEmpty()) {
				try {
					model = SimulatedResponse.JSON.readTree(line).path("body").path("model").asString("");
				}
				catch (JacksonException ex) {
					// a line that is not JSON has no model; it fails when the batch runs
				}
			}
		}
		this.enqueuedTokens.put(id, tokens);
		this.models.put(id, model);
		batch.putObject("request_counts").put("total", lines).put("completed", 0).put("failed", 0);
		batch.set("metadata", body.has("metadata") ? body.get("metadata") : SimulatedResponse.JSON.nullNode());
		this.batches.put(id, batch);
		return SimulatedResponse.json(200, batch);
	}

	private SimulatedResponse list() {
		List<ObjectNode> all = new ArrayList<>();
		this.batches.values().forEach((batch) -> all.add(advance(batch)));
		Collections.reverse(all);
		ObjectNode page = SimulatedResponse.JSON.createObjectNode();
		page.put("object", "list");
		ArrayNode data = page.putArray("data");
		all.forEach(data::add);
		page.put("first_id", all.isEmpty() ? null : all.get(0).path("id").asString());
		page.put("last_id", all.isEmpty() ? null : all.get(all.size() - 1).path("id").asString());
		page.put("has_more", false);
		return SimulatedResponse.json(200, page);
	}

	private static boolean isTerminal(ObjectNode batch) {
		String status = batch.path("status").asString();
		return status.equals("completed") || status.equals("failed") || status.equals("cancelled")
				|| status.equals("expired");
	}

	private ObjectNode advance(ObjectNode batch) {
		if (isTerminal(batch)) {
			return batch;
		}
		long elapsed = now() - batch.path("created_at").asLong();
		long created = batch.path("created_at").asLong();
		if (elapsed >= 1 && batch.path("in_progress_at").isNull() && overEnqueuedTokenLimit(batch)) {
			String model = this.models.getOrDefault(batch.path("id").asString(), "");
			ObjectNode errors = batch.putObject("errors");
			errors.put("object", "list");
			errors.putArray("data").addObject().put("code", "token_limit_exceeded")
				.put("message", "Enqueued token limit reached for " + model + " in organization org-simulator. Limit: "
						+ String.format(Locale.ROOT, "%,d", this.enqueuedTokenLimit) + " enqueued tokens. Please try"
						+ " submitting an older batch after some of your existing batches have completed.")
				.putNull("param")
				.putNull("line");
			batch.put("status", "failed").put("failed_at", created + 1);
			return batch;
		}
		if (elapsed >= 1 && batch.path("in_progress_at").isNull()) {
			batch.put("status", "in_progress").put("in_progress_at", created + 1);
		}
		if (elapsed >= DURATION.toSeconds()) {
			run(batch);
			batch.put("status", "completed").put("finalizing_at", created + DURATION.toSeconds() - 1)
				.put("completed_at", created + DURATION.toSeconds());
		}
		return batch;
	}

	/**
	 * Return whether a validating batch's tokens, with those of the batches of its model
	 * already in progress, are over the limit.
	 */
	private boolean overEnqueuedTokenLimit(ObjectNode batch) {
		long limit = this.enqueuedTokenLimit;
		if (limit == Long.MAX_VALUE) {
			return false;
		}
		String id = batch.path("id").asString();
		String model = this.models.getOrDefault(id, "");
		long inFlight = 0;
		for (ObjectNode other : this.batches.values()) {
			String otherId = other.path("id").asString();
			if (!otherId.equals(id) && "in_progress".equals(other.path("status").asString())
					&& model.equals(this.models.get(otherId))) {
				inFlight += this.enqueuedTokens.getOrDefault(otherId, 0L);
			}
		}
		return inFlight + this.enqueuedTokens.getOrDefault(id, 0L) > limit;
	}

	/**
	 * Answers every line of the input file, writing the output and error files.
	 */
	private void run(ObjectNode batch) {
		byte[] input = this.files.content(batch.path("input_file_id").asString());
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		ByteArrayOutputStream errors = new ByteArrayOutputStream();
		int completed = 0;
		int failed = 0;
		long inputTokens = 0;
		long outputTokens = 0;
		int n = 0;
		for (String line : new String((input != null) ? input : new byte[0], StandardCharsets.UTF_8).lines()
			.filter((l) -> !l.isBlank())
			.toList()) {
			n++;
			JsonNode request;
			try {
				request = SimulatedResponse.JSON.readTree(line);
			}
			catch (JacksonException ex) {
				continue;
			}
			String customId = request.path("custom_id").asString("");
			JsonNode body = request.path("body");
			boolean chat = "/v1/chat/completions".equals(request.path("url").asString());
			SimulatedResponse invalid = chat ? ChatCompletionResponder.validate(body)
					: EmbeddingsResponder.validate(body);
			SimulatedResponse answer = this.failingLines.contains(customId) ? SimulatedResponse.error(400,
					"Invalid value for 'messages': the simulator was told to fail " + customId + ".",
					"invalid_request_error", "messages", "invalid_value")
					: (invalid != null) ? invalid : chat ? this.chat.respond(body, null) : this.embeddings.respond(body);
			ObjectNode out = SimulatedResponse.JSON.createObjectNode();
			out.put("id", "batch_req_sim" + n).put("custom_id", customId);
			ObjectNode response = out.putObject("response");
			response.put("status_code", answer.status()).put("request_id", "req_sim_batch_" + n);
			JsonNode answerBody = SimulatedResponse.JSON.readTree(answer.body());
			response.set("body", answerBody);
			out.putNull("error");
			ByteArrayOutputStream target = (answer.status() == 200) ? output : errors;
			target.writeBytes(SimulatedResponse.JSON.writeValueAsBytes(out));
			target.write('\n');
			if (answer.status() == 200) {
				completed++;
				inputTokens += answerBody.path("usage").path("prompt_tokens").asLong();
				outputTokens += answerBody.path("usage").path("completion_tokens").asLong();
			}
			else {
				failed++;
			}
		}
		String id = batch.path("id").asString();
		if (output.size() > 0) {
			batch.put("output_file_id", this.files.store("batch_output", id + "_output.jsonl", output.toByteArray()));
		}
		if (errors.size() > 0) {
			batch.put("error_file_id", this.files.store("batch_output", id + "_error.jsonl", errors.toByteArray()));
		}
		batch.putObject("request_counts").put("total", n).put("completed", completed).put("failed", failed);
		batch.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens)
			.put("total_tokens", inputTokens + outputTokens);
	}

	private long now() {
		return this.clock.instant().getEpochSecond();
	}

	void reset() {
		this.batches.clear();
		this.failingLines.clear();
		this.enqueuedTokens.clear();
		this.models.clear();
		this.enqueuedTokenLimit = Long.MAX_VALUE;
	}

}
