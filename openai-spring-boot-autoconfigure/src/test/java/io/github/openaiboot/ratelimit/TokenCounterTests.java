package io.github.openaiboot.ratelimit;

import java.util.List;
import java.util.Map;

import com.knuddels.jtokkit.api.EncodingType;
import io.github.openaiboot.chat.ChatMessage;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.ContentPart;
import io.github.openaiboot.chat.Tool;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.responses.ResponseContent;
import io.github.openaiboot.responses.ResponseRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TokenCounter}.
 * <p>
 * Reference numbers come from OpenAI's cookbook, "How to count tokens with tiktoken"
 * (https://cookbook.openai.com/examples/how_to_count_tokens_with_tiktoken, notebook
 * examples/How_to_count_tokens_with_tiktoken.ipynb in github.com/openai/openai-cookbook):
 * <ul>
 * <li>"tiktoken is great!" is 6 tokens in both cl100k_base ([83, 1609, 5963, 374, 2294,
 * 0]) and o200k_base ([83, 8251, 2488, 382, 2212, 0]);</li>
 * <li>"antidisestablishmentarianism" is 6 tokens, "2 + 2 = 4" 7 tokens and
 * "お誕生日おめでとう" 9 tokens in cl100k_base and 8 in o200k_base (the notebook's
 * encoding comparison);</li>
 * <li>the notebook's example conversation (a system prompt, two named few-shot pairs and
 * a user message) is 129 prompt tokens for gpt-3.5-turbo and gpt-4 and 124 for gpt-4o and
 * gpt-4o-mini, as counted by its num_tokens_from_messages() and confirmed there against
 * the prompt_tokens the API reported.</li>
 * </ul>
 */
class TokenCounterTests {

	private final TokenCounter counter = new TokenCounter(100);

	@Test
	void upperBoundIsNeverBelowThePreciseEstimate() {
		for (String text : List.of("tiktoken is great!", "antidisestablishmentarianism", "お誕生日おめでとう",
				"emoji 🎉🎉🎉 and accents àéîõü", "x".repeat(5000), "{\"json\": [1, 2, 3]}")) {
			for (String model : List.of("gpt-4o-mini", "gpt-4", "text-embedding-3-small")) {
				OpenAiRequest<Object> request = chat(ChatRequest.builder().model(model).system("Be brief.").user(text).build());
				assertThat(this.counter.upperBound(request)).as(text + " / " + model)
					.isGreaterThanOrEqualTo(this.counter.estimate(request));
				OpenAiRequest<Object> embedding = OpenAiRequest.post(OpenAiOperation.EMBEDDINGS, "/embeddings",
						EmbeddingRequest.builder().model(model).input(text, text).build(), Object.class, model);
				assertThat(this.counter.upperBound(embedding)).isGreaterThanOrEqualTo(this.counter.estimate(embedding));
			}
		}
	}

	@Test
	void upperBoundOfARequestWithImagesIsThePreciseEstimate() {
		OpenAiRequest<Object> request = chat(ChatRequest.builder()
			.model("gpt-4o")
			.user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/a.png", "low"))
			.build());
		assertThat(this.counter.upperBound(request)).isEqualTo(this.counter.estimate(request));
	}

	@Test
	void choosesTheTokenizerOfEachModelFamily() {
		assertThat(TokenCounter.encodingType("gpt-4o-mini")).isEqualTo(EncodingType.O200K_BASE);
		assertThat(TokenCounter.encodingType("gpt-4.1-nano")).isEqualTo(EncodingType.O200K_BASE);
		assertThat(TokenCounter.encodingType("o3-mini")).isEqualTo(EncodingType.O200K_BASE);
		assertThat(TokenCounter.encodingType("gpt-5")).isEqualTo(EncodingType.O200K_BASE);
		assertThat(TokenCounter.encodingType("ft:gpt-4o-mini:acme::abc")).isEqualTo(EncodingType.O200K_BASE);
		assertThat(TokenCounter.encodingType("gpt-4")).isEqualTo(EncodingType.CL100K_BASE);
		assertThat(TokenCounter.encodingType("gpt-4-turbo")).isEqualTo(EncodingType.CL100K_BASE);
		assertThat(TokenCounter.encodingType("gpt-3.5-turbo")).isEqualTo(EncodingType.CL100K_BASE);
		assertThat(TokenCounter.encodingType("text-embedding-3-small")).isEqualTo(EncodingType.CL100K_BASE);
		assertThat(TokenCounter.encodingType("text-embedding-ada-002")).isEqualTo(EncodingType.CL100K_BASE);
		assertThat(TokenCounter.encodingType("some-future-model")).isEqualTo(EncodingType.O200K_BASE);
	}

