package io.github.openaiboot.batch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatDefaults;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.embedding.DefaultEmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingDefaults;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.file.DefaultFilesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultBatchClient} against WireMock with OpenAI's bodies.
 */
class DefaultBatchClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final BatchSettings SETTINGS = new BatchSettings(50_000, BatchSettings.MAX_BYTES, null,
			java.time.Duration.ofMillis(1));

	private final List<Object> observed = new CopyOnWriteArrayList<>();

	private DefaultBatchClient client(BatchSettings settings, long tokensPerRequest) {
		OpenAiPipeline pipeline = TestPipelines.pipeline(wm.baseUrl());
		OpenAiTransport recording = new OpenAiTransport() {

			@Override
			public <T> Mono<T> exchange(OpenAiRequest<T> request) {
				return pipeline.exchange(request);
			}

			@Override
			public <T> Flux<T> stream(OpenAiRequest<T> request) {
				return pipeline.stream(request);
			}

			@Override
			public <T> Mono<T> observe(OpenAiRequest<T> request, T response) {
				assertThat(request.operation()).isEqualTo(OpenAiOperation.BATCH_RESULT);
				DefaultBatchClientTests.this.observed.add(response);
				return Mono.just(response);
			}

		};
		DefaultChatClient chat = new DefaultChatClient(pipeline, ChatDefaults.of("gpt-4o-mini"));
		DefaultEmbeddingClient embedding = new DefaultEmbeddingClient(pipeline,
				EmbeddingDefaults.of("text-embedding-3-small"));
		return new DefaultBatchClient(recording, new DefaultFilesClient(pipeline), chat::requestBody,
				embedding::requestBody, (request) -> tokensPerRequest, settings);
	}

	static String file(String id, String purpose) {
		return """
				{"id":"%s","object":"file","bytes":120000,"created_at":1677610602,"filename":"batch.jsonl","purpose":"%s"}"""
			.formatted(id, purpose);
	}

	static String batch(String id, String status, String extra) {
		return """
				{"id":"%s","object":"batch","endpoint":"/v1/chat/completions","errors":null,"input_file_id":"file-in",
				"completion_window":"24h","status":"%s","created_at":1711471533,"expires_at":1711557933,
				"request_counts":{"total":4,"completed":2,"failed":1},"metadata":null%s}""".formatted(id, status, extra);
	}

	static String answer(int index, String text) {
		return """
				{"id":"batch_req_%d","custom_id":"request-%d","response":{"status_code":200,"request_id":"req_%d","body":
				{"id":"chatcmpl-%d","object":"chat.completion","created":1711652795,"model":"gpt-4o-mini-2024-07-18",
				"choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"logprobs":null,"finish_reason":"stop"}],
				"usage":{"prompt_tokens":22,"completion_tokens":2,"total_tokens":24}}},"error":null}"""
			.formatted(index, index, index, index, text).replace("\n", "");
	}

	private void stubBatch() {
		wm.stubFor(post("/v1/files").willReturn(okJson(file("file-in", "batch"))));
		wm.stubFor(post("/v1/batches").willReturn(okJson(batch("batch_abc123", "validating", ""))));
		wm.stubFor(get("/v1/batches/batch_abc123").willReturn(okJson(batch("batch_abc123", "completed",
				",\"output_file_id\":\"file-out\",\"error_file_id\":\"file-err\""))));
		// out of order, as the Batch API does not promise input order
		wm.stubFor(get("/v1/files/file-out/content")
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream")
				.withBody(answer(2, "Four.") + "\n" + answer(0, "Two.") + "\n")));
		wm.stubFor(get("/v1/files/file-err/content")
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream")
				.withBody("""
						{"id":"batch_req_1","custom_id":"request-1","response":{"status_code":400,"request_id":"req_e1","body":{"error":{"message":"Invalid value for 'temperature': must be at most 2.","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}},"error":null}
						{"id":"batch_req_9","custom_id":"request-3","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}
						""")));
	}

	@Test
	void submitWritesTheJsonlUploadsItCreatesTheBatchAndMatchesEachOutcomeToItsRequest() {
		stubBatch();
		Flux<ChatRequest> requests = Flux.just(ChatRequest.builder().user("1+1?").build(),
				ChatRequest.builder().user("Too hot").temperature(3.0).build(),
				ChatRequest.builder().model("gpt-4o-mini").maxCompletionTokens(5).user("2+2?").build(),
				ChatRequest.builder().user("late").build(),
				ChatRequest.builder().user("missing").build());
		DefaultBatchClient client = client(SETTINGS, 10);
		StepVerifier.create(client.submit(requests).flatMapMany(BatchSubmission::results))
			.assertNext((result) -> {
				assertThat(result.customId()).isEqualTo("request-0");
				assertThat(result.orThrow().content()).isEqualTo("Two.");
			})
			.assertNext((result) -> {
				assertThat(result.isSuccess()).isFalse();
				assertThat(result.error()).isInstanceOf(InvalidRequestException.class);
				assertThat(result.error().error().param()).isEqualTo("temperature");
				assertThat(result.error().requestId()).isEqualTo("req_e1");
			})
			.assertNext((result) -> assertThat(result.orThrow().content()).isEqualTo("Four."))
			.assertNext((result) -> assertThat(result.error().error().code()).isEqualTo("batch_expired"))
			.assertNext((result) -> {
				assertThat(result.customId()).isEqualTo("request-4");
				assertThat(result.error()).hasMessageContaining("without a result for request-4");
			})
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		List<JsonNode> lines = uploadedLines(onlyUpload());
		assertThat(lines).hasSize(5);
		JsonNode first = lines.get(0);
		assertThat(first.path("custom_id").asString()).isEqualTo("request-0");
		assertThat(first.path("method").asString()).isEqualTo("POST");
		assertThat(first.path("url").asString()).isEqualTo("/v1/chat/completions");
		assertThat(first.path("body").path("model").asString()).isEqualTo("gpt-4o-mini");
		assertThat(first.path("body").path("messages").get(0).path("content").asString()).isEqualTo("1+1?");
		assertThat(first.path("body").has("stream")).isFalse();
		assertThat(lines.get(2).path("body").path("max_completion_tokens").asInt()).isEqualTo(5);
		assertThat(onlyUpload().getRequest().getBodyAsString()).contains("name=\"purpose\"").contains("batch");
		JsonNode create = OpenAiJson.mapper()
			.readTree(wm.getAllServeEvents()
				.stream()
				.filter((event) -> event.getRequest().getUrl().equals("/v1/batches"))
				.findFirst()
				.orElseThrow()
				.getRequest()
				.getBodyAsString());
		assertThat(create.path("input_file_id").asString()).isEqualTo("file-in");
		assertThat(create.path("endpoint").asString()).isEqualTo("/v1/chat/completions");
		assertThat(create.path("completion_window").asString()).isEqualTo("24h");
		// the two answers reach the meters, once per submission
		assertThat(this.observed).hasSize(2).allSatisfy((answer) -> assertThat(answer).isInstanceOf(ChatCompletion.class));
	}

	@Test
	void requestsBeyondABatchsLinesAreSplitIntoSeveralBatches() {
		stubBatch();
		BatchSettings twoLines = new BatchSettings(2, BatchSettings.MAX_BYTES, null, java.time.Duration.ofMillis(1));
		Flux<ChatRequest> requests = Flux.range(0, 5).map((i) -> ChatRequest.builder().user("q" + i).build());
		StepVerifier.create(client(twoLines, 10).submit(requests).map(BatchSubmission::batches))
			.assertNext((batches) -> assertThat(batches).hasSize(3))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		List<List<String>> ids = uploads().stream()
			.map((event) -> uploadedLines(event).stream().map((line) -> line.path("custom_id").asString()).toList())
			.toList();
		assertThat(ids).containsExactly(List.of("request-0", "request-1"), List.of("request-2", "request-3"),
				List.of("request-4"));
		wm.verify(exactly(3), postRequestedFor(urlEqualTo("/v1/batches")));
	}

	@Test
	void requestsBeyondABatchsBytesAreSplitIntoSeveralBatches() {
		stubBatch();
		int line = OpenAiJson.mapper()
			.writeValueAsBytes(new DefaultBatchClient.InputLine("request-0", "POST", "/v1/chat/completions",
					ChatRequest.builder().model("gpt-4o-mini").user("q0").build()))
			.length + 1;
		// room for two lines, not three
		BatchSettings small = new BatchSettings(50_000, line * 2L + 5, null, java.time.Duration.ofMillis(1));
		Flux<ChatRequest> requests = Flux.range(0, 3).map((i) -> ChatRequest.builder().user("q" + i).build());
		StepVerifier.create(client(small, 10).submit(requests).map(BatchSubmission::batches))
			.assertNext((batches) -> assertThat(batches).hasSize(2))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(uploads()).extracting((event) -> uploadedLines(event).size()).containsExactly(2, 1);
	}

	@Test
	void requestsBeyondTheEnqueuedTokenBoundAreSplitAndOneAboveItIsRefused() {
		stubBatch();
		BatchSettings bounded = new BatchSettings(50_000, BatchSettings.MAX_BYTES, 250L,
				java.time.Duration.ofMillis(1));
		Flux<ChatRequest> requests = Flux.range(0, 5).map((i) -> ChatRequest.builder().user("q" + i).build());
		// three files of 200, 200 and 100 tokens; only the first batch has room under 250 now
		StepVerifier.create(client(bounded, 100).submit(requests).map(BatchSubmission::batches))
			.assertNext((batches) -> assertThat(batches).hasSize(1))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(uploads()).extracting((event) -> uploadedLines(event).size()).containsExactly(2, 2, 1);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/batches")));
		wm.resetRequests();
		StepVerifier.create(client(bounded, 300).submit(requests))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("Request 0 is estimated at 300 tokens")
				.hasMessageContaining("openai.batch.max-enqueued-tokens"))
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/files")));
		wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/batches")));
	}

	@Test
	void requestsOfAnotherModelGoInABatchOfTheirOwn() {
		stubBatch();
		Flux<ChatRequest> requests = Flux.just(ChatRequest.builder().user("a").build(),
				ChatRequest.builder().model("gpt-4o").user("b").build(), ChatRequest.builder().user("c").build());
		StepVerifier.create(client(SETTINGS, 10).submit(requests).map(BatchSubmission::batches))
			.assertNext((batches) -> assertThat(batches).hasSize(3))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(uploads()).extracting((event) -> uploadedLines(event).get(0).path("body").path("model").asString())
			.containsExactly("gpt-4o-mini", "gpt-4o", "gpt-4o-mini");
	}

	@Test
	void aBatchWaitsForRoomUnderTheEnqueuedTokenLimitUntilTheBatchesBeforeItHaveEnded() {
		stubCreatedBatches(3);
		for (int n = 1; n <= 3; n++) {
			// each in progress for two polls, then completed with the answers of its requests
			String id = "batch_" + n;
			wm.stubFor(get("/v1/batches/" + id).inScenario(id)
				.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
				.willReturn(okJson(batch(id, "in_progress", "")))
				.willSetStateTo("polled"));
			wm.stubFor(get("/v1/batches/" + id).inScenario(id)
				.whenScenarioStateIs("polled")
				.willReturn(okJson(batch(id, "in_progress", "")))
				.willSetStateTo("done"));
			wm.stubFor(get("/v1/batches/" + id).inScenario(id)
				.whenScenarioStateIs("done")
				.willReturn(okJson(batch(id, "completed", ",\"output_file_id\":\"out-" + n + "\""))));
			int first = (n - 1) * 2;
			wm.stubFor(get("/v1/files/out-" + n + "/content")
				.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream")
					.withBody(answer(first, "A" + first) + "\n" + answer(first + 1, "A" + (first + 1)) + "\n")));
		}
		BatchSettings bounded = new BatchSettings(50_000, BatchSettings.MAX_BYTES, 250L,
				java.time.Duration.ofMillis(1));
		DefaultBatchClient client = client(bounded, 100);
		BatchSubmission<ChatCompletion> submission = client
			.submit(Flux.range(0, 5).map((i) -> ChatRequest.builder().user("q" + i).build()))
			.block(TestPipelines.TIMEOUT);
		assertThat(submission.batches()).extracting(Batch::id).containsExactly("batch_1");
		StepVerifier.create(submission.results().map((result) -> result.orThrow().content()))
			.expectNext("A0", "A1", "A2", "A3", "A4")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(submission.batches()).extracting(Batch::id).containsExactly("batch_1", "batch_2", "batch_3");
		// each batch was created only after the one before it was seen completed
		// (WireMock lists the newest request first)
		List<String> order = new java.util.ArrayList<>(wm.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getMethod() + " " + event.getRequest().getUrl() + " "
					+ event.getResponse().getBodyAsString().contains("\"completed\""))
			.toList());
		java.util.Collections.reverse(order);
		assertThat(indexOfCreate(order, 1)).isLessThan(order.indexOf("GET /v1/batches/batch_1 true"));
		assertThat(indexOfCreate(order, 2)).isGreaterThan(order.indexOf("GET /v1/batches/batch_1 true"));
		assertThat(indexOfCreate(order, 3)).isGreaterThan(order.indexOf("GET /v1/batches/batch_2 true"));
	}

	@Test
	void aBatchFailedForTheOrganizationsEnqueuedTokensIsCreatedAgainAndTheLimitItNamedIsLearned() {
		stubCreatedBatches(4);
		String tokenLimit = ",\"errors\":{\"object\":\"list\",\"data\":[{\"code\":\"token_limit_exceeded\",\"message\":"
				+ "\"Enqueued token limit reached for gpt-4o-mini in organization org-123. Limit: 150 enqueued tokens."
				+ " Please try submitting an older batch after some of your existing batches have completed.\","
				+ "\"param\":null,\"line\":null}]}";
		wm.stubFor(get("/v1/batches/batch_1").willReturn(okJson(batch("batch_1", "failed", tokenLimit))));
		for (int n = 2; n <= 4; n++) {
			wm.stubFor(get("/v1/batches/batch_" + n)
				.willReturn(okJson(batch("batch_" + n, "completed", ",\"output_file_id\":\"out-" + n + "\""))));
			wm.stubFor(get("/v1/files/out-" + n + "/content")
				.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream")
					// custom ids count from 0 in each submission: batch_2 is the first's, 3 and 4 the second's
					.withBody(answer((n == 4) ? 1 : 0, "A" + (n - 2)) + "\n")));
		}
		// one request per batch, no limit configured
		DefaultBatchClient client = client(new BatchSettings(1, BatchSettings.MAX_BYTES, null,
				java.time.Duration.ofMillis(1)), 100);
		BatchSubmission<ChatCompletion> first = client.submit(Flux.just(ChatRequest.builder().user("q0").build()))
			.block(TestPipelines.TIMEOUT);
		StepVerifier.create(first.results().map((result) -> result.orThrow().content()))
			.expectNext("A0")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		// created again from the same file
		List<JsonNode> creates = wm.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/v1/batches"))
			.map((event) -> OpenAiJson.mapper().readTree(event.getRequest().getBodyAsString()))
			.toList();
		assertThat(creates).hasSize(2)
			.extracting((create) -> create.path("input_file_id").asString())
			.containsOnly("file-in");
		// the limit it named (150) now holds a second batch of 100 back while the first is in flight
		wm.resetRequests();
		BatchSubmission<ChatCompletion> second = client
			.submit(Flux.range(1, 2).map((i) -> ChatRequest.builder().user("q" + i).build()))
			.block(TestPipelines.TIMEOUT);
		assertThat(second.batches()).hasSize(1);
		StepVerifier.create(second.results().map((result) -> result.orThrow().content()))
			.expectNext("A1", "A2")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		assertThat(second.batches()).hasSize(2);
	}

	@Test
	void cancellingASubmissionLeavesTheBatchesThatWaitedForRoomUncreated() {
		stubCreatedBatches(1);
		wm.stubFor(post("/v1/batches/batch_1/cancel").willReturn(okJson(batch("batch_1", "cancelling", ""))));
		wm.stubFor(get("/v1/batches/batch_1").willReturn(okJson(batch("batch_1", "cancelled", ""))));
		BatchSettings bounded = new BatchSettings(50_000, BatchSettings.MAX_BYTES, 250L,
				java.time.Duration.ofMillis(1));
		BatchSubmission<ChatCompletion> submission = client(bounded, 100)
			.submit(Flux.range(0, 5).map((i) -> ChatRequest.builder().user("q" + i).build()))
			.block(TestPipelines.TIMEOUT);
		StepVerifier.create(submission.cancel().map(List::size)).expectNext(1).expectComplete().verify(TestPipelines.TIMEOUT);
		StepVerifier.create(submission.results().map((result) -> result.error().getMessage()))
			.assertNext((message) -> assertThat(message).contains("Batch batch_1 ended cancelled"))
			.assertNext((message) -> assertThat(message).contains("Batch batch_1 ended cancelled"))
			.assertNext((message) -> assertThat(message).contains("request-2 was not submitted"))
			.assertNext((message) -> assertThat(message).contains("request-3 was not submitted"))
			.assertNext((message) -> assertThat(message).contains("request-4 was not submitted"))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/batches")));
	}

	private static void stubCreatedBatches(int count) {
		wm.stubFor(post("/v1/files").willReturn(okJson(file("file-in", "batch"))));
		for (int n = 1; n <= count; n++) {
			wm.stubFor(post("/v1/batches").inScenario("create")
				.whenScenarioStateIs((n == 1) ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED
						: "created " + (n - 1))
				.willReturn(okJson(batch("batch_" + n, "validating", "")))
				.willSetStateTo("created " + n));
		}
	}

	private static int indexOfCreate(List<String> order, int nth) {
		int seen = 0;
		for (int i = 0; i < order.size(); i++) {
			if (order.get(i).startsWith("POST /v1/batches ") && ++seen == nth) {
				return i;
			}
		}
		return -1;
	}

	@Test
	void resultsPollUntilTheBatchEndsAndASecondReadingRecordsNothingTwice() {
		wm.stubFor(post("/v1/files").willReturn(okJson(file("file-in", "batch"))));
		wm.stubFor(post("/v1/batches").willReturn(okJson(batch("batch_abc123", "validating", ""))));
		wm.stubFor(get("/v1/batches/batch_abc123").inScenario("poll")
			.whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
			.willReturn(okJson(batch("batch_abc123", "in_progress", "")))
			.willSetStateTo("rate limited"));
		wm.stubFor(get("/v1/batches/batch_abc123").inScenario("poll")
			.whenScenarioStateIs("rate limited")
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"Rate limit reached for requests\",\"type\":\"requests\","
						+ "\"param\":null,\"code\":\"rate_limit_exceeded\"}}"))
			.willSetStateTo("done"));
		wm.stubFor(get("/v1/batches/batch_abc123").inScenario("poll")
			.whenScenarioStateIs("done")
			.willReturn(okJson(batch("batch_abc123", "completed", ",\"output_file_id\":\"file-out\""))));
		wm.stubFor(get("/v1/files/file-out/content")
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(answer(0, "Two."))));
		BatchSubmission<ChatCompletion> submission = client(SETTINGS, 10)
			.submit(Flux.just(ChatRequest.builder().user("1+1?").build()))
			.block(TestPipelines.TIMEOUT);
		for (int reading = 0; reading < 2; reading++) {
			StepVerifier.create(submission.results().map((result) -> result.orThrow().content()))
				.expectNext("Two.")
				.expectComplete()
				.verify(TestPipelines.TIMEOUT);
		}
		wm.verify(exactly(4), getRequestedFor(urlEqualTo("/v1/batches/batch_abc123")));
		assertThat(this.observed).hasSize(1);
	}

	@Test
	void aBatchThatFailedValidationGivesEachRequestItsTypedError() {
		wm.stubFor(post("/v1/files").willReturn(okJson(file("file-in", "batch"))));
		wm.stubFor(post("/v1/batches").willReturn(okJson(batch("batch_abc123", "validating", ""))));
		wm.stubFor(get("/v1/batches/batch_abc123").willReturn(okJson(batch("batch_abc123", "failed",
				",\"errors\":{\"object\":\"list\",\"data\":[{\"code\":\"token_limit_exceeded\",\"message\":\"Enqueued token limit reached for gpt-4o-mini in organization org-123. Limit: 2,000,000 enqueued tokens. Please try submitting an older batch after some of your existing batches have completed.\",\"param\":null,\"line\":null}]}"))));
		StepVerifier.create(client(SETTINGS, 10).submit(Flux.just(ChatRequest.builder().user("1+1?").build()))
			.flatMapMany(BatchSubmission::results))
			.assertNext((result) -> {
				assertThat(result.error().error().code()).isEqualTo("token_limit_exceeded");
				assertThat(result.error()).hasMessageContaining("Enqueued token limit reached");
			})
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void listAndCancelUseTheBatchesEndpoints() {
		wm.stubFor(get(urlPathEqualTo("/v1/batches")).willReturn(okJson("{\"object\":\"list\",\"data\":["
				+ batch("batch_1", "completed", "") + "],\"first_id\":\"batch_1\",\"last_id\":\"batch_1\",\"has_more\":false}")));
		wm.stubFor(post("/v1/batches/batch_1/cancel").willReturn(okJson(batch("batch_1", "cancelling", ""))));
		StepVerifier.create(client(SETTINGS, 0).list().map(Batch::id))
			.expectNext("batch_1")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		StepVerifier.create(client(SETTINGS, 0).cancel("batch_1").map(Batch::status))
			.expectNext(BatchStatus.CANCELLING)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/batches?limit=100")));
	}

	private static List<ServeEvent> uploads() {
		List<ServeEvent> events = new java.util.ArrayList<>(wm.getAllServeEvents()
			.stream()
			.filter((event) -> event.getRequest().getUrl().equals("/v1/files"))
			.toList());
		java.util.Collections.reverse(events);
		return events;
	}

	private static ServeEvent onlyUpload() {
		List<ServeEvent> uploads = uploads();
		assertThat(uploads).hasSize(1);
		return uploads.get(0);
	}

	private static List<JsonNode> uploadedLines(ServeEvent upload) {
		return upload.getRequest()
			.getParts()
			.stream()
			.filter((part) -> "file".equals(part.getName()))
			.findFirst()
			.orElseThrow()
			.getBody()
			.asString()
			.lines()
			.filter((line) -> !line.isBlank())
			.map((line) -> OpenAiJson.mapper().readTree(line))
			.toList();
	}

}
