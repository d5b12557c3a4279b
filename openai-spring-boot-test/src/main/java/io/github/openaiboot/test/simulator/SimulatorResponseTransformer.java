package io.github.openaiboot.test.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The WireMock extension that turns every request into the answer OpenAI would give, applying injected faults and
 * rate limits first.
 *
 * @author OpenAI Spring Boot contributors
 */
final class SimulatorResponseTransformer implements ResponseDefinitionTransformerV2 {

	static final String NAME = "openai-simulator";

	private static final String PARSE_ERROR = "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";

	private final RequestJournal journal;

	private final FaultRegistry faults;

	private final RateLimiter rateLimiter;

	private final ChatCompletionResponder chat;

	private final ResponsesResponder responses;

	private final EmbeddingsResponder embeddings = new EmbeddingsResponder();

	private final @Nullable FineTuningResponder fineTuning;

	private final @Nullable BatchesResponder batches;

	private final ImagesResponder images;

	private final ModelsResponder models = new ModelsResponder();

	private final AudioResponder audio = new AudioResponder();

	private final ModerationsResponder moderations = new ModerationsResponder();

	private final FilesResponder files;

	private final @Nullable UploadsResponder uploads;

	private final Duration chunkDelay;

	private final boolean azure;

	SimulatorResponseTransformer(RequestJournal journal, FaultRegistry faults, RateLimiter rateLimiter,
			ChatCompletionResponder chat, ResponsesResponder responses, ImagesResponder images, FilesResponder files,
			Duration chunkDelay, boolean azure) {
		this(journal, faults, rateLimiter, chat, responses, images, files, null, null, null, chunkDelay, azure);
	}

