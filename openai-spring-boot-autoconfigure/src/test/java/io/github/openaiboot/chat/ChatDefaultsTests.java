package io.github.openaiboot.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ChatDefaults}.
 */
class ChatDefaultsTests {

	@Test
	void fillsOnlyMissingValuesAndKeepsEverythingElse() {
		ChatRequest request = ChatRequest.builder().user("Hi").topP(0.5).seed(7L).endUser("u").build();
		ChatRequest completed = new ChatDefaults("gpt-4o", 0.2, 0.9, 100, true).applyTo(request);
		assertThat(completed.model()).isEqualTo("gpt-4o");
		assertThat(completed.temperature()).isEqualTo(0.2);
		assertThat(completed.topP()).isEqualTo(0.5);
		assertThat(completed.maxCompletionTokens()).isEqualTo(100);
		assertThat(completed.seed()).isEqualTo(7L);
		assertThat(completed.user()).isEqualTo("u");
		assertThat(completed.messages()).isEqualTo(request.messages());
	}

	@Test
	void returnsTheSameRequestWhenNothingIsMissing() {
		ChatRequest request = ChatRequest.builder().model("m").temperature(1.0).topP(1.0).maxCompletionTokens(5)
			.user("Hi").build();
		assertThat(ChatDefaults.of("other").applyTo(request)).isSameAs(request);
	}

	@Test
	void returnsTheSameRequestWhenTheValuesItLeavesUnsetHaveNoDefault() {
		ChatRequest request = ChatRequest.builder().model("m").user("Hi").build();
		assertThat(ChatDefaults.of("other").applyTo(request)).isSameAs(request);
		ChatRequest completed = new ChatDefaults("other", null, null, 100, true).applyTo(request);
		assertThat(completed).isNotSameAs(request);
		assertThat(completed.maxCompletionTokens()).isEqualTo(100);
		assertThat(completed.model()).isEqualTo("m");
	}

	@Test
	void ofIncludesUsageInStreamsByDefault() {
		assertThat(ChatDefaults.of("gpt-4o-mini").includeUsage()).isTrue();
	}

}
