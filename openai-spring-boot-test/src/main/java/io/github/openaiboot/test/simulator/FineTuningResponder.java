package io.github.openaiboot.test.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code /v1/fine_tuning/jobs}: jobs that move on the simulator's clock from
 * {@code validating_files} to {@code queued}, {@code running} and {@code succeeded}
 * (each {@link #STEP} apart), writing events and a checkpoint on the way, and that can
 * be cancelled, paused and resumed.
 *
 * @author OpenAI Spring Boot contributors
 */
final class FineTuningResponder {

	static final String PATH = "/v1/fine_tuning/jobs";

	/**
	 * The time a job spends in each of its stages.
	 */
	static final Duration STEP = Duration.ofSeconds(10);

	private static final String[] STAGES = { "validating_files", "queued", "running", "running", "succeeded" };

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	private final Map<String, Job> jobs = new ConcurrentSkipListMap<>();

	FineTuningResponder(Clock clock) {
		this.clock = clock;
	}

	static boolean handles(String path) {
		return path.equals(PATH) || path.startsWith(PATH + "/");
	}

	static boolean isAction(String path) {
		return path.startsWith(PATH + "/") && (path.endsWith("/cancel") || path.endsWith("/pause")
				|| path.endsWith("/resume"));
	}

	synchronized SimulatedResponse respond(String method, String path, @Nullable String query,
			@Nullable JsonNode body) {
		if (path.equals(PATH)) {
			return "POST".equals(method) ? create(body) : list(query);
		}
		String[] parts = path.substring(PATH.length() + 1).split("/");
		Job job = this.jobs.get(parts[0]);
		if (job == null) {
			return SimulatedResponse.error(404, "Could not find fine tune: " + parts[0], "invalid_request_error",
					"fine_tune_id", "fine_tune_not_found");
		}
		long now = this.clock.millis();
		if (parts.length == 1) {
			return SimulatedResponse.json(200, job.json(now));
		}
		return switch (parts[1]) {
			case "events" -> page(job.events(now), query);
			case "checkpoints" -> page(job.checkpoints(now), query);
			case "cancel" -> {
				if (job.isTerminal(now)) {
					yield SimulatedResponse.error(400, "Job has already completed: " + job.id, "invalid_request_error",
							null, null);
				}
				job.cancelledAt = now;
				yield SimulatedResponse.json(200, job.json(now));
			}
			case "pause" -> {
				if (job.pausedAt == null && !job.isTerminal(now)) {
					job.pausedAt = now;
				}
				yield SimulatedResponse.json(200, job.json(now));
			}
			case "resume" -> {
				if (job.pausedAt != null) {
					job.pausedFor += now - job.pausedAt;
					job.pausedAt = null;
				}
				yield SimulatedResponse.json(200, job.json(now));
			}
			default -> SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")",
					"invalid_request_error", null, null);
		};
	}

	private SimulatedResponse create(@Nullable JsonNode body) {
		if (body == null || !body.path("model").isString()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'model'.", "invalid_request_error",
					"model", "missing_required_parameter");
		}
		if (!body.path("training_file").isString()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'training_file'.",
					"invalid_request_error", "training_file", "missing_required_parameter");
		}
		String id = "ftjob-sim" + String.format("%012d", this.ids.incrementAndGet());
		Job job = new Job(id, body.deepCopy(), this.clock.millis());
		this.jobs.put(id, job);
		return SimulatedResponse.json(200, job.json(job.createdAt));
	}

	private SimulatedResponse list(@Nullable String query) {
		List<ObjectNode> all = new ArrayList<>();
		long now = this.clock.millis();
		this.jobs.values().forEach((job) -> all.add(job.json(now)));
		Collections.reverse(all);
		return page(all, query);
	}

	// newest first, as OpenAI lists jobs, events and checkpoints
	private static SimulatedResponse page(List<ObjectNode> items, @Nullable String query) {
		int limit = 20;
		String after = null;
		if (query != null) {
			for (String pair : query.split("&")) {
				String[] kv = pair.split("=", 2);
				if (kv.length == 2 && kv[0].equals("limit")) {
					limit = Integer.parseInt(kv[1]);
				}
				if (kv.length == 2 && kv[0].equals("after")) {
					after = kv[1];
				}
			}
		}
		int start = 0;
		if (after != null) {
			for (int i = 0; i < items.size(); i++) {
				if (items.get(i).path("id").asString().equals(after)) {
					start = i + 1;
				}
			}
		}
		int end = Math.min(items.size(), start + limit);
		ObjectNode page = SimulatedResponse.JSON.createObjectNode();
		page.put("object", "list");
		ArrayNode data = page.putArray("data");
		items.subList(start, end).forEach(data::add);
		page.put("has_more", end < items.size());
		return SimulatedResponse.json(200, page);
	}

	void reset() {
		this.jobs.clear();
	}

	/**
	 * One job, its stage computed from the time it has run.
	 */
	private static final class Job {

		private final String id;

		private final JsonNode request;

		private final long createdAt;

		private @Nullable Long cancelledAt;

		private @Nullable Long pausedAt;

		private long pausedFor;

		Job(String id, JsonNode request, long createdAt) {
			this.id = id;
			this.request = request;
			this.createdAt = createdAt;
		}

		private long ranFor(long now) {
			long end = (this.cancelledAt != null) ? this.cancelledAt : (this.pausedAt != null) ? this.pausedAt : now;
			return Math.max(0, end - this.createdAt - this.pausedFor);
		}

		private int stage(long now) {
			return (int) Math.min(STAGES.length - 1, ranFor(now) / STEP.toMillis());
		}

		boolean isTerminal(long now) {
			return this.cancelledAt != null || stage(now) == STAGES.length - 1;
		}

		private String status(long now) {
			if (this.cancelledAt != null) {
				return "cancelled";
			}
			if (this.pausedAt != null) {
				return "paused";
			}
			return STAGES[stage(now)];
		}

		private String model() {
			return this.request.path("model").asString();
		}

		private String fineTunedModel() {
			String suffix = this.request.path("suffix").asString("");
			return "ft:" + model() + ":sim-org:" + suffix + ":" + this.id.substring(this.id.length() - 8);
		}

		private long seconds(long millis) {
			return millis / 1000;
		}

		ObjectNode json(long now) {
			ObjectNode job = SimulatedResponse.JSON.createObjectNode();
			String status = status(now);
			job.put("object", "fine_tuning.job").put("id", this.id).put("model", model());
			job.put("created_at", seconds(this.createdAt));
			boolean succeeded = "succeeded".equals(status);
			if (succeeded || this.cancelledAt != null) {
				long finished = (this.cancelledAt != null) ? this.cancelledAt
						: this.createdAt + this.pausedFor + STEP.toMillis() * (STAGES.length - 1);
				job.put("finished_at", seconds(finished));
			}
			else {
				job.putNull("finished_at");
			}
			if (succeeded) {
				job.put("fine_tuned_model", fineTunedModel());
			}
			else {
				job.putNull("fine_tuned_model");
			}
			job.put("organization_id", SimulatedFault.ORGANIZATION);
			ArrayNode results = job.putArray("result_files");
			if (succeeded) {
				results.add("file-sim-results-" + this.id);
			}
			job.put("status", status);
			job.set("validation_file", this.request.path("validation_file").isString()
					? this.request.get("validation_file") : SimulatedResponse.JSON.nullNode());
			job.put("training_file", this.request.path("training_file").asString());
			JsonNode method = this.request.get("method");
			if (method == null) {
				ObjectNode supervised = SimulatedResponse.JSON.createObjectNode();
				supervised.put("type", "supervised")
					.putObject("supervised")
					.putObject("hyperparameters")
					.put("batch_size", "auto")
					.put("learning_rate_multiplier", "auto")
					.put("n_epochs", "auto");
				method = supervised;
			}
			job.set("method", method);
			if (succeeded) {
				job.put("trained_tokens", 12_000);
			}
			else {
				job.putNull("trained_tokens");
			}
			job.putNull("error");
			job.put("seed", this.request.path("seed").asLong(42));
			job.set("metadata", this.request.has("metadata") ? this.request.get("metadata")
					: SimulatedResponse.JSON.nullNode());
			return job;
		}

		/**
		 * The events written so far, newest first.
		 */
		List<ObjectNode> events(long now) {
			int stage = stage(now);
			List<ObjectNode> events = new ArrayList<>();
			events.add(event(1, 0, "info", "Validating training file: " + this.request.path("training_file").asString(),
					"message", null));
			if (stage >= 1) {
				events.add(event(2, 1, "info", "Files validated, moving job to queued state", "message", null));
			}
			if (stage >= 2) {
				events.add(event(3, 2, "info", "Fine-tuning job started", "message", null));
			}
			if (stage >= 3) {
				ObjectNode data = SimulatedResponse.JSON.createObjectNode();
				data.put("step", 50).put("train_loss", 0.52).put("train_mean_token_accuracy", 0.81);
				events.add(event(4, 3, "info", "Step 50/100: training loss=0.52", "metrics", data));
				events.add(event(5, 3, "info", "Checkpoint created at step 50", "message", null));
			}
			if (stage >= 4 && this.cancelledAt == null) {
				events.add(event(6, 4, "info", "New fine-tuned model created: " + fineTunedModel(), "message", null));
				events.add(event(7, 4, "info", "The job has successfully completed", "message", null));
			}
			if (this.cancelledAt != null) {
				events.add(event(8, -1, "info", "Fine-tuning job cancelled", "message", null));
			}
			Collections.reverse(events);
			return events;
		}

		private ObjectNode event(int n, int stage, String level, String message, String type,
				@Nullable ObjectNode data) {
			ObjectNode event = SimulatedResponse.JSON.createObjectNode();
			long at = (stage >= 0) ? this.createdAt + this.pausedFor + STEP.toMillis() * stage
					: (this.cancelledAt != null) ? this.cancelledAt : this.createdAt;
			event.put("object", "fine_tuning.job.event")
				.put("id", "ft-event-" + this.id.substring(this.id.length() - 6) + "-" + n)
				.put("created_at", seconds(at))
				.put("level", level)
				.put("message", message)
				.put("type", type);
			if (data != null) {
				event.set("data", data);
			}
			else {
				event.putNull("data");
			}
			return event;
		}

		List<ObjectNode> checkpoints(long now) {
			if (stage(now) < 3) {
				return List.of();
			}
			ObjectNode checkpoint = SimulatedResponse.JSON.createObjectNode();
			checkpoint.put("object", "fine_tuning.job.checkpoint")
				.put("id", "ftckpt_sim" + this.id.substring(this.id.length() - 8))
				.put("created_at", seconds(this.createdAt + this.pausedFor + STEP.toMillis() * 3))
				.put("fine_tuned_model_checkpoint", fineTunedModel() + ":ckpt-step-50")
				.put("step_number", 50)
				.put("fine_tuning_job_id", this.id);
			checkpoint.putObject("metrics").put("step", 50).put("train_loss", 0.52).put("train_mean_token_accuracy",
					0.81);
			return List.of(checkpoint);
		}

	}

}
