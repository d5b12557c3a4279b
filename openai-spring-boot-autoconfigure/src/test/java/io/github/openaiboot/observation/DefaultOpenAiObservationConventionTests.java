package io.github.openaiboot.observation;

import java.util.List;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultOpenAiObservationConvention}.
 */
class DefaultOpenAiObservationConventionTests {

	private final DefaultOpenAiObservationConvention convention = new DefaultOpenAiObservationConvention();

	@Test
	void contextualNameIsTheOperationAndTheModelOnEveryCall() {
		assertThat(this.convention.getContextualName(chat("gpt-4o-mini"))).isEqualTo("chat gpt-4o-mini");
		assertThat(this.convention.getContextualName(chat("gpt-4o-mini"))).isEqualTo("chat gpt-4o-mini");
		assertThat(this.convention.getContextualName(chat("gpt-4o"))).isEqualTo("chat gpt-4o");
		OpenAiObservationContext models = new OpenAiObservationContext(
				OpenAiRequest.get(OpenAiOperation.MODELS, "/models", Object.class), "openai", false);
		assertThat(this.convention.getContextualName(models)).isEqualTo(OpenAiOperation.MODELS.operationName());
	}

	@Test
	void finishReasonsOfSeveralChoicesAreJoinedInTheirOrder() {
		OpenAiObservationContext one = chat("gpt-4o-mini");
		one.setFinishReasons(List.of("stop"));
		OpenAiObservationContext two = chat("gpt-4o-mini");
		two.setFinishReasons(List.of("stop", "length"));
		assertThat(finishReasons(one)).isEqualTo("stop");
		assertThat(finishReasons(two)).isEqualTo("stop,length");
	}

	private String finishReasons(OpenAiObservationContext context) {
		return this.convention.getHighCardinalityKeyValues(context)
			.stream()
			.filter((keyValue) -> keyValue.getKey().equals("gen_ai.response.finish_reasons"))
			.map(KeyValue::getValue)
			.findFirst()
			.orElseThrow();
	}

	private static OpenAiObservationContext chat(String model) {
		ChatRequest request = ChatRequest.builder().model(model).user("Hello").build();
		return new OpenAiObservationContext(
				OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions", request, ChatCompletion.class, model),
				"openai", false);
	}

}
