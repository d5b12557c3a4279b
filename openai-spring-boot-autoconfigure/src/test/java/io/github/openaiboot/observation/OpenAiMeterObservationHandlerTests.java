package io.github.openaiboot.observation;

import java.math.BigDecimal;
import java.time.Duration;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.ServiceTier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for the cost {@link OpenAiMeterObservationHandler} records, from responses decoded
 * as they come off the wire.
 */
class OpenAiMeterObservationHandlerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	// 1000 prompt tokens of which 200 cached, 500 completion tokens
	private static final String USAGE = "{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500,"
			+ "\"prompt_tokens_details\":{\"cached_tokens\":200},"
			+ "\"completion_tokens_details\":{\"reasoning_tokens\":300}}";

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final ObservationOpenAiCallObserver observer;

	OpenAiMeterObservationHandlerTests() {
		this.observations.observationConfig()
			.observationHandler(new OpenAiMeterObservationHandler(this.meters, PricingTable.builtIn()));
		this.observer = new ObservationOpenAiCallObserver(this.observations, null, "default");
	}

	@Test
	void defaultTierResponseIsCostedAtTheStandardPrice() {
		complete("gpt-5", completion("gpt-5-2025-08-07", "default"));
		// 800 x 1.25 + 200 x 0.125 + 500 x 10.00 per million; the reasoning tokens are
		// among the 500
		assertCost("gpt-5", "0.006025");
	}

	@Test
	void flexResponseIsCostedAtHalfTheStandardPrice() {
		complete("gpt-5", completion("gpt-5-2025-08-07", "flex"));
		assertCost("gpt-5", "0.0030125");
	}

	@Test
	void priorityResponseIsCostedAtTwiceTheStandardPrice() {
		complete("gpt-5-mini", completion("gpt-5-mini-2025-08-07", "priority"));
		// (800 x 0.25 + 200 x 0.025 + 500 x 2.00 per million) x 2
		assertCost("gpt-5-mini", "0.00241");
	}

	@Test
	void tierTheResponseReportsWinsOverTheOneTheRequestAskedFor() {
		// asked for flex, but OpenAI served it at the default tier
		complete(ChatRequest.builder().model("gpt-5").user("Hi").serviceTier("flex").build(),
				completion("gpt-5-2025-08-07", "default"));
		assertCost("gpt-5", "0.006025");
	}

	@Test
	void responseThatDoesNotSayItsTierIsCostedAtTheTierTheRequestAskedFor() {
		complete(ChatRequest.builder().model("gpt-5").user("Hi").serviceTier("flex").build(),
				completion("gpt-5-2025-08-07", null));
		assertCost("gpt-5", "0.0030125");
	}

	@Test
	void streamIsCostedAtTheTierItsChunksReport() {
		String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
				+ "\"model\":\"o4-mini-2025-04-16\",\"service_tier\":\"flex\",";
		Flux<ChatCompletionChunk> chunks = Flux.just(
				head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}",
				head + "\"choices\":[],\"usage\":" + USAGE + "}")
			.map((json) -> OpenAiJson.mapper().readValue(json, ChatCompletionChunk.class));
		OpenAiRequest<ChatCompletionChunk> request = OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions",
				ChatRequest.builder().model("o4-mini").user("Hi").build(), ChatCompletionChunk.class, "o4-mini");
		StepVerifier.create(this.observer.observeStream(request, chunks))
			.expectNextCount(2)
			.expectComplete()
			.verify(TIMEOUT);
		// (800 x 1.10 + 200 x 0.275 + 500 x 4.40 per million) / 2
		assertCost("o4-mini", "0.0015675");
	}

	@Test
	void fineTunedModelIsCostedAtItsFineTunedPriceAndTier() {
		String model = "ft:gpt-4o-mini-2024-07-18:acme::abc123";
		complete(model, completion(model, "default"));
		// 800 x 0.30 + 200 x 0.15 + 500 x 1.20 per million
		assertCost(model, "0.00087");
	}

	@Test
	void batchAnswerIsCostedAtHalfTheStandardPriceUnderOperationBatch() {
		ChatCompletion completion = completion("gpt-4.1-2025-04-14", "default");
		OpenAiRequest<ChatCompletion> request = new OpenAiRequest<>(OpenAiOperation.BATCH_RESULT,
				org.springframework.http.HttpMethod.POST, "/batches", null, ChatCompletion.class, completion.model());
		StepVerifier.create(this.observer.observe(request, Mono.just(completion)))
			.expectNext(completion)
			.expectComplete()
			.verify(TIMEOUT);
		// (800 x 2.00 + 200 x 0.50 + 500 x 8.00 per million) / 2, though the answer says default
		assertThat(this.meters.get(OpenAiMeterObservationHandler.COST)
			.tags("gen_ai.request.model", "gpt-4.1-2025-04-14", "gen_ai.operation.name", "batch")
			.counter()
			.count()).isCloseTo(0.00285, within(1e-12));
		assertThat(this.meters.get(OpenAiMeterObservationHandler.TOKEN_USAGE)
			.tags("gen_ai.operation.name", "batch", "gen_ai.token.type", "output")
			.summary()
			.totalAmount()).isEqualTo(500);
	}

	@Test
	void trainedTokensOfAFinishedJobAreCostedAtTheTrainingPriceOfItsBaseModel() {
		io.github.openaiboot.finetuning.FineTuningJob job = OpenAiJson.mapper()
			.readValue("{\"id\":\"ftjob-abc123\",\"model\":\"gpt-4o-mini-2024-07-18\",\"status\":\"succeeded\","
					+ "\"fine_tuned_model\":\"ft:gpt-4o-mini-2024-07-18:acme::abc123\",\"trained_tokens\":2000000}",
					io.github.openaiboot.finetuning.FineTuningJob.class);
		OpenAiRequest<io.github.openaiboot.finetuning.FineTuningJob> request = new OpenAiRequest<>(
				OpenAiOperation.FINE_TUNING_TRAINING, org.springframework.http.HttpMethod.GET,
				"/fine_tuning/jobs/ftjob-abc123", null, io.github.openaiboot.finetuning.FineTuningJob.class,
				job.model());
		StepVerifier.create(this.observer.observe(request, Mono.just(job))).expectNext(job).expectComplete().verify(TIMEOUT);
		// 2M trained tokens x $3.00 per million
		assertThat(this.meters.get(OpenAiMeterObservationHandler.COST)
			.tags("gen_ai.request.model", "gpt-4o-mini-2024-07-18", "gen_ai.operation.name", "fine_tuning")
			.counter()
			.count()).isCloseTo(6.0, within(1e-12));
		assertThat(this.meters.get(OpenAiMeterObservationHandler.TOKEN_USAGE)
			.tags("gen_ai.operation.name", "fine_tuning", "gen_ai.token.type", "input")
			.summary()
			.totalAmount()).isEqualTo(2_000_000);
		assertThat(this.meters.find(OpenAiMeterObservationHandler.TOKEN_USAGE)
			.tags("gen_ai.operation.name", "fine_tuning", "gen_ai.token.type", "output")
			.summary()).isNull();
	}

	@Test
	void observationContextCarriesTheTierAsTheResponseWroteIt() {
		complete("gpt-5", completion("gpt-5-2025-08-07", "priority"));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.satisfies((observation) -> {
				OpenAiObservationContext context = (OpenAiObservationContext) observation;
				assertThat(context.getServiceTier()).isEqualTo("priority");
				assertThat(context.getPricedServiceTier()).isEqualTo(ServiceTier.PRIORITY);
			});
	}

	private void complete(String model, ChatCompletion completion) {
		complete(ChatRequest.builder().model(model).user("Hi").build(), completion);
	}

	private void complete(ChatRequest body, ChatCompletion completion) {
		OpenAiRequest<ChatCompletion> request = OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions", body,
				ChatCompletion.class, body.model());
		StepVerifier.create(this.observer.observe(request, Mono.just(completion)))
			.expectNext(completion)
			.expectComplete()
			.verify(TIMEOUT);
	}

	private static ChatCompletion completion(String model, @Nullable String serviceTier) {
		String tier = (serviceTier != null) ? "\"service_tier\":\"" + serviceTier + "\"," : "";
		String json = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + model
				+ "\"," + tier + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
				+ "\"finish_reason\":\"stop\"}],\"usage\":" + USAGE + "}";
		return OpenAiJson.mapper().readValue(json, ChatCompletion.class);
	}

	private void assertCost(String requestModel, String dollars) {
		assertThat(this.meters.get(OpenAiMeterObservationHandler.COST)
			.tags("gen_ai.request.model", requestModel, "gen_ai.operation.name", "chat", "openai.client", "default")
			.counter()
			.count()).isCloseTo(Double.parseDouble(dollars), within(1e-12));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.satisfies((observation) -> assertThat(((OpenAiObservationContext) observation).getCost())
				.isEqualByComparingTo(new BigDecimal(dollars)));
	}

}
