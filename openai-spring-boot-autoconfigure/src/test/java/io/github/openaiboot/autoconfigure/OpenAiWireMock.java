package io.github.openaiboot.autoconfigure;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * OpenAI-shaped WireMock responses for tests.
 */
final class OpenAiWireMock {

	static final String CHAT_COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop","logprobs":null}],
			 "usage":{"prompt_tokens":1000,"completion_tokens":500,"total_tokens":1500,
			          "prompt_tokens_details":{"cached_tokens":200}}}
			""";

	static final String CHAT_STREAM = """
			data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"},"finish_reason":null}],"usage":null}

			data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}],"usage":null}

			data: {"id":"chatcmpl-2","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":2,"total_tokens":12}}

			data: [DONE]

			""";

	static final String MODELS = """
			{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"}]}
			""";

	private OpenAiWireMock() {
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "req_" + status)
			.withHeader("x-ratelimit-limit-requests", "3500")
			.withHeader("x-ratelimit-limit-tokens", "90000")
			.withHeader("x-ratelimit-remaining-requests", "3499")
			.withHeader("x-ratelimit-remaining-tokens", "89984")
			.withHeader("x-ratelimit-reset-requests", "17ms")
			.withHeader("x-ratelimit-reset-tokens", "6m0s")
			.withBody(body);
	}

	static ResponseDefinitionBuilder sse(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream")
			.withHeader("x-request-id", "req_stream")
			.withHeader("x-ratelimit-limit-requests", "3500")
			.withHeader("x-ratelimit-remaining-requests", "3000")
			.withBody(body);
	}

	static ResponseDefinitionBuilder error(int status, String type, String code, String message) {
		return json(status, """
				{"error":{"message":"%s","type":"%s","param":null,"code":"%s"}}
				""".formatted(message, type, code));
	}

}
