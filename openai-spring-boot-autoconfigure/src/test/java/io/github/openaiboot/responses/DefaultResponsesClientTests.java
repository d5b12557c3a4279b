package io.github.openaiboot.responses;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.chat.ResponseFormat;
import io.github.openaiboot.chat.Tool;
import io.github.openaiboot.chat.ToolChoice;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultResponsesClient}'s whole responses and stored responses, and
 * for the wire shape of {@link ResponseRequest}.
 */
class DefaultResponsesClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String ID = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";

	private static final Tool WEATHER = Tool.function("get_weather", "Current weather",
			Map.of("type", "object", "properties", Map.of("location", Map.of("type", "string")), "required",
					List.of("location")));

	private DefaultResponsesClient client(ResponseDefaults defaults) {
		return new DefaultResponsesClient(TestPipelines.pipeline(wm.baseUrl()), defaults);
	}

	private DefaultResponsesClient client() {
		return client(ResponseDefaults.of("gpt-4o-mini"));
	}

	private static void stubCreate(String fixture) {
		wm.stubFor(post("/v1/responses").willReturn(ResponseFixtures.json(ResponseFixtures.read(fixture))));
	}

	@Test
	void createSendsEveryFieldInTheResponsesApiShape() {
		stubCreate(ResponseFixtures.FUNCTION_CALL_RESPONSE);
		ResponseRequest request = ResponseRequest.builder()
			.model("gpt-4.1")
			.user(ResponseContent.text("What is in this image?"),
					ResponseContent.imageUrl("https://example.com/paris.png", "low"))
			.instructions("Answer briefly.")
			.previousResponseId("resp_previous")
			.store(false)
			.tools(WEATHER, Tool.strictFunction("get_time", null, Map.of("type", "object")))
			.builtInTool(Map.of("type", "web_search", "search_context_size", "low"))
			.toolChoice(ToolChoice.function("get_weather"))
			.textFormat(TextOptions.Format.of(ResponseFormat.jsonSchema("answer", Map.of("type", "object"))))
			.reasoningEffort("low")
			.maxOutputTokens(500)
			.metadata(Map.of("conversation", "c-1"))
			.serviceTier("flex")
			.include("reasoning.encrypted_content")
			.build();
		StepVerifier.create(client().create(request)).expectNextCount(1).expectComplete().verify(TestPipelines.TIMEOUT);
		JsonNode expected = OpenAiJson.mapper().readTree("""
				{"model":"gpt-4.1",
				 "input":[{"type":"message","role":"user","content":[
				   {"type":"input_text","text":"What is in this image?"},
				   {"type":"input_image","image_url":"https://example.com/paris.png","detail":"low"}]}],
				 "instructions":"Answer briefly.","previous_response_id":"resp_previous","store":false,
				 "tools":[
				   {"type":"function","name":"get_weather","description":"Current weather",
				    "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]},
				    "strict":false},
				   {"type":"function","name":"get_time","parameters":{"type":"object"},"strict":true},
				   {"type":"web_search","search_context_size":"low"}],
				 "tool_choice":{"type":"function","name":"get_weather"},
				 "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object"},"strict":true}},
				 "reasoning":{"effort":"low"},"max_output_tokens":500,"metadata":{"conversation":"c-1"},
				 "service_tier":"flex","include":["reasoning.encrypted_content"]}
				""");
		assertThat(TestPipelines.onlyRequestBody(wm)).isEqualTo(expected);
	}

	@Test
	void textInputIsSentAsAStringAndSimpleToolChoicesAsTheirNames() {
		stubCreate(ResponseFixtures.TEXT_RESPONSE);
		StepVerifier
			.create(client().create(ResponseRequest.builder().input("Tell me a story").toolChoice(ToolChoice.AUTO).build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("input").asString()).isEqualTo("Tell me a story");
		assertThat(body.get("tool_choice").asString()).isEqualTo("auto");
		assertThat(body.has("stream")).as("a whole response is not streamed").isFalse();
	}

	@Test
	void outputTextConcatenatesTheTextPartsOfEveryMessageInOutputOrderAsTheSdksDo() {
		stubCreate(ResponseFixtures.TEXT_RESPONSE);
		StepVerifier.create(client().create(ResponseRequest.builder().input("Tell me a story").build()))
			.assertNext((response) -> {
				assertThat(response.outputText()).isEqualTo("In a peaceful grove beneath a silver moon, a unicorn slept.");
				assertThat(response.output()).extracting((item) -> item.getClass().getSimpleName())
					.containsExactly("Message", "Other", "Message");
				ResponseItem.Other search = (ResponseItem.Other) response.output().get(1);
				assertThat(search.type()).isEqualTo("web_search_call");
				assertThat(search.json().path("action").path("query").asString()).isEqualTo("unicorns");
				assertThat(response.usage().inputTokensDetails().cacheWriteTokens()).isZero();
				assertThat(response.functionCalls()).isEmpty();
			})
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void functionCallIsDecodedAndItsOutputGoesBackWithTheCallAsInput() {
		stubCreate(ResponseFixtures.FUNCTION_CALL_RESPONSE);
		Response response = client().create(ResponseRequest.builder().input("Weather in Paris?").tools(WEATHER).build())
			.block(TestPipelines.TIMEOUT);
		assertThat(response.status()).isEqualTo("completed");
		assertThat(response.outputText()).isEmpty();
		ResponseItem.FunctionCall call = response.functionCalls().get(0);
		assertThat(call.callId()).isEqualTo("call_rb4j3qfy0OY6zS24WvCrpo0x");
		assertThat(call.arguments()).isEqualTo("{\"location\":\"Paris, France\"}");
		wm.resetRequests();
		ResponseRequest next = ResponseRequest.builder()
			.store(false)
			.user("Weather in Paris?")
			.input(response.output())
			.functionCallOutput(call.callId(), "{\"temperature\":18}")
			.build();
		client().create(next).block(TestPipelines.TIMEOUT);
		JsonNode input = TestPipelines.onlyRequestBody(wm).get("input");
		assertThat(input).hasSize(3);
		assertThat(input.get(1)).isEqualTo(OpenAiJson.mapper().readTree("""
				{"type":"function_call","id":"fc_6876cf05c2fc8192a97c4a4dda7ac37306fa2fcced15a5ac",
				 "call_id":"call_rb4j3qfy0OY6zS24WvCrpo0x","name":"get_weather",
				 "arguments":"{\\"location\\":\\"Paris, France\\"}","status":"completed"}"""));
		assertThat(input.get(2)).isEqualTo(OpenAiJson.mapper().readTree("""
				{"type":"function_call_output","call_id":"call_rb4j3qfy0OY6zS24WvCrpo0x","output":"{\\"temperature\\":18}"}"""));
	}

	@Test
	void itemsOfUnknownTypesGoBackAsTheyCame() {
		Response response = OpenAiJson.mapper().readValue(ResponseFixtures.read(ResponseFixtures.TEXT_RESPONSE),
				Response.class);
		JsonNode sent = OpenAiJson.mapper().valueToTree(response.output().get(1));
		assertThat(sent).isEqualTo(OpenAiJson.mapper()
			.readTree("{\"id\":\"ws_1\",\"type\":\"web_search_call\",\"status\":\"completed\","
					+ "\"action\":{\"type\":\"search\",\"query\":\"unicorns\"}}"));
	}

	@Test
	void reasoningItemGoesBackWithItsSummaryPartsTyped() {
		ResponseItem reasoning = new ResponseItem.Reasoning("rs_1", List.of(new ResponseContent.SummaryText("Thinking.")),
				"gAAAA", null);
		JsonNode sent = OpenAiJson.mapper().valueToTree(ResponseInput.of(List.of(reasoning))).get(0);
		assertThat(sent).isEqualTo(OpenAiJson.mapper()
			.readTree("{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[{\"type\":\"summary_text\","
					+ "\"text\":\"Thinking.\"}],\"encrypted_content\":\"gAAAA\"}"));
		assertThat(OpenAiJson.mapper().treeToValue(sent, ResponseItem.class)).isEqualTo(reasoning);
	}

	@Test
	void defaultsFillWhatARequestLeavesUnsetAndNothingElse() {
		stubCreate(ResponseFixtures.TEXT_RESPONSE);
		ResponseDefaults defaults = new ResponseDefaults("gpt-4.1-mini", 0.3, 800, "medium", false, "flex");
		client(defaults).create(ResponseRequest.builder().input("Hi").build()).block(TestPipelines.TIMEOUT);
		JsonNode filled = TestPipelines.onlyRequestBody(wm);
		assertThat(filled.get("model").asString()).isEqualTo("gpt-4.1-mini");
		assertThat(filled.get("temperature").asDouble()).isEqualTo(0.3);
		assertThat(filled.get("max_output_tokens").asInt()).isEqualTo(800);
		assertThat(filled.get("reasoning").get("effort").asString()).isEqualTo("medium");
		assertThat(filled.get("store").asBoolean()).isFalse();
		assertThat(filled.get("service_tier").asString()).isEqualTo("flex");
		wm.resetRequests();
		client(defaults).create(ResponseRequest.builder()
			.input("Hi")
			.model("o4-mini")
			.temperature(1.0)
			.maxOutputTokens(50)
			.reasoning(new ReasoningOptions("high", "auto"))
			.store(true)
			.serviceTier("priority")
			.build()).block(TestPipelines.TIMEOUT);
		JsonNode own = TestPipelines.onlyRequestBody(wm);
		assertThat(own.get("model").asString()).isEqualTo("o4-mini");
		assertThat(own.get("temperature").asDouble()).isEqualTo(1.0);
		assertThat(own.get("max_output_tokens").asInt()).isEqualTo(50);
		assertThat(own.get("reasoning")).isEqualTo(OpenAiJson.mapper().readTree("{\"effort\":\"high\",\"summary\":\"auto\"}"));
		assertThat(own.get("store").asBoolean()).isTrue();
		assertThat(own.get("service_tier").asString()).isEqualTo("priority");
	}

	@Test
	void retrieveGetsTheStoredResponse() {
		wm.stubFor(get("/v1/responses/" + ID).willReturn(ResponseFixtures.json(ResponseFixtures.read(ResponseFixtures.TEXT_RESPONSE))));
		StepVerifier.create(client().retrieve(ID))
			.assertNext((response) -> assertThat(response.outputText()).startsWith("In a peaceful grove"))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void retrievingAnUnknownResponseIsANotFoundFailure() {
		wm.stubFor(get("/v1/responses/resp_missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Response with id 'resp_missing' not found.\","
					+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}")));
		StepVerifier.create(client().retrieve("resp_missing"))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(InvalidRequestException.class);
				assertThat(((InvalidRequestException) failure).kind()).isEqualTo(OpenAiErrorKind.NOT_FOUND);
			})
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void deleteDeletesTheStoredResponse() {
		wm.stubFor(delete("/v1/responses/" + ID).willReturn(
				ResponseFixtures.json("{\"id\":\"" + ID + "\",\"object\":\"response\",\"deleted\":true}")));
		StepVerifier.create(client().delete(ID))
			.expectNext(new ResponseDeletion(ID, "response", true))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), deleteRequestedFor(urlEqualTo("/v1/responses/" + ID)));
	}

	@Test
	void cancelPostsToTheResponsesCancelPathWithoutABody() {
		wm.stubFor(post("/v1/responses/" + ID + "/cancel").willReturn(ResponseFixtures
			.json(ResponseFixtures.read(ResponseFixtures.TEXT_RESPONSE).replace("\"completed\"", "\"cancelled\""))));
		StepVerifier.create(client().cancel(ID))
			.assertNext((response) -> assertThat(response.status()).isEqualTo("cancelled"))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/responses/" + ID + "/cancel")).withRequestBody(absent()));
	}

	@Test
	void inputItemsArePagedOldestFirstAndTheNextPageIsFetchedOnlyWhenNeeded() {
		String path = "/v1/responses/" + ID + "/input_items";
		wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("after", absent()).willReturn(ResponseFixtures.json("""
				{"object":"list","data":[
				  {"id":"msg_1","type":"message","role":"user","status":"completed","content":[{"type":"input_text","text":"Hi"}]},
				  {"id":"fco_1","type":"function_call_output","call_id":"call_1","output":"{}","status":"completed"}],
				 "first_id":"msg_1","last_id":"fco_1","has_more":true}""")));
		wm.stubFor(get(urlPathEqualTo(path)).withQueryParam("after", equalTo("fco_1")).willReturn(ResponseFixtures.json("""
				{"object":"list","data":[
				  {"id":"msg_2","type":"message","role":"user","status":"completed","content":[{"type":"input_text","text":"Again"}]}],
				 "first_id":"msg_2","last_id":"msg_2","has_more":false}""")));
		StepVerifier.create(client().inputItems(ID).take(2))
			.assertNext((item) -> assertThat(((ResponseItem.Message) item).text()).isEqualTo("Hi"))
			.assertNext((item) -> assertThat(item)
				.isEqualTo(new ResponseItem.FunctionCallOutput("fco_1", "call_1", "{}", "completed")))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), getRequestedFor(urlPathEqualTo(path)));
		wm.resetRequests();
		StepVerifier.create(client().inputItems(ID))
			.expectNextCount(2)
			.assertNext((item) -> assertThat(((ResponseItem.Message) item).text()).isEqualTo("Again"))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(2), getRequestedFor(urlPathEqualTo(path)).withQueryParam("order", equalTo("asc")));
	}

	@Test
	void blankIdFailsWithoutACall() {
		StepVerifier.create(client().retrieve(" ")).expectError(IllegalArgumentException.class).verify(TestPipelines.TIMEOUT);
		StepVerifier.create(client().inputItems("")).expectError(IllegalArgumentException.class).verify(TestPipelines.TIMEOUT);
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	@Test
	void requestNeedsATextOrItemsButNotBoth() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseRequest.builder().build())
			.withMessageContaining("needs input");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResponseRequest.builder().input("Hi").user("Hello").build())
			.withMessageContaining("not both");
	}

	@Test
	void builtInToolNeedsAType() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseTool.builtIn(Map.of("name", "search")));
	}

}
