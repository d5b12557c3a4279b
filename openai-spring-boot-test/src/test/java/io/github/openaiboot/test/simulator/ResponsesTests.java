package io.github.openaiboot.test.simulator;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's {@code /v1/responses}: whole and streamed responses with every
 * event, function calls, reasoning summaries, refusals, conversation state and stored
 * responses, and the faults it shares with chat.
 *
 * @author OpenAI Spring Boot contributors
 */
class ResponsesTests {

	private final OpenAiSimulator simulator = OpenAiSimulator.builder().build().start();

	private final SimulatorHttp http = new SimulatorHttp(this.simulator.baseUrl());

	@AfterEach
	void stop() {
		this.simulator.stop();
	}

	private JsonNode create(String json) {
		HttpResponse<String> response = this.http.post("/responses", json);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return SimulatorHttp.json(response.body());
	}

	private List<JsonNode> stream(String json) {
		HttpResponse<String> response = this.http.post("/responses", json);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/event-stream"));
		assertThat(response.body()).doesNotContain("[DONE]");
		List<String> lines = response.body().lines().filter((line) -> !line.isEmpty()).toList();
		List<JsonNode> events = new java.util.ArrayList<>();
		for (int i = 0; i < lines.size(); i += 2) {
			JsonNode event = SimulatorHttp.json(lines.get(i + 1).substring("data: ".length()));
			assertThat(lines.get(i)).isEqualTo("event: " + event.path("type").asString());
			assertThat(event.path("sequence_number").asInt()).isEqualTo(events.size());
			events.add(event);
		}
		return events;
	}

	private static List<String> types(List<JsonNode> events) {
		return events.stream().map((event) -> event.path("type").asString()).toList();
	}

	private static String concat(List<JsonNode> events, String type) {
		StringBuilder text = new StringBuilder();
		events.stream().filter((event) -> event.path("type").asString().equals(type))
			.forEach((event) -> text.append(event.path("delta").asString()));
		return text.toString();
	}

	@Test
	void answersAWholeResponseAndStoresIt() {
		JsonNode response = create("{\"model\":\"gpt-4o-mini\",\"input\":\"Tell me a story\",\"instructions\":\"Be brief.\"}");
		assertThat(response.path("id").asString()).startsWith("resp_");
		assertThat(response.path("object").asString()).isEqualTo("response");
		assertThat(response.path("status").asString()).isEqualTo("completed");
		assertThat(response.path("instructions").asString()).isEqualTo("Be brief.");
		JsonNode message = response.path("output").get(0);
		assertThat(message.path("type").asString()).isEqualTo("message");
		assertThat(message.path("role").asString()).isEqualTo("assistant");
		assertThat(message.path("content").get(0).path("type").asString()).isEqualTo("output_text");
		assertThat(message.path("content").get(0).path("text").asString()).isEqualTo("Simulated answer to: Tell me a story");
		JsonNode usage = response.path("usage");
		// (9 + 15 characters + 3) / 4 + 3 per message for two + 3
		assertThat(usage.path("input_tokens").asInt()).isEqualTo(6 + 6 + 3);
		assertThat(usage.path("output_tokens").asInt()).isEqualTo(7);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(22);
		assertThat(usage.path("input_tokens_details").path("cached_tokens").asInt()).isZero();
		HttpResponse<String> stored = this.http.get("/responses/" + response.path("id").asString());
		assertThat(stored.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(stored.body())).isEqualTo(response);
		assertThat(this.simulator.requestCount(Endpoint.RESPONSES)).isEqualTo(2);
	}

