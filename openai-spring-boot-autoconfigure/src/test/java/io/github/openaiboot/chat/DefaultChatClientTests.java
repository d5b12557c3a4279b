package io.github.openaiboot.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultChatClient}'s non-streaming calls.
 */
class DefaultChatClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	static final String COMPLETION = """
			{
			  "id": "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
			  "object": "chat.completion",
			  "created": 1741570283,
			  "model": "gpt-4o-mini-2024-07-18",
			  "choices": [
			    {
			      "index": 0,
			      "message": {
			        "role": "assistant",
			        "content": "Hello! How can I help you today?",
			        "refusal": null,
			        "annotations": []
			      },
			      "logprobs": null,
			      "finish_reason": "stop"
			    }
			  ],
			  "usage": {
			    "prompt_tokens": 19,
			    "completion_tokens": 10,
			    "total_tokens": 29,
			    "prompt_tokens_details": {"cached_tokens": 6, "audio_tokens": 0},
			    "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
			      "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
			  },
			  "service_tier": "default",
			  "system_fingerprint": "fp_06737a9306"
			}
			""";

	private DefaultChatClient client(ChatDefaults defaults) {
		return new DefaultChatClient(TestPipelines.pipeline(wm.baseUrl()), defaults);
	}

	private DefaultChatClient client() {
		return client(ChatDefaults.of("gpt-4o-mini"));
	}

	private static void stubCompletion(String body) {
		wm.stubFor(post("/v1/chat/completions").willReturn(okJson(body)));
	}

	@Test
	void completeClearsTheStreamFlagsOfARequestThatNeedsNoDefaults() {
		stubCompletion(COMPLETION);
		ChatRequest streaming = ChatRequest.builder().model("gpt-4o").user("Hello").build().mutate()
			.stream(true, true)
			.build();
		StepVerifier.create(client().complete(streaming)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("gpt-4o");
		assertThat(body.has("stream")).isFalse();
		assertThat(body.has("stream_options")).isFalse();
	}

	@Test
	void completeSendsMessagesWithBearerAuthAndDecodesTheCompletion() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder().system("You are terse.").user("Hello").build();
		StepVerifier.create(client().complete(request)).assertNext((completion) -> {
			assertThat(completion.id()).isEqualTo("chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG");
			assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(completion.created()).isEqualTo(1741570283L);
			assertThat(completion.content()).isEqualTo("Hello! How can I help you today?");
			assertThat(completion.finishReason()).isEqualTo("stop");
			assertThat(completion.systemFingerprint()).isEqualTo("fp_06737a9306");
			assertThat(completion.serviceTier()).isEqualTo("default");
			assertThat(completion.choices().get(0).message().role()).isEqualTo("assistant");
			assertThat(completion.usage().promptTokens()).isEqualTo(19);
			assertThat(completion.usage().completionTokens()).isEqualTo(10);
			assertThat(completion.usage().totalTokens()).isEqualTo(29);
			assertThat(completion.usage().cachedTokens()).isEqualTo(6);
			assertThat(completion.usage().completionTokensDetails().reasoningTokens()).isZero();
		}).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Authorization", equalTo("Bearer " + TestPipelines.API_KEY))
			.withHeader("Content-Type", equalTo("application/json")));
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
		assertThat(body.get("messages")).hasSize(2);
		assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("system");
		assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("You are terse.");
		assertThat(body.get("messages").get(1).get("role").asString()).isEqualTo("user");
		assertThat(body.get("messages").get(1).get("content").asString()).isEqualTo("Hello");
		assertThat(body.has("stream")).as("stream flag on a plain call").isFalse();
		assertThat(body.has("stream_options")).isFalse();
		assertThat(body.has("temperature")).as("null fields are left out").isFalse();
	}

	@Test
	void completeAppliesDefaultsOnlyWhereTheRequestIsSilent() {
		stubCompletion(COMPLETION);
		ChatDefaults defaults = new ChatDefaults("gpt-4o", 0.2, 0.9, 256, true);
		ChatRequest request = ChatRequest.builder().user("Hi").temperature(1.3).build();
		StepVerifier.create(client(defaults).complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("gpt-4o");
		assertThat(body.get("temperature").asDouble()).isEqualTo(1.3);
		assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
		assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(256);
	}

	@Test
	void completeKeepsTheModelNamedInTheRequest() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder().model("o3-mini").user("Hi").maxCompletionTokens(10).build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("o3-mini");
		assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(10);
	}

	@Test
	void completeSendsSamplingOptionsInSnakeCase() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder()
			.user("Hi")
			.n(3)
			.stop("\n\n", "END")
			.seed(42L)
			.endUser("user-1234")
			.presencePenalty(0.5)
			.frequencyPenalty(-0.25)
			.logitBias(Map.of("50256", -100))
			.logprobs(true)
			.topLogprobs(2)
			.parallelToolCalls(false)
			.reasoningEffort("low")
			.serviceTier("flex")
			.build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("n").asInt()).isEqualTo(3);
		assertThat(body.get("stop").get(0).asString()).isEqualTo("\n\n");
		assertThat(body.get("stop").get(1).asString()).isEqualTo("END");
		assertThat(body.get("seed").asLong()).isEqualTo(42L);
		assertThat(body.get("user").asString()).isEqualTo("user-1234");
		assertThat(body.get("presence_penalty").asDouble()).isEqualTo(0.5);
		assertThat(body.get("frequency_penalty").asDouble()).isEqualTo(-0.25);
		assertThat(body.get("logit_bias").get("50256").asInt()).isEqualTo(-100);
		assertThat(body.get("logprobs").asBoolean()).isTrue();
		assertThat(body.get("top_logprobs").asInt()).isEqualTo(2);
		assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
		assertThat(body.get("reasoning_effort").asString()).isEqualTo("low");
		assertThat(body.get("service_tier").asString()).isEqualTo("flex");
	}

	@Test
	void completeDecodesSeveralChoicesWhenNIsAboveOne() {
		stubCompletion("""
				{"id":"chatcmpl-n","object":"chat.completion","created":1,"model":"gpt-4o-mini",
				 "choices":[
				  {"index":0,"message":{"role":"assistant","content":"Red"},"finish_reason":"stop"},
				  {"index":1,"message":{"role":"assistant","content":"Blue"},"finish_reason":"length"}],
				 "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}
				""");
		StepVerifier.create(client().complete(ChatRequest.builder().user("A color?").n(2).build()))
			.assertNext((completion) -> {
				assertThat(completion.choices()).extracting(ChatCompletion.Choice::index).containsExactly(0, 1);
				assertThat(completion.choices())
					.extracting((choice) -> choice.message().content())
					.containsExactly("Red", "Blue");
				assertThat(completion.choices().get(1).finishReason()).isEqualTo("length");
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void completeSendsImageContentPartsAsTypedArray() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder()
			.user(ContentPart.text("What is in this image?"),
					ContentPart.imageUrl("https://example.com/cat.png", "high"),
					ContentPart.imageUrl("data:image/png;base64,iVBORw0KGgo="))
			.build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode content = TestPipelines.onlyRequestBody(wm).get("messages").get(0).get("content");
		assertThat(content.isArray()).isTrue();
		assertThat(content).hasSize(3);
		assertThat(content.get(0).get("type").asString()).isEqualTo("text");
		assertThat(content.get(0).get("text").asString()).isEqualTo("What is in this image?");
		assertThat(content.get(1).get("type").asString()).isEqualTo("image_url");
		assertThat(content.get(1).get("image_url").get("url").asString()).isEqualTo("https://example.com/cat.png");
		assertThat(content.get(1).get("image_url").get("detail").asString()).isEqualTo("high");
		assertThat(content.get(2).get("image_url").get("url").asString()).isEqualTo("data:image/png;base64,iVBORw0KGgo=");
		assertThat(content.get(2).get("image_url").has("detail")).isFalse();
	}

	@Test
	void completeSendsToolsAndToolChoiceAndDecodesToolCalls() {
		stubCompletion("""
				{"id":"chatcmpl-tool","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
				   "tool_calls":[
				     {"id":"call_abc123","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
				     {"id":"call_def456","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Tokyo\\"}"}}]},
				   "logprobs":null,"finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}
				""");
		Map<String, Object> parameters = Map.of("type", "object", "properties",
				Map.of("city", Map.of("type", "string")), "required", List.of("city"));
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris and Tokyo?")
			.tools(Tool.function("get_weather", "Current weather of a city", parameters),
					Tool.strictFunction("get_time", null, Map.of("type", "object")))
			.toolChoice(ToolChoice.function("get_weather"))
			.build();
		StepVerifier.create(client().complete(request)).assertNext((completion) -> {
			assertThat(completion.finishReason()).isEqualTo("tool_calls");
			assertThat(completion.content()).isNull();
			assertThat(completion.toolCalls()).containsExactly(
					ToolCall.function("call_abc123", "get_weather", "{\"city\":\"Paris\"}"),
					ToolCall.function("call_def456", "get_weather", "{\"city\":\"Tokyo\"}"));
		}).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		JsonNode tools = body.get("tools");
		assertThat(tools).hasSize(2);
		assertThat(tools.get(0).get("type").asString()).isEqualTo("function");
		assertThat(tools.get(0).get("function").get("name").asString()).isEqualTo("get_weather");
		assertThat(tools.get(0).get("function").get("description").asString()).isEqualTo("Current weather of a city");
		assertThat(tools.get(0).get("function").get("parameters").get("required").get(0).asString()).isEqualTo("city");
		assertThat(tools.get(0).get("function").has("strict")).isFalse();
		assertThat(tools.get(1).get("function").get("strict").asBoolean()).isTrue();
		assertThat(body.get("tool_choice").get("type").asString()).isEqualTo("function");
		assertThat(body.get("tool_choice").get("function").get("name").asString()).isEqualTo("get_weather");
	}

	@Test
	void completeSendsStringToolChoices() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder()
			.user("Hi")
			.tools(Tool.function("noop", null, Map.of("type", "object")))
			.toolChoice(ToolChoice.REQUIRED)
			.build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(TestPipelines.onlyRequestBody(wm).get("tool_choice").asString()).isEqualTo("required");
	}

	@Test
	void completeSendsToolResultMessagesBackWithToolCallIds() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder()
			.user("Weather in Paris?")
			.message(ChatMessage.assistant(List.of(ToolCall.function("call_abc123", "get_weather", "{\"city\":\"Paris\"}"))))
			.message(ChatMessage.tool("call_abc123", "{\"temperature\":18}"))
			.build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode messages = TestPipelines.onlyRequestBody(wm).get("messages");
		assertThat(messages.get(1).get("role").asString()).isEqualTo("assistant");
		assertThat(messages.get(1).get("tool_calls").get(0).get("id").asString()).isEqualTo("call_abc123");
		assertThat(messages.get(1).get("tool_calls").get(0).get("function").get("arguments").asString())
			.isEqualTo("{\"city\":\"Paris\"}");
		assertThat(messages.get(2).get("role").asString()).isEqualTo("tool");
		assertThat(messages.get(2).get("tool_call_id").asString()).isEqualTo("call_abc123");
		assertThat(messages.get(2).get("content").asString()).isEqualTo("{\"temperature\":18}");
	}

	@Test
	void completeSendsJsonObjectResponseFormat() {
		stubCompletion(COMPLETION);
		ChatRequest request = ChatRequest.builder()
			.user("Reply in JSON")
			.responseFormat(ResponseFormat.jsonObject())
			.build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode format = TestPipelines.onlyRequestBody(wm).get("response_format");
		assertThat(format.get("type").asString()).isEqualTo("json_object");
		assertThat(format.has("json_schema")).isFalse();
	}

	@Test
	void completeSendsJsonSchemaResponseFormat() {
		stubCompletion(COMPLETION);
		Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "string")),
				"required", List.of("answer"), "additionalProperties", false);
		ChatRequest request = ChatRequest.builder()
			.user("Answer")
			.responseFormat(ResponseFormat.jsonSchema("answer", schema))
			.build();
		StepVerifier.create(client().complete(request)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		JsonNode format = TestPipelines.onlyRequestBody(wm).get("response_format");
		assertThat(format.get("type").asString()).isEqualTo("json_schema");
		JsonNode jsonSchema = format.get("json_schema");
		assertThat(jsonSchema.get("name").asString()).isEqualTo("answer");
		assertThat(jsonSchema.get("strict").asBoolean()).isTrue();
		assertThat(jsonSchema.get("schema").get("additionalProperties").asBoolean())
			.as("schema keys are sent as written, not snake_cased")
			.isFalse();
		assertThat(jsonSchema.get("schema").get("properties").get("answer").get("type").asString()).isEqualTo("string");
	}

	@Test
	void completeDecodesLogprobs() {
		stubCompletion("""
				{"id":"chatcmpl-lp","object":"chat.completion","created":1,"model":"gpt-4o-mini",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop",
				   "logprobs":{"content":[{"token":"Hi","logprob":-0.0031,"bytes":[72,105],
				     "top_logprobs":[{"token":"Hi","logprob":-0.0031,"bytes":[72,105]},
				                     {"token":"Hello","logprob":-5.75,"bytes":[72,101,108,108,111]}]}],
				   "refusal":null}}]}
				""");
		StepVerifier.create(client().complete(ChatRequest.builder().user("Hi").logprobs(true).topLogprobs(2).build()))
			.assertNext((completion) -> {
				ChatCompletion.Logprobs logprobs = completion.choices().get(0).logprobs();
				assertThat(logprobs).isNotNull();
				ChatCompletion.TokenLogprob token = logprobs.content().get(0);
				assertThat(token.token()).isEqualTo("Hi");
				assertThat(token.logprob()).isEqualTo(-0.0031);
				assertThat(token.bytes()).containsExactly(72, 105);
				assertThat(token.topLogprobs()).extracting(ChatCompletion.TopLogprob::token)
					.containsExactly("Hi", "Hello");
				assertThat(token.topLogprobs().get(1).logprob()).isEqualTo(-5.75);
				assertThat(completion.usage()).isNull();
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void completeDecodesARefusal() {
		stubCompletion("""
				{"id":"chatcmpl-r","object":"chat.completion","created":1,"model":"gpt-4o-mini",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,
				   "refusal":"I'm sorry, I cannot assist with that request."},"finish_reason":"stop"}]}
				""");
		StepVerifier.create(client().complete(ChatRequest.builder().user("...").build()))
			.assertNext((completion) -> {
				assertThat(completion.content()).isNull();
				assertThat(completion.choices().get(0).message().refusal())
					.isEqualTo("I'm sorry, I cannot assist with that request.");
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void askSendsOneUserMessageWithTheDefaultModelAndReturnsTheText() {
		stubCompletion(COMPLETION);
		StepVerifier.create(client(ChatDefaults.of("gpt-4.1-mini")).ask("Say hello"))
			.expectNext("Hello! How can I help you today?")
			.expectComplete()
			.verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("model").asString()).isEqualTo("gpt-4.1-mini");
		assertThat(body.get("messages")).hasSize(1);
		assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("user");
		assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("Say hello");
	}

	@Test
	void askCompletesEmptyWhenTheAnswerHasNoText() {
		stubCompletion("""
				{"id":"x","object":"chat.completion","created":1,"model":"m",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"tool_calls"}]}
				""");
		StepVerifier.create(client().ask("...")).expectComplete().verify(TIMEOUT);
	}

	@Test
	void completeFailsWithTheFilteredCategoriesWhenTheContentFilterCutTheAnswer() {
		stubCompletion("""
				{"id":"x","object":"chat.completion","created":1,"model":"m",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null},"finish_reason":"content_filter",
				  "content_filter_results":{"hate":{"filtered":false,"severity":"safe"},
				   "violence":{"filtered":true,"severity":"high"},
				   "custom_blocklists":[{"filtered":false,"id":"b"}]}}]}
				""");
		StepVerifier.create(client().ask("..."))
			.expectErrorSatisfies((error) -> {
				assertThat(error).isInstanceOf(io.github.openaiboot.error.ContentFilterException.class)
					.hasMessageContaining("CONTENT_FILTERED")
					.hasMessageContaining("filtered: violence (high)");
				io.github.openaiboot.error.ContentFilterException filtered = (io.github.openaiboot.error.ContentFilterException) error;
				assertThat(filtered.filteredCategories()).containsExactly("violence");
				assertThat(filtered.categories()).containsKeys("hate", "violence").doesNotContainKey("custom_blocklists");
			})
			.verify(TIMEOUT);
	}

	@Test
	void completeDecodesImageContentPartsInAnEchoedMessage() {
		ChatMessage message = OpenAiJsonRoundTrip.read("""
				{"role":"user","content":[{"type":"text","text":"Look"},
				  {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]}
				""");
		assertThat(message.parts()).containsExactly(ContentPart.text("Look"),
				ContentPart.imageUrl("https://example.com/a.png", "low"));
		assertThat(message.content()).isEqualTo("Look");
	}

	@Test
	void buildingARequestWithoutMessagesFails() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> ChatRequest.builder().build())
			.withMessageContaining("at least one message");
	}

	private static final class OpenAiJsonRoundTrip {

		static ChatMessage read(String json) {
			return io.github.openaiboot.core.OpenAiJson.mapper().readValue(json, ChatMessage.class);
		}

	}

}