	@Test
	void countsTextsAsTheCookbookDoes() {
		assertThat(this.counter.count("tiktoken is great!", "gpt-4")).isEqualTo(6);
		assertThat(this.counter.count("tiktoken is great!", "gpt-4o")).isEqualTo(6);
		assertThat(this.counter.count("antidisestablishmentarianism", "gpt-4")).isEqualTo(6);
		assertThat(this.counter.count("antidisestablishmentarianism", "gpt-4o")).isEqualTo(6);
		assertThat(this.counter.count("2 + 2 = 4", "gpt-4")).isEqualTo(7);
		assertThat(this.counter.count("2 + 2 = 4", "gpt-4o")).isEqualTo(7);
		assertThat(this.counter.count("お誕生日おめでとう", "gpt-4")).isEqualTo(9);
		assertThat(this.counter.count("お誕生日おめでとう", "gpt-4o")).isEqualTo(8);
	}

	@Test
	void countsTheCookbookConversationAsTheApiDid() {
		assertThat(this.counter.count(cookbookConversation("gpt-3.5-turbo"))).isEqualTo(129);
		assertThat(this.counter.count(cookbookConversation("gpt-4"))).isEqualTo(129);
		assertThat(this.counter.count(cookbookConversation("gpt-4o"))).isEqualTo(124);
		assertThat(this.counter.count(cookbookConversation("gpt-4o-mini"))).isEqualTo(124);
	}

	@Test
	void countsMessageFramingAndNames() {
		ChatRequest one = ChatRequest.builder().model("gpt-4o").user("tiktoken is great!").build();
		// 3 framing + 1 ("user") + 6 content + 3 reply priming
		assertThat(this.counter.count(one)).isEqualTo(13);
		ChatRequest named = ChatRequest.builder()
			.model("gpt-4o")
			.message(ChatMessage.user("tiktoken is great!").withName("bob"))
			.build();
		assertThat(this.counter.count(named)).isEqualTo(13 + this.counter.count("bob", "gpt-4o") + 1);
	}

	@Test
	void estimatesImagesByDetail() {
		ChatRequest text = ChatRequest.builder().model("gpt-4o").user(ContentPart.text("What is this?")).build();
		ChatRequest low = ChatRequest.builder()
			.model("gpt-4o")
			.user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/a.png", "low"))
			.build();
		ChatRequest high = ChatRequest.builder()
			.model("gpt-4o")
			.user(ContentPart.text("What is this?"), ContentPart.imageUrl("https://example.com/a.png"))
			.build();
		assertThat(this.counter.count(low) - this.counter.count(text)).isEqualTo(85);
		assertThat(this.counter.count(high) - this.counter.count(text)).isEqualTo(765);
	}

