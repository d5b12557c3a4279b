package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.embedding.EmbeddingResponse;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link OpenAiWarmUp}.
 */
class OpenAiWarmUpTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
		.withPropertyValues("openai.api-key=sk-test");

	@Test
	void isOnByDefaultAndOffWithItsProperty() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OpenAiWarmUp.class));
		this.contextRunner.withPropertyValues("openai.warm-up=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiWarmUp.class));
	}

	@Test
	void warmsUpOnItsSchedulerOnceTheApplicationIsReady() {
		AtomicInteger scheduled = new AtomicInteger();
		OpenAiWarmUp warmUp = new OpenAiWarmUp(Schedulers.fromExecutor((task) -> {
			scheduled.incrementAndGet();
			task.run();
		}));
		warmUp.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], null,
				Duration.ZERO));
		assertThat(scheduled).hasValue(1);
	}

	@Test
	void warmsUpWithoutFailing() {
		// a failure is only logged at debug, which would leave the first calls cold unnoticed
		assertThatNoException().isThrownBy(() -> new OpenAiWarmUp(Schedulers.immediate()).warmUp());
	}

	@Test
	void samplesAreReadAsTheRealAnswersAre() {
		ChatCompletion completion = OpenAiJson.mapper().readValue(OpenAiWarmUp.CHAT_COMPLETION, ChatCompletion.class);
		assertThat(completion.choices()).singleElement()
			.satisfies((choice) -> assertThat(choice.finishReason()).isEqualTo("stop"));
		assertThat(completion.usage().promptTokens()).isOne();
		assertThat(OpenAiJson.mapper().readValue(OpenAiWarmUp.CHAT_CHUNK, ChatCompletionChunk.class).choices())
			.hasSize(1);
		EmbeddingResponse embeddings = OpenAiJson.mapper()
			.readValue(OpenAiWarmUp.EMBEDDINGS, EmbeddingResponse.class);
		assertThat(embeddings.data()).hasSize(2)
			.allSatisfy((embedding) -> assertThat(embedding.embedding()).containsExactly(1.0f, 2.0f));
	}

}