	SimulatorResponseTransformer(RequestJournal journal, FaultRegistry faults, RateLimiter rateLimiter,
			ChatCompletionResponder chat, ResponsesResponder responses, ImagesResponder images, FilesResponder files,
			@Nullable FineTuningResponder fineTuning, @Nullable BatchesResponder batches,
			@Nullable UploadsResponder uploads, Duration chunkDelay, boolean azure) {
		this.fineTuning = fineTuning;
		this.batches = batches;
		this.uploads = uploads;
		this.files = files;
		this.journal = journal;
		this.faults = faults;
		this.rateLimiter = rateLimiter;
		this.chat = chat;
		this.responses = responses;
		this.images = images;
		this.chunkDelay = chunkDelay;
		this.azure = azure;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		long start = System.nanoTime();
		Request request = serveEvent.getRequest();
		String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
		URI uri = URI.create(request.getUrl());
		String path = uri.getRawPath();
		// a part of an upload holds up to 64 MB of the file: neither decoded nor journalled
		String body = (request.getBody() != null && !UploadsResponder.isPart(uri.getRawPath()))
				? request.getBodyAsString() : "";
		String deployment = null;
		if (this.azure) {
			if (!request.containsHeader("api-key") && !request.containsHeader("Authorization")) {
				return render(azureError(401, "Access denied due to invalid subscription key or wrong API endpoint. "
						+ "Make sure to provide a valid key for an active subscription and use a correct regional "
						+ "API endpoint for your resource."), Duration.ZERO, start);
			}
			AzurePath azurePath = AzurePath.of(path, uri.getRawQuery());
			if (azurePath == null) {
				return render(azureError(404, "Resource not found"), Duration.ZERO, start);
			}
			path = azurePath.path();
			deployment = azurePath.deployment();
		}
		Endpoint endpoint = Endpoint.resolve(method, path);
		this.journal.record(endpoint, body);
		if (endpoint == null) {
			return render(SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")",
					"invalid_request_error", null, null), Duration.ZERO, start);
		}
		JsonNode json = null;
		MultipartForm form = null;
		if (Endpoint.isMultipart(path) && "POST".equals(method)) {
			if (!request.isMultipart()) {
				return render(SimulatedResponse.error(400, "Expected a multipart/form-data body",
						"invalid_request_error", null, null), Duration.ZERO, start);
			}
			form = MultipartForm.of(request);
			json = form.fields();
			if (deployment != null && !json.has("model")) {
				((tools.jackson.databind.node.ObjectNode) json).put("model", deployment);
			}
		}
		else if (Endpoint.takesBody(method, path)) {
			try {
				json = SimulatedResponse.JSON.readTree(body);
			}
			catch (JacksonException ex) {
				json = null;
			}
			if (json == null || !json.isObject()) {
				return render(SimulatedResponse.error(400, PARSE_ERROR, "invalid_request_error", null, null),
						Duration.ZERO, start);
			}
			if (deployment != null && !json.has("model")) {
				((tools.jackson.databind.node.ObjectNode) json).put("model", deployment);
			}
		}
		boolean streaming = json != null && json.path("stream").isBoolean() && json.path("stream").booleanValue();
		SimulatedFault fault = this.faults.take(endpoint, streaming);
		if (fault == null) {
			return render(normal(endpoint, method, path, uri.getRawQuery(), json, form, null), Duration.ZERO, start);
		}
		String model = (json != null) ? json.path("model").asString("gpt-4o-mini")
				: path.substring(path.lastIndexOf('/') + 1);
		return switch (fault.kind()) {
			case CONNECTION_RESET -> ResponseDefinitionBuilder.responseDefinition()
				.withFault(Fault.CONNECTION_RESET_BY_PEER)
				.build();
			case ERROR -> render(SimulatedResponse.error(fault.status(), fault.message(model), fault.type(),
					fault.param(), fault.code()), Duration.ZERO, start);
			case RATE_LIMITED -> render(rateLimited(fault, model), Duration.ZERO, start);
			case SLOW_RESPONSE -> render(normal(endpoint, method, path, uri.getRawQuery(), json, form, null), fault.delay(), start);
			case MALFORMED_JSON -> render(normal(endpoint, method, path, uri.getRawQuery(), json, form, null).truncated(), Duration.ZERO, start);
			case ERROR_FRAME, STREAM_CUT -> render(normal(endpoint, method, path, uri.getRawQuery(), json, form, fault), Duration.ZERO, start);
			case CONTENT_FILTERED -> render(contentFiltered(fault), Duration.ZERO, start);
		};
	}

	private static SimulatedResponse azureError(int status, String message) {
		tools.jackson.databind.node.ObjectNode root = SimulatedResponse.JSON.createObjectNode();
		root.putObject("error").put("code", String.valueOf(status)).put("message", message);
		return SimulatedResponse.json(status, root);
	}

	private static SimulatedResponse contentFiltered(SimulatedFault fault) {
		tools.jackson.databind.node.ObjectNode root = SimulatedResponse.JSON.createObjectNode();
		tools.jackson.databind.node.ObjectNode error = SimulatedResponse.errorNode(fault.message("gpt-4o-mini"), null,
				fault.param(), fault.code());
		error.put("status", fault.status());
		tools.jackson.databind.node.ObjectNode inner = error.putObject("innererror");
		inner.put("code", "ResponsibleAIPolicyViolation");
		tools.jackson.databind.node.ObjectNode results = inner.putObject("content_filter_result");
		for (String category : new String[] { "hate", "self_harm", "sexual" }) {
			results.putObject(category).put("filtered", false).put("severity", "safe");
		}
		results.putObject("jailbreak").put("filtered", false).put("detected", false);
		results.putObject("violence").put("filtered", true).put("severity", "medium");
		root.set("error", error);
		return SimulatedResponse.json(fault.status(), root);
	}

	/**
	 * An Azure OpenAI path and the OpenAI path it stands for.
	 */
	private record AzurePath(String path, @Nullable String deployment) {

		static @Nullable AzurePath of(String path, @Nullable String query) {
			if (path.startsWith("/openai/v1/")) {
				return new AzurePath(path.substring("/openai".length()), null);
			}
			boolean versioned = query != null && query.contains("api-version=");
			if (!versioned) {
				return null;
			}
			if (path.startsWith("/openai/deployments/")) {
				String rest = path.substring("/openai/deployments/".length());
				int slash = rest.indexOf('/');
				return (slash > 0) ? new AzurePath("/v1" + rest.substring(slash), rest.substring(0, slash)) : null;
			}
			if (path.startsWith("/openai/")) {
				return new AzurePath("/v1" + path.substring("/openai".length()), null);
			}
			return null;
		}

	}

	private SimulatedResponse rateLimited(SimulatedFault fault, String model) {
		SimulatedResponse response = SimulatedResponse.error(429, fault.message(model), fault.type(), null,
				fault.code());
		// the headers describe the per-minute limits, which a daily limit leaves untouched
		boolean requestsLeft = "tokens".equals(fault.type()) || fault.isDaily();
		boolean tokensLeft = !"tokens".equals(fault.type()) || fault.isDaily();
		response.header("x-ratelimit-limit-requests", "3500");
		response.header("x-ratelimit-limit-tokens", "30000");
		response.header("x-ratelimit-remaining-requests", requestsLeft ? "3499" : "0");
		response.header("x-ratelimit-remaining-tokens", tokensLeft ? "29000" : "0");
		response.header("x-ratelimit-reset-requests", requestsLeft ? "17ms" : GoDuration.format(fault.delay()));
		response.header("x-ratelimit-reset-tokens", tokensLeft ? "2ms" : GoDuration.format(fault.delay()));
		Duration retryAfter = fault.retryAfterHeader();
		if (retryAfter != null) {
			response.header("retry-after", String.valueOf((retryAfter.toMillis() + 999) / 1000));
		}
		Long retryAfterMs = fault.retryAfterMsHeader();
		if (retryAfterMs != null) {
			response.header("retry-after-ms", String.valueOf(retryAfterMs));
		}
		return response;
	}

	private SimulatedResponse normal(Endpoint endpoint, String method, String path, @Nullable String query,
			@Nullable JsonNode json, @Nullable MultipartForm form, @Nullable SimulatedFault streamFault) {
		return switch (endpoint) {
			case CHAT -> limited(json, ChatCompletionResponder.validate(json),
					() -> ChatCompletionResponder.costTokens(json), () -> this.chat.respond(json, streamFault));
			case EMBEDDINGS -> limited(json, EmbeddingsResponder.validate(json),
					() -> EmbeddingsResponder.promptTokens(json), () -> this.embeddings.respond(json));
			case IMAGES -> limited(json, ImagesResponder.validate(json), () -> 0L, () -> this.images.respond(json));
			case MODELS -> this.models.respond(path).headers(this.rateLimiter.freeHeaders());
			case FILES -> (path.startsWith("/v1/files/sim-image-") ? this.images.file(path)
					: this.files.respond(method, path, query, form)).headers(this.rateLimiter.freeHeaders());
			case AUDIO -> limited(json, this.audio.validate(path, json, form), () -> 0L,
					() -> this.audio.respond(path, json, form));
			case MODERATIONS -> limited(json, ModerationsResponder.validate(json), () -> 0L,
					() -> this.moderations.respond(json));
			case FINE_TUNING -> (this.fineTuning != null)
					? this.fineTuning.respond(method, path, query, json).headers(this.rateLimiter.freeHeaders())
					: SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error",
							null, null);
			case UPLOADS -> (this.uploads != null)
					? this.uploads.respond(method, path, json, form).headers(this.rateLimiter.freeHeaders())
					: SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error",
							null, null);
			case BATCHES -> (this.batches != null)
					? this.batches.respond(method, path, query, json).headers(this.rateLimiter.freeHeaders())
					: SimulatedResponse.error(404, "Invalid URL (" + method + " " + path + ")", "invalid_request_error",
							null, null);
			case RESPONSES -> (json != null) ? limited(json, this.responses.validate(json),
					() -> ResponsesResponder.costTokens(json), () -> this.responses.respond(json, streamFault))
					: this.responses.stored().respond(method, path, query).headers(this.rateLimiter.freeHeaders());
		};
	}

	private SimulatedResponse limited(JsonNode json, @Nullable SimulatedResponse invalid,
			java.util.function.LongSupplier cost, java.util.function.Supplier<SimulatedResponse> answer) {
		if (invalid != null) {
			return invalid;
		}
		String model = json.path("model").asString("dall-e-2");
		RateLimiter.Decision decision = this.rateLimiter.acquire(model, cost.getAsLong());
		if (!decision.allowed()) {
			return SimulatedResponse
				.error(429, decision.message(), decision.type(), null, "rate_limit_exceeded")
				.headers(decision.headers());
		}
		return answer.get().headers(decision.headers());
	}

	private ResponseDefinition render(SimulatedResponse response, Duration delay, long start) {
		long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
		ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(response.status())
			.withHeader("Content-Type", response.contentType())
			.withHeader(this.azure ? "apim-request-id" : "x-request-id", this.azure ? UUID.randomUUID().toString()
					: "req_" + UUID.randomUUID().toString().replace("-", ""))
			.withHeader("openai-organization", SimulatedFault.ORGANIZATION)
			.withHeader("openai-processing-ms", String.valueOf(Math.max(1, elapsed + delay.toMillis())))
			.withHeader("openai-version", "2020-10-01");
		for (Map.Entry<String, String> header : response.headers().entrySet()) {
			builder.withHeader(header.getKey(), header.getValue());
		}
		if (response.frames() > 0) {
			builder.withHeader("Cache-Control", "no-cache");
		}
		builder.withBody(response.body());
		if (response.frames() > 1 && !this.chunkDelay.isZero()) {
			builder.withChunkedDribbleDelay(response.frames(),
					(int) Math.min(Integer.MAX_VALUE, this.chunkDelay.toMillis() * response.frames()));
		}
		if (!delay.isZero()) {
			builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delay.toMillis()));
		}
		return builder.build();
	}

}