	@Test
	void countsToolDefinitions() {
		ChatRequest plain = ChatRequest.builder().model("gpt-4o").user("Weather in Paris?").build();
		ChatRequest withTools = plain.mutate()
			.tools(List.of(Tool.function("get_weather", "Current weather of a city",
					Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))))))
			.build();
		assertThat(this.counter.count(withTools)).isGreaterThan(this.counter.count(plain) + 10);
	}

	@Test
	void estimatesChatCostAsPromptPlusCompletionBound() {
		ChatRequest bounded = ChatRequest.builder().model("gpt-4o").user("tiktoken is great!").maxCompletionTokens(50).build();
		assertThat(this.counter.estimate(chat(bounded))).isEqualTo(13 + 50);
		ChatRequest unbounded = ChatRequest.builder().model("gpt-4o").user("tiktoken is great!").build();
		assertThat(this.counter.estimate(chat(unbounded))).isEqualTo(13 + 100);
		ChatRequest twoAnswers = bounded.mutate().n(2).build();
		assertThat(this.counter.estimate(chat(twoAnswers))).isEqualTo(13 + 100);
	}

	@Test
	void estimatesEmbeddingsAsTheTokensOfAllInputs() {
		EmbeddingRequest request = EmbeddingRequest.builder()
			.model("text-embedding-3-small")
			.input("tiktoken is great!", "2 + 2 = 4")
			.build();
		OpenAiRequest<Object> call = OpenAiRequest.post(OpenAiOperation.EMBEDDINGS, "/embeddings", request,
				Object.class, "text-embedding-3-small");
		assertThat(this.counter.estimate(call)).isEqualTo(6 + 7);
	}

	@Test
	void countsAResponsesRequestLikeTheChatRequestOfTheSameConversation() {
		ChatRequest chat = ChatRequest.builder()
			.model("gpt-4o-mini")
			.system("Be brief.")
			.user("tiktoken is great!")
			.assistant("It is.")
			.user("お誕生日おめでとう")
			.tools(Tool.function("get_weather", "Weather", Map.of("type", "object")))
			.build();
		ResponseRequest text = ResponseRequest.builder()
			.model("gpt-4o-mini")
			.instructions("Be brief.")
			.user("tiktoken is great!")
			.assistant("It is.")
			.user("お誕生日おめでとう")
			.tools(Tool.function("get_weather", "Weather", Map.of("type", "object")))
			.build();
		// the tools differ only by the shape the two APIs take them in
		int toolShapes = this.counter.count("{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
				+ "\"description\":\"Weather\",\"parameters\":{\"type\":\"object\"}}}", "gpt-4o-mini")
				- this.counter.count("{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Weather\","
						+ "\"parameters\":{\"type\":\"object\"},\"strict\":false}", "gpt-4o-mini");
		assertThat(this.counter.count(text)).isEqualTo(this.counter.count(chat) - toolShapes);
	}

	@Test
	void estimatesAResponsesRequestAsInputPlusItsOutputBound() {
		ResponseRequest request = ResponseRequest.builder()
			.model("gpt-4o")
			.input("tiktoken is great!")
			.maxOutputTokens(250)
			.build();
		// 3 framing + "user" + 6 text + 3 priming, then the output bound
		assertThat(this.counter.estimate(responses(request))).isEqualTo(3 + 1 + 6 + 3 + 250);
		ResponseRequest unbounded = ResponseRequest.builder()
			.model("gpt-4o")
			.user(ResponseContent.text("What is this?"), ResponseContent.imageUrl("https://example.com/a.png", "low"))
			.build();
		assertThat(this.counter.estimate(responses(unbounded)))
			.isEqualTo(3 + 1 + this.counter.count("What is this?", "gpt-4o") + TokenCounter.LOW_DETAIL_IMAGE_TOKENS + 3
					+ 100);
		assertThat(this.counter.upperBound(responses(unbounded))).isEqualTo(this.counter.estimate(responses(unbounded)));
		assertThat(this.counter.upperBound(responses(request))).isGreaterThanOrEqualTo(this.counter.estimate(responses(request)));
	}

	private static OpenAiRequest<Object> responses(ResponseRequest request) {
		return OpenAiRequest.post(OpenAiOperation.RESPONSES, "/responses", request, Object.class, request.model());
	}

	@Test
	void truncatesToWholeTokens() {
		assertThat(this.counter.truncate("tiktoken is great!", 3, "gpt-4o")).isEqualTo("tiktoken");
		assertThat(this.counter.truncate("tiktoken is great!", 6, "gpt-4o")).isEqualTo("tiktoken is great!");
		assertThat(this.counter.truncate("tiktoken is great!", 0, "gpt-4o")).isEmpty();
	}

	private static OpenAiRequest<Object> chat(ChatRequest request) {
		return OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions", request, Object.class, request.model());
	}

	private static ChatRequest cookbookConversation(String model) {
		return ChatRequest.builder()
			.model(model)
			.system("You are a helpful, pattern-following assistant that translates corporate jargon into plain English.")
			.message(ChatMessage.system("New synergies will help drive top-line growth.").withName("example_user"))
			.message(ChatMessage.system("Things working well together will increase revenue.")
				.withName("example_assistant"))
			.message(ChatMessage.system(
					"Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.")
				.withName("example_user"))
			.message(ChatMessage.system("Let's talk later when we're less busy about how to do better.")
				.withName("example_assistant"))
			.user("This late pivot means we don't have time to boil the ocean for the client deliverable.")
			.build();
	}

}
