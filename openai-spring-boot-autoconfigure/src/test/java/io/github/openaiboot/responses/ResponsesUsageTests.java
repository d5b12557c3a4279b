package io.github.openaiboot.responses;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.observation.ObservationOpenAiCallObserver;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenCounter;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the usage of Responses API calls reaches the token and cost meters and
 * settles the pacer's permits, whole or streamed, and that only creating a response
 * counts.
 */
class ResponsesUsageTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final long TOKENS_PER_MINUTE = 100_000;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final TokenBucketPacer pacer = TokenBucketPacer.builder()
		.scheduler(this.time)
		.defaultLimits(60, TOKENS_PER_MINUTE)
		// the whole minute's budget at once, so that what is left is the limit less what was used
		.burst(Duration.ofMinutes(1))
		.build();

	private final TokenCounter tokenCounter = new TokenCounter(100);

	private final DefaultResponsesClient client;

	ResponsesUsageTests() {
		this.observations.observationConfig()
			.observationHandler(new OpenAiMeterObservationHandler(this.meters, PricingTable.builtIn()));
		OpenAiPipeline pipeline = OpenAiPipeline.builder(TestPipelines.webClient(wm.baseUrl()).build())
			.callObserver(new ObservationOpenAiCallObserver(this.observations, null, "default"))
			.rateLimiter(this.pacer)
			.tokenEstimator(this.tokenCounter)
			.build();
		this.client = new DefaultResponsesClient(pipeline, ResponseDefaults.of("gpt-4o-mini"));
	}

	@Test
	void wholeResponseRecordsItsTokensAndCostAndSettlesThePermit() {
		wm.stubFor(post("/v1/responses")
			.willReturn(ResponseFixtures.json(ResponseFixtures.read(ResponseFixtures.FUNCTION_CALL_RESPONSE))));
		StepVerifier.create(this.client.create(ResponseRequest.builder().model("gpt-4.1").input("Weather?").build()))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(tokens("gpt-4.1", "input").totalAmount()).isEqualTo(81);
		assertThat(tokens("gpt-4.1", "output").totalAmount()).isEqualTo(19);
		// 81 x 2.00 + 19 x 8.00 per million, at the price of gpt-4.1-2025-04-14
		assertThat(cost("gpt-4.1")).isEqualTo(0.000314);
		assertThat(this.pacer.available("gpt-4.1", RateLimitType.TOKENS)).isEqualTo(TOKENS_PER_MINUTE - 100);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasContextualNameEqualTo("chat gpt-4.1")
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "chat")
			.hasHighCardinalityKeyValue("gen_ai.response.id", "resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41")
			.hasHighCardinalityKeyValue("gen_ai.response.model", "gpt-4.1-2025-04-14")
			.hasHighCardinalityKeyValue("gen_ai.response.finish_reasons", "completed")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "81")
			.hasHighCardinalityKeyValue("gen_ai.usage.output_tokens", "19");
	}

	@Test
	void streamRecordsTheUsageOfItsTerminalEventWithCachedAndReasoningTokensPriced() {
		wm.stubFor(post("/v1/responses")
			.willReturn(ResponseFixtures.sse(ResponseFixtures.read(ResponseFixtures.EVERY_EVENT_STREAM))));
		StepVerifier
			.create(this.client
				.stream(ResponseRequest.builder().model("o4-mini").input("Weather in Paris?").maxOutputTokens(400).build()))
			.expectNextCount(28)
			.expectComplete()
			.verify(TIMEOUT);
		DistributionSummary input = tokens("o4-mini", "input");
		assertThat(input.count()).isEqualTo(1);
		assertThat(input.totalAmount()).isEqualTo(1200);
		assertThat(tokens("o4-mini", "output").totalAmount()).isEqualTo(300);
		// 176 x 1.10 + 1024 cached x 0.275 + 300 x 4.40 per million; the 192 reasoning
		// tokens are among the 300
		assertThat(cost("o4-mini")).isEqualTo(0.0017952);
		assertThat(this.pacer.available("o4-mini", RateLimitType.TOKENS)).isEqualTo(TOKENS_PER_MINUTE - 1500);
		assertThat(this.pacer.available("o4-mini", RateLimitType.REQUESTS)).isEqualTo(59);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasBeenStopped()
			.hasHighCardinalityKeyValue("gen_ai.response.model", "o4-mini-2025-04-16")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "1200");
	}

	@Test
	void failedStreamKeepsItsEstimateAndRecordsNoCost() {
		wm.stubFor(post("/v1/responses")
			.willReturn(ResponseFixtures.sse(ResponseFixtures.read(ResponseFixtures.NESTED_ERROR_STREAM))));
		ResponseRequest request = ResponseRequest.builder().model("gpt-5").input("Hi").build();
		StepVerifier.create(this.client.stream(request))
			.expectNextCount(2)
			.expectError(StreamErrorException.class)
			.verify(TIMEOUT);
		// the pacer counts precisely for a model it has not seen yet
		long estimate = this.tokenCounter.estimate(OpenAiRequest.post(OpenAiOperation.RESPONSES, "/responses",
				request, ResponseStreamEvent.class, "gpt-5"));
		// 100 output tokens assumed, 3 + "user" + "Hi" for the message, 3 to prime the reply
		assertThat(estimate).isEqualTo(100 + 3 + 1 + 1 + 3);
		assertThat(this.pacer.available("gpt-5", RateLimitType.TOKENS)).isEqualTo(TOKENS_PER_MINUTE - estimate);
		assertThat(Search.in(this.meters).name("openai.client.cost").counters()).isEmpty();
		assertThat(Search.in(this.meters).name("gen_ai.client.token.usage").summaries()).isEmpty();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasLowCardinalityKeyValue("error.type", "QUOTA_EXCEEDED");
	}

	@Test
	void retrievingAStoredResponseRecordsNoTokensAgain() {
		String id = "resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41";
		wm.stubFor(get("/v1/responses/" + id)
			.willReturn(ResponseFixtures.json(ResponseFixtures.read(ResponseFixtures.FUNCTION_CALL_RESPONSE))));
		StepVerifier.create(this.client.retrieve(id)).expectNextCount(1).expectComplete().verify(TIMEOUT);
		assertThat(Search.in(this.meters).name("gen_ai.client.token.usage").summaries()).isEmpty();
		assertThat(Search.in(this.meters).name("openai.client.cost").counters()).isEmpty();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.client.operation")
			.that()
			.hasLowCardinalityKeyValue("gen_ai.operation.name", "responses");
	}

	private DistributionSummary tokens(String model, String type) {
		return this.meters.get("gen_ai.client.token.usage")
			.tags("gen_ai.token.type", type, "gen_ai.operation.name", "chat", "gen_ai.request.model", model,
					"openai.client", "default")
			.summary();
	}

	private double cost(String model) {
		return this.meters.get("openai.client.cost")
			.tags("gen_ai.operation.name", "chat", "gen_ai.request.model", model, "openai.client", "default")
			.counter()
			.count();
	}

}