	@Test
	void streamsEveryEventOfATextAnswerWithoutDone() {
		List<JsonNode> events = stream("{\"model\":\"gpt-4o-mini\",\"input\":\"Tell me a story\",\"stream\":true}");
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.content_part.added", "response.output_text.delta",
				"response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
				"response.output_text.delta", "response.output_text.delta", "response.output_text.delta",
				"response.output_text.done", "response.content_part.done", "response.output_item.done",
				"response.completed");
		assertThat(concat(events, "response.output_text.delta")).isEqualTo("Simulated answer to: Tell me a story");
		assertThat(events.get(11).path("text").asString()).isEqualTo("Simulated answer to: Tell me a story");
		assertThat(events.get(0).path("response").path("status").asString()).isEqualTo("in_progress");
		assertThat(events.get(0).path("response").path("usage").isNull()).isTrue();
		JsonNode completed = events.get(14).path("response");
		assertThat(completed.path("status").asString()).isEqualTo("completed");
		assertThat(completed.path("usage").path("output_tokens").asInt()).isEqualTo(7);
		String itemId = events.get(2).path("item").path("id").asString();
		assertThat(events.get(4).path("item_id").asString()).isEqualTo(itemId);
		assertThat(completed.path("output").get(0).path("id").asString()).isEqualTo(itemId);
	}

	@Test
	void callsAFunctionWhenAskedToWithArgumentsFromItsSchema() {
		String tools = "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
				+ "\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\",\"enum\":[\"c\",\"f\"]}}}}]";
		JsonNode whole = create("{\"model\":\"gpt-4o-mini\",\"input\":\"Weather in Paris?\",\"tool_choice\":\"required\","
				+ tools + "}");
		JsonNode call = whole.path("output").get(0);
		assertThat(call.path("type").asString()).isEqualTo("function_call");
		assertThat(call.path("name").asString()).isEqualTo("get_weather");
		assertThat(call.path("call_id").asString()).startsWith("call_");
		assertThat(call.path("arguments").asString()).isEqualTo("{\"city\":\"simulated city\",\"unit\":\"c\"}");
		List<JsonNode> events = stream("{\"model\":\"gpt-4o-mini\",\"stream\":true,\"input\":[{\"role\":\"user\","
				+ "\"content\":\"Use a tool for the weather\"}]," + tools + "}");
		assertThat(types(events)).contains("response.function_call_arguments.delta",
				"response.function_call_arguments.done");
		assertThat(concat(events, "response.function_call_arguments.delta"))
			.isEqualTo("{\"city\":\"simulated city\",\"unit\":\"c\"}");
		JsonNode added = events.get(2).path("item");
		assertThat(added.path("arguments").asString()).isEmpty();
		assertThat(added.path("status").asString()).isEqualTo("in_progress");
	}

	@Test
	void answersTheOutputOfAFunctionCall() {
		JsonNode response = create("{\"model\":\"gpt-4o-mini\",\"input\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
				+ "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{}\"},"
				+ "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"{\\\"temperature\\\":18}\"}]}");
		assertThat(response.path("output").get(0).path("content").get(0).path("text").asString())
			.isEqualTo("Simulated answer using tool result: {\"temperature\":18}");
	}

	@Test
	void streamsAReasoningSummaryBeforeTheAnswer() {
		List<JsonNode> events = stream("{\"model\":\"o4-mini\",\"input\":\"Why is the sky blue?\",\"stream\":true,"
				+ "\"reasoning\":{\"effort\":\"low\",\"summary\":\"auto\"}}");
		assertThat(types(events).subList(2, 5)).containsExactly("response.output_item.added",
				"response.reasoning_summary_part.added", "response.reasoning_summary_text.delta");
		assertThat(types(events)).contains("response.reasoning_summary_text.done", "response.reasoning_summary_part.done");
		assertThat(concat(events, "response.reasoning_summary_text.delta"))
			.isEqualTo("Simulated reasoning about: Why is the sky blue?");
		JsonNode completed = events.get(events.size() - 1).path("response");
		assertThat(completed.path("output").get(0).path("type").asString()).isEqualTo("reasoning");
		assertThat(completed.path("output").get(1).path("type").asString()).isEqualTo("message");
		JsonNode usage = completed.path("usage");
		// one token a word: eight of reasoning summary, eight of answer
		assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(8);
		assertThat(usage.path("output_tokens").asInt()).isEqualTo(8 + 8);
	}

	@Test
	void refusesWhenAskedToAndStopsAtTheOutputBound() {
		List<JsonNode> refusal = stream("{\"model\":\"gpt-4o-mini\",\"input\":\"Please refuse this\",\"stream\":true}");
		assertThat(types(refusal)).contains("response.refusal.delta", "response.refusal.done");
		assertThat(concat(refusal, "response.refusal.delta")).isEqualTo("Simulated refusal: I can't help with that.");
		assertThat(refusal.get(3).path("part").path("type").asString()).isEqualTo("refusal");
		List<JsonNode> cut = stream("{\"model\":\"gpt-4o-mini\",\"input\":\"Tell me a story\",\"stream\":true,"
				+ "\"max_output_tokens\":3}");
		JsonNode incomplete = cut.get(cut.size() - 1);
		assertThat(incomplete.path("type").asString()).isEqualTo("response.incomplete");
		assertThat(incomplete.path("response").path("status").asString()).isEqualTo("incomplete");
		assertThat(incomplete.path("response").path("incomplete_details").path("reason").asString())
			.isEqualTo("max_output_tokens");
		assertThat(concat(cut, "response.output_text.delta")).isEqualTo("Simulated answer to:");
	}

	@Test
	void keepsAConversationThroughPreviousResponseId() {
		JsonNode first = create("{\"model\":\"gpt-4o-mini\",\"input\":\"My name is Ada\"}");
		JsonNode second = create("{\"model\":\"gpt-4o-mini\",\"input\":\"What is my name?\",\"previous_response_id\":\""
				+ first.path("id").asString() + "\"}");
		assertThat(second.path("previous_response_id").asString()).isEqualTo(first.path("id").asString());
		assertThat(second.path("output").get(0).path("content").get(0).path("text").asString())
			.isEqualTo("Simulated answer to: What is my name? (turn 2)");
		// the earlier turn is billed as input again
		assertThat(second.path("usage").path("input_tokens").asInt())
			.isEqualTo(first.path("usage").path("total_tokens").asInt() + (16 + 3) / 4 + 3 + 3);
		HttpResponse<String> unknown = this.http.post("/responses",
				"{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\",\"previous_response_id\":\"resp_nope\"}");
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(SimulatorHttp.json(unknown.body()).path("error").path("code").asString())
			.isEqualTo("previous_response_not_found");
	}

	@Test
	void responseNotStoredCannotBeRetrievedOrContinued() {
		JsonNode response = create("{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\",\"store\":false}");
		assertThat(this.http.get("/responses/" + response.path("id").asString()).statusCode()).isEqualTo(404);
	}

	@Test
	void listsInputItemsNewestFirstOrOldestFirstInPages() {
		JsonNode response = create("{\"model\":\"gpt-4o-mini\",\"input\":[{\"role\":\"developer\",\"content\":\"Be brief.\"},"
				+ "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello!\"},"
				+ "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"Bye\"}]}]}");
		String path = "/responses/" + response.path("id").asString() + "/input_items";
		JsonNode newest = SimulatorHttp.json(this.http.get(path).body());
		assertThat(newest.path("object").asString()).isEqualTo("list");
		assertThat(newest.path("data").get(0).path("content").get(0).path("text").asString()).isEqualTo("Bye");
		JsonNode page = SimulatorHttp.json(this.http.get(path + "?order=asc&limit=2").body());
		assertThat(page.path("data")).hasSize(2);
		assertThat(page.path("has_more").asBoolean()).isTrue();
		assertThat(page.path("data").get(0).path("role").asString()).isEqualTo("developer");
		assertThat(page.path("data").get(1).path("content").get(0).path("type").asString()).isEqualTo("input_text");
		JsonNode next = SimulatorHttp.json(
				this.http.get(path + "?order=asc&limit=2&after=" + page.path("last_id").asString()).body());
		assertThat(next.path("has_more").asBoolean()).isFalse();
		assertThat(next.path("data").get(0).path("content").get(0).path("type").asString()).isEqualTo("output_text");
		assertThat(next.path("data").get(1).path("id").asString()).isEqualTo(next.path("last_id").asString());
	}

	@Test
	void deletesAndCancelsStoredResponses() {
		String id = create("{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}").path("id").asString();
		assertThat(this.http.post("/responses/" + id + "/cancel", "").statusCode()).isEqualTo(400);
		HttpResponse<String> deleted = SimulatorHttp.send(HttpRequest
			.newBuilder(URI.create(this.simulator.baseUrl() + "/responses/" + id))
			.DELETE()
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(SimulatorHttp.json(deleted.body()))
			.isEqualTo(SimulatorHttp.json("{\"id\":\"" + id + "\",\"object\":\"response\",\"deleted\":true}"));
		assertThat(this.http.get("/responses/" + id).statusCode()).isEqualTo(404);
		String background = create("{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\",\"background\":true}").path("id")
			.asString();
		HttpResponse<String> cancelled = this.http.post("/responses/" + background + "/cancel", "");
		assertThat(SimulatorHttp.json(cancelled.body()).path("status").asString()).isEqualTo("cancelled");
	}

	@Test
	void errorFrameFaultSendsTheNestedErrorEventAndResponseFailed() {
		this.simulator.inject(SimulatedFault.errorFrameAfter(2)).on(Endpoint.RESPONSES).times(1);
		List<JsonNode> events = stream("{\"model\":\"gpt-4o-mini\",\"input\":\"Tell me a story\",\"stream\":true}");
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.content_part.added", "response.output_text.delta",
				"response.output_text.delta", "error", "response.failed");
		assertThat(events.get(6).path("error").path("code").asString()).isEqualTo("server_error");
		assertThat(events.get(7).path("response").path("error").path("code").asString()).isEqualTo("server_error");
		assertThat(events.get(7).path("response").path("status").asString()).isEqualTo("failed");
	}

	@Test
	void streamCutFaultEndsTheStreamWithoutItsTerminalEvent() {
		this.simulator.inject(SimulatedFault.streamCutAfter(1)).on(Endpoint.RESPONSES).times(1);
		List<JsonNode> events = stream("{\"model\":\"gpt-4o-mini\",\"input\":\"Tell me a story\",\"stream\":true}");
		assertThat(types(events)).containsExactly("response.created", "response.in_progress",
				"response.output_item.added", "response.content_part.added", "response.output_text.delta");
	}

	@Test
	void httpFaultsAndRateLimitsApplyToResponsesAsToChat() {
		this.simulator.inject(SimulatedFault.insufficientQuota()).on(Endpoint.RESPONSES).times(1);
		HttpResponse<String> quota = this.http.post("/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}");
		assertThat(quota.statusCode()).isEqualTo(429);
		assertThat(SimulatorHttp.json(quota.body()).path("error").path("code").asString()).isEqualTo("insufficient_quota");
		this.simulator.rateLimit("gpt-4o-mini", 1, 100_000);
		assertThat(this.http.post("/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}").statusCode())
			.isEqualTo(200);
		HttpResponse<String> limited = this.http.post("/responses", "{\"model\":\"gpt-4o-mini\",\"input\":\"Hi\"}");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
		assertThat(this.http.post("/responses", "{\"model\":\"gpt-4o-mini\"}").statusCode()).isEqualTo(400);
	}

}
