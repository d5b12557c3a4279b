package io.github.openaiboot.test.simulator;

import java.net.http.HttpResponse;
import java.util.List;

import io.github.openaiboot.test.OpenAiSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulated {@code POST /v1/chat/completions}.
 *
 * @author OpenAI Spring Boot contributors
 */
class ChatCompletionTests {

	private static final String HELLO = """
			{"model":"gpt-4o-mini","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is the capital of France?"}]}""";

	private static final String TOOLS = """
			"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object",
			"properties":{"city":{"type":"string"},"unit":{"type":"string","enum":["celsius","fahrenheit"]},"days":{"type":"integer"}}}}}]""";

	@RegisterExtension
	static OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder().streamChunks(4));

	private SimulatorHttp http() {
		return new SimulatorHttp(openai.baseUrl());
	}

	@Test
	void answersWithOpenAiShapedCompletion() {
		HttpResponse<String> response = http().post("/chat/completions", HELLO);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode json = SimulatorHttp.json(response.body());
		assertThat(json.path("id").asString()).startsWith("chatcmpl-");
		assertThat(json.path("object").asString()).isEqualTo("chat.completion");
		assertThat(json.path("created").asLong()).isPositive();
		assertThat(json.path("model").asString()).isEqualTo("gpt-4o-mini");
		assertThat(json.path("system_fingerprint").asString()).isEqualTo("fp_sim");
		JsonNode choice = json.path("choices").get(0);
		assertThat(choice.path("index").asInt()).isZero();
		assertThat(choice.path("message").path("role").asString()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").asString())
			.isEqualTo("Simulated answer to: What is the capital of France?");
		assertThat(choice.path("message").has("refusal")).isTrue();
		assertThat(choice.path("message").path("refusal").isNull()).isTrue();
		assertThat(choice.path("logprobs").isNull()).isTrue();
		assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
		JsonNode usage = json.path("usage");
		// 9 + 30 characters -> 10 tokens, + 3 per message + 3
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(10 + 6 + 3);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(9);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(28);
		assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
		assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isZero();
	}

	@Test
	void sendsOpenAiHeadersOnEveryResponse() {
		HttpResponse<String> first = http().post("/chat/completions", HELLO);
		HttpResponse<String> second = http().post("/chat/completions", HELLO);
		assertThat(first.headers().firstValue("x-request-id")).hasValueSatisfying((id) -> assertThat(id).matches("req_[0-9a-f]{32}"));
		assertThat(first.headers().firstValue("x-request-id")).isNotEqualTo(second.headers().firstValue("x-request-id"));
		assertThat(first.headers().firstValue("openai-processing-ms")).hasValueSatisfying((ms) -> assertThat(Long.parseLong(ms)).isPositive());
		assertThat(first.headers().firstValue("openai-organization")).hasValue("org-simulator");
		for (String name : List.of("x-ratelimit-limit-requests", "x-ratelimit-limit-tokens",
				"x-ratelimit-remaining-requests", "x-ratelimit-remaining-tokens")) {
			assertThat(first.headers().firstValue(name)).hasValueSatisfying((value) -> assertThat(value).matches("\\d+"));
		}
		assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying((value) -> assertThat(value).matches("[0-9.hms]+"));
		assertThat(first.headers().firstValue("x-ratelimit-reset-tokens")).isPresent();
	}

	@Test
	void answersEveryRequestedChoice() {
		JsonNode json = SimulatorHttp.json(http().post("/chat/completions", HELLO.replace("\"model\"", "\"n\":3,\"model\"")).body());
		assertThat(json.path("choices")).hasSize(3);
		assertThat(json.path("choices").get(2).path("index").asInt()).isEqualTo(2);
		assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(27);
	}

	@Test
	void cutsTheAnswerAtMaxTokensWithFinishReasonLength() {
		JsonNode json = SimulatorHttp.json(http().post("/chat/completions", HELLO.replace("\"model\"", "\"max_tokens\":3,\"model\"")).body());
		assertThat(json.path("choices").get(0).path("message").path("content").asString()).isEqualTo("Simulated answer to:");
		assertThat(json.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
		assertThat(json.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
	}

	@Test
	void streamsRoleContentFinishAndDoneFrames() {
		HttpResponse<String> response = http().post("/chat/completions", HELLO.replace("\"model\"", "\"stream\":true,\"model\""));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("content-type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.headers().firstValue("x-request-id")).isPresent();
		assertThat(response.body()).contains("\n\n").startsWith("data: {");
		List<String> frames = SimulatorHttp.dataFrames(response.body());
		assertThat(frames).hasSize(1 + 4 + 1 + 1);
		assertThat(frames.get(frames.size() - 1)).isEqualTo("[DONE]");
		List<JsonNode> chunks = frames.subList(0, frames.size() - 1).stream().map(SimulatorHttp::json).toList();
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.has("usage")).isFalse();
		});
		assertThat(chunks.stream().map((chunk) -> chunk.path("id").asString()).distinct()).hasSize(1);
		JsonNode roleDelta = chunks.get(0).path("choices").get(0).path("delta");
		assertThat(roleDelta.path("role").asString()).isEqualTo("assistant");
		assertThat(roleDelta.path("content").asString()).isEmpty();
		StringBuilder content = new StringBuilder();
		for (JsonNode chunk : chunks.subList(1, 5)) {
			assertThat(chunk.path("choices").get(0).path("finish_reason").isNull()).isTrue();
			content.append(chunk.path("choices").get(0).path("delta").path("content").asString());
		}
		assertThat(content).hasToString("Simulated answer to: What is the capital of France?");
		JsonNode finish = chunks.get(5).path("choices").get(0);
		assertThat(finish.path("delta").isEmpty()).isTrue();
		assertThat(finish.path("finish_reason").asString()).isEqualTo("stop");
	}

	@Test
	void streamsUsageChunkOnlyWhenAsked() {
		String body = HELLO.replace("\"model\"", "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"model\"");
		List<String> frames = SimulatorHttp.dataFrames(http().post("/chat/completions", body).body());
		assertThat(frames).hasSize(8).last().isEqualTo("[DONE]");
		JsonNode usageChunk = SimulatorHttp.json(frames.get(6));
		assertThat(usageChunk.path("choices").isArray()).isTrue();
		assertThat(usageChunk.path("choices").isEmpty()).isTrue();
		assertThat(usageChunk.path("usage").path("total_tokens").asInt()).isEqualTo(28);
		for (String frame : frames.subList(0, 6)) {
			JsonNode chunk = SimulatorHttp.json(frame);
			assertThat(chunk.has("usage")).isTrue();
			assertThat(chunk.path("usage").isNull()).isTrue();
		}
	}

	@Test
	void answersWithToolCallWhenToolChoiceIsRequired() {
		String body = HELLO.replace("\"model\"", TOOLS + ",\"tool_choice\":\"required\",\"model\"");
		JsonNode choice = SimulatorHttp.json(http().post("/chat/completions", body).body()).path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		assertThat(choice.path("message").path("content").isNull()).isTrue();
		JsonNode call = choice.path("message").path("tool_calls").get(0);
		assertThat(call.path("id").asString()).startsWith("call_");
		assertThat(call.path("type").asString()).isEqualTo("function");
		assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
		JsonNode arguments = SimulatorHttp.json(call.path("function").path("arguments").asString());
		assertThat(arguments.path("city").asString()).isEqualTo("simulated city");
		assertThat(arguments.path("unit").asString()).isEqualTo("celsius");
		assertThat(arguments.path("days").asInt()).isEqualTo(1);
	}

	@Test
	void answersWithToolCallWhenUserAsksForTool() {
		String body = """
				{"model":"gpt-4o","messages":[{"role":"user","content":"Use the tool please"}],%s}""".formatted(TOOLS);
		JsonNode choice = SimulatorHttp.json(http().post("/chat/completions", body).body()).path("choices").get(0);
		assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
		String plain = HELLO.replace("\"model\"", TOOLS + ",\"model\"");
		JsonNode text = SimulatorHttp.json(http().post("/chat/completions", plain).body()).path("choices").get(0);
		assertThat(text.path("finish_reason").asString()).isEqualTo("stop");
	}

	@Test
	void answersToolResultWithText() {
		String body = """
				{"model":"gpt-4o","tool_choice":"auto",%s,"messages":[{"role":"user","content":"Use the tool"},
				{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]},
				{"role":"tool","tool_call_id":"call_1","content":"sunny, 21 degrees"}]}""".formatted(TOOLS);
		JsonNode choice = SimulatorHttp.json(http().post("/chat/completions", body).body()).path("choices").get(0);
		assertThat(choice.path("message").path("content").asString())
			.isEqualTo("Simulated answer using tool result: sunny, 21 degrees");
	}

	@Test
	void streamsToolCallAsFragments() {
		String body = HELLO.replace("\"model\"",
				TOOLS + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},\"stream\":true,\"model\"");
		List<String> frames = SimulatorHttp.dataFrames(http().post("/chat/completions", body).body());
		assertThat(frames).last().isEqualTo("[DONE]");
		List<JsonNode> deltas = frames.subList(0, frames.size() - 1)
			.stream()
			.map((frame) -> SimulatorHttp.json(frame).path("choices").get(0))
			.toList();
		JsonNode first = deltas.get(0).path("delta").path("tool_calls").get(0);
		assertThat(first.path("index").asInt()).isZero();
		assertThat(first.path("id").asString()).startsWith("call_");
		assertThat(first.path("type").asString()).isEqualTo("function");
		assertThat(first.path("function").path("name").asString()).isEqualTo("get_weather");
		assertThat(first.path("function").path("arguments").asString()).isEmpty();
		StringBuilder arguments = new StringBuilder();
		for (JsonNode fragment : deltas.subList(1, deltas.size() - 1)) {
			JsonNode call = fragment.path("delta").path("tool_calls").get(0);
			assertThat(call.path("index").asInt()).isZero();
			assertThat(call.has("id")).isFalse();
			arguments.append(call.path("function").path("arguments").asString());
		}
		assertThat(deltas.size() - 2).isEqualTo(4);
		assertThat(SimulatorHttp.json(arguments.toString()).path("city").asString()).isEqualTo("simulated city");
		assertThat(deltas.get(deltas.size() - 1).path("finish_reason").asString()).isEqualTo("tool_calls");
	}

	@Test
	void rejectsRequestWithoutMessages() {
		HttpResponse<String> response = http().post("/chat/completions", "{\"model\":\"gpt-4o\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = SimulatorHttp.json(response.body()).path("error");
		assertThat(error.path("param").asString()).isEqualTo("messages");
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
	}

	@Test
	void rejectsBodyThatIsNotJson() {
		HttpResponse<String> response = http().post("/chat/completions", "{not json");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(response.body()).path("error").path("message").asString())
			.startsWith("We could not parse the JSON body of your request.");
	}

	@Test
	void answersUnknownPathWithInvalidUrl() {
		HttpResponse<String> response = http().post("/completions/unknown", "{}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(SimulatorHttp.json(response.body()).path("error").path("message").asString())
			.isEqualTo("Invalid URL (POST /v1/completions/unknown)");
		assertThat(response.headers().firstValue("x-request-id")).isPresent();
		assertThat(openai.simulator().requestCount()).isEqualTo(1);
	}

	@Test
	void recordsRequestCountsAndBodies() {
		http().post("/chat/completions", HELLO);
		http().post("/chat/completions", HELLO.replace("gpt-4o-mini", "gpt-4o"));
		OpenAiSimulator simulator = openai.simulator();
		assertThat(simulator.requestCount(Endpoint.CHAT)).isEqualTo(2);
		assertThat(simulator.requestCount(Endpoint.EMBEDDINGS)).isZero();
		assertThat(simulator.requestCount()).isEqualTo(2);
		assertThat(simulator.receivedBodies(Endpoint.CHAT)).containsExactly(HELLO, HELLO.replace("gpt-4o-mini", "gpt-4o"));
		simulator.reset();
		assertThat(simulator.requestCount(Endpoint.CHAT)).isZero();
		assertThat(simulator.receivedBodies(Endpoint.CHAT)).isEmpty();
	}

}
