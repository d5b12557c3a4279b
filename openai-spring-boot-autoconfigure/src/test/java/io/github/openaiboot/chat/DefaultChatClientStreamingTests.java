package io.github.openaiboot.chat;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultChatClient#stream} and {@link ChatCompletionAccumulator}.
 */
class DefaultChatClientStreamingTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final String HEAD = "{\"id\":\"chatcmpl-stream1\",\"object\":\"chat.completion.chunk\","
			+ "\"created\":1741570300,\"model\":\"gpt-4o-mini-2024-07-18\",\"system_fingerprint\":\"fp_b705f0c291\","
			+ "\"service_tier\":\"default\",";

	static final String ROLE = HEAD
			+ "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},"
			+ "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

	static final String HELLO = HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Let me \"},"
			+ "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

	static final String CHECK = HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"check.\"},"
			+ "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

	static final String TOOL_1 = HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
			+ "\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\","
			+ "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}],"
			+ "\"usage\":null}";

	static final String TOOL_2 = HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
			+ "\"function\":{\"arguments\":\"{\\\"ci\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";

	static final String TOOL_3 = HEAD + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
			+ "\"function\":{\"arguments\":\"ty\\\": \\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}],"
			+ "\"usage\":null}";

	static final String FINISH = HEAD
			+ "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":null}";

	static final String USAGE = HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":81,\"completion_tokens\":19,"
			+ "\"total_tokens\":100,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0}}}";

	static final String ERROR_FRAME = "{\"error\":{\"message\":\"The server had an error while processing your request. "
			+ "Sorry about that!\",\"type\":\"server_error\",\"param\":null,\"code\":null}}";

	private DefaultChatClient client(boolean includeUsage) {
		return new DefaultChatClient(TestPipelines.pipeline(wm.baseUrl()),
				new ChatDefaults("gpt-4o-mini", null, null, null, includeUsage));
	}

	private static String sse(String... lines) {
		StringBuilder body = new StringBuilder();
		for (String line : lines) {
			body.append(line).append("\n\n");
		}
		return body.toString();
	}

	private static String data(String json) {
		return "data: " + json;
	}

	private static void stubStream(String body) {
		wm.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream; charset=utf-8")
			.withHeader("x-request-id", "req_stream_123")
			.withBody(body)));
	}

	private static String fullStream() {
		return sse(data(ROLE), data(HELLO), ": keep-alive", data(CHECK), data(TOOL_1), data(TOOL_2), data(TOOL_3),
				data(FINISH), data(USAGE), "data: [DONE]");
	}

	private static ChatRequest request() {
		return ChatRequest.builder().user("Weather in Paris?").build();
	}

	@Test
	void streamSendsStreamFlagAndIncludeUsageAndAcceptsEventStream() {
		stubStream(fullStream());
		StepVerifier.create(client(true).stream(request())).expectNextCount(8).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Accept",
				containing("text/event-stream")));
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
		assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
	}

	@Test
	void streamSendsIncludeUsageFalseWhenTheDefaultsTurnItOff() {
		stubStream(fullStream());
		StepVerifier.create(client(false).stream(request())).expectNextCount(8).expectComplete().verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("stream_options").get("include_usage").asBoolean()).isFalse();
	}

	@Test
	void streamDecodesEveryChunkInOrderAndSkipsCommentLines() {
		stubStream(fullStream());
		StepVerifier.create(client(true).stream(request()))
			.assertNext((chunk) -> {
				assertThat(chunk.id()).isEqualTo("chatcmpl-stream1");
				assertThat(chunk.choices().get(0).delta().role()).isEqualTo("assistant");
				assertThat(chunk.content()).isEmpty();
				assertThat(chunk.usage()).isNull();
			})
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("Let me "))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("check."))
			.assertNext((chunk) -> {
				ChatCompletionChunk.ToolCallDelta call = chunk.choices().get(0).delta().toolCalls().get(0);
				assertThat(call.index()).isZero();
				assertThat(call.id()).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
				assertThat(call.function().name()).isEqualTo("get_weather");
				assertThat(call.function().arguments()).isEmpty();
			})
			.assertNext((chunk) -> assertThat(chunk.choices().get(0).delta().toolCalls().get(0).function().arguments())
				.isEqualTo("{\"ci"))
			.assertNext((chunk) -> assertThat(chunk.choices().get(0).delta().toolCalls().get(0).function().arguments())
				.isEqualTo("ty\": \"Paris\"}"))
			.assertNext((chunk) -> {
				assertThat(chunk.choices().get(0).finishReason()).isEqualTo("tool_calls");
				assertThat(chunk.content()).isEmpty();
			})
			.assertNext((chunk) -> {
				assertThat(chunk.choices()).isEmpty();
				assertThat(chunk.content()).isEmpty();
				assertThat(chunk.usage().promptTokens()).isEqualTo(81);
				assertThat(chunk.usage().completionTokens()).isEqualTo(19);
				assertThat(chunk.usage().totalTokens()).isEqualTo(100);
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void accumulatorMergesContentToolCallArgumentsAndUsage() {
		stubStream(fullStream());
		StepVerifier.create(ChatCompletionAccumulator.collect(client(true).stream(request())))
			.assertNext((completion) -> {
				assertThat(completion.id()).isEqualTo("chatcmpl-stream1");
				assertThat(completion.object()).isEqualTo("chat.completion");
				assertThat(completion.model()).isEqualTo("gpt-4o-mini-2024-07-18");
				assertThat(completion.created()).isEqualTo(1741570300L);
				assertThat(completion.systemFingerprint()).isEqualTo("fp_b705f0c291");
				assertThat(completion.serviceTier()).isEqualTo("default");
				assertThat(completion.choices()).hasSize(1);
				assertThat(completion.content()).isEqualTo("Let me check.");
				assertThat(completion.choices().get(0).message().role()).isEqualTo("assistant");
				assertThat(completion.finishReason()).isEqualTo("tool_calls");
				assertThat(completion.toolCalls()).containsExactly(ToolCall.function("call_DdmO9pD3xa9XTPNJ32zg2hcA",
						"get_weather", "{\"city\": \"Paris\"}"));
				assertThat(completion.usage().promptTokens()).isEqualTo(81);
				assertThat(completion.usage().completionTokens()).isEqualTo(19);
				assertThat(completion.usage().totalTokens()).isEqualTo(100);
			})
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void accumulatorKeepsParallelToolCallsAndChoicesApart() {
		ChatCompletionAccumulator accumulator = new ChatCompletionAccumulator();
		accumulator.add(chunk(0, "{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}}"));
		accumulator.add(chunk(0, "{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"g\",\"arguments\":\"{\\\"y\\\":\"}}"));
		accumulator.add(chunk(0, "{\"index\":0,\"function\":{\"arguments\":\"1}\"}}"));
		accumulator.add(chunk(0, "{\"index\":1,\"function\":{\"arguments\":\"2}\"}}"));
		accumulator.add(io.github.openaiboot.core.OpenAiJson.mapper()
			.readValue("{\"id\":\"c\",\"created\":1,\"choices\":[{\"index\":1,\"delta\":{\"content\":\"second\"}}]}",
					ChatCompletionChunk.class));
		ChatCompletion completion = accumulator.toCompletion();
		assertThat(completion.choices()).hasSize(2);
		assertThat(completion.toolCalls()).containsExactly(ToolCall.function("call_a", "f", "{\"x\":1}"),
				ToolCall.function("call_b", "g", "{\"y\":2}"));
		assertThat(completion.content()).as("a tool-call-only answer has no text").isNull();
		assertThat(completion.choices().get(1).message().content()).isEqualTo("second");
		assertThat(completion.usage()).isNull();
	}

	private static ChatCompletionChunk chunk(int choice, String toolCallDelta) {
		return io.github.openaiboot.core.OpenAiJson.mapper()
			.readValue("{\"id\":\"c\",\"created\":1,\"choices\":[{\"index\":" + choice + ",\"delta\":{\"tool_calls\":["
					+ toolCallDelta + "]}}]}", ChatCompletionChunk.class);
	}

	@Test
	void streamWithoutDoneEndsWithStreamErrorCountingTheChunksReceived() {
		stubStream(sse(data(ROLE), data(HELLO), data(CHECK)));
		StepVerifier.create(client(true).stream(request()))
			.expectNextCount(3)
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(StreamErrorException.class);
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.chunksReceived()).isEqualTo(3);
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.CONNECTION);
				assertThat(error.requestId()).isEqualTo("req_stream_123");
				assertThat(error.getMessage()).contains("[DONE]").contains("after 3 chunk(s)");
			})
			.verify(TIMEOUT);
	}

	@Test
	void accumulatorFailsInsteadOfReturningAPartialAnswerWhenDoneIsMissing() {
		stubStream(sse(data(ROLE), data(HELLO)));
		StepVerifier.create(ChatCompletionAccumulator.collect(client(true).stream(request())))
			.expectError(StreamErrorException.class)
			.verify(TIMEOUT);
	}

	@Test
	void errorFrameInsideA200StreamEndsTheStreamAfterTheChunksBeforeIt() {
		stubStream(sse(data(ROLE), data(HELLO), data(ERROR_FRAME), data(CHECK), "data: [DONE]"));
		StepVerifier.create(client(true).stream(request()))
			.assertNext((chunk) -> assertThat(chunk.choices().get(0).delta().role()).isEqualTo("assistant"))
			.assertNext((chunk) -> assertThat(chunk.content()).isEqualTo("Let me "))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(StreamErrorException.class);
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.chunksReceived()).isEqualTo(2);
				assertThat(error.statusCode()).isEqualTo(200);
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
				assertThat(error.error().type()).isEqualTo("server_error");
				assertThat(error.error().message()).startsWith("The server had an error while processing your request.");
				assertThat(error.requestId()).isEqualTo("req_stream_123");
			})
			.verify(TIMEOUT);
	}

	@Test
	void errorEventInsideA200StreamIsClassifiedByItsCode() {
		String rateLimited = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini\",\"type\":\"tokens\","
				+ "\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
		stubStream(sse(data(ROLE), "event: error\ndata: " + rateLimited));
		StepVerifier.create(client(true).stream(request()))
			.expectNextCount(1)
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(StreamErrorException.class);
				assertThat(((StreamErrorException) failure).kind()).isEqualTo(OpenAiErrorKind.RATE_LIMITED);
				assertThat(((StreamErrorException) failure).chunksReceived()).isEqualTo(1);
			})
			.verify(TIMEOUT);
	}

	@Test
	void malformedChunkEndsTheStreamWithAnInvalidResponseError() {
		stubStream(sse(data(ROLE), "data: {not json", "data: [DONE]"));
		StepVerifier.create(client(true).stream(request()))
			.expectNextCount(1)
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(StreamErrorException.class);
				assertThat(((StreamErrorException) failure).kind()).isEqualTo(OpenAiErrorKind.INVALID_RESPONSE);
				assertThat(((StreamErrorException) failure).chunksReceived()).isEqualTo(1);
			})
			.verify(TIMEOUT);
	}

	@Test
	void httpErrorBeforeTheStreamStartsIsTypedLikeAnyOtherCall() {
		wm.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "req_429")
			.withBody("{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini in organization org-abc on "
					+ "requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.\","
					+ "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}")));
		StepVerifier.create(client(true).stream(request())).expectErrorSatisfies((failure) -> {
			assertThat(failure).isInstanceOf(RateLimitException.class);
			RateLimitException error = (RateLimitException) failure;
			assertThat(error.statusCode()).isEqualTo(429);
			assertThat(error.requestId()).isEqualTo("req_429");
			assertThat(error.retryAfter()).contains(Duration.ofSeconds(20));
		}).verify(TIMEOUT);
	}

}
