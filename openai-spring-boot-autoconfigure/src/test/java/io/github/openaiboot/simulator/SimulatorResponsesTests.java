package io.github.openaiboot.simulator;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiMetricsAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiObservationAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiRateLimitAutoConfiguration;
import io.github.openaiboot.chat.Tool;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.ratelimit.RateLimitType;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.responses.ReasoningOptions;
import io.github.openaiboot.responses.Response;
import io.github.openaiboot.responses.ResponseAccumulator;
import io.github.openaiboot.responses.ResponseItem;
import io.github.openaiboot.responses.ResponseRequest;
import io.github.openaiboot.responses.ResponseStreamEvent;
import io.github.openaiboot.responses.ResponsesClient;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured {@link ResponsesClient} against the simulator: every event type,
 * what the accumulator makes of them, conversation state, stored responses, the faults
 * with the default retry, usage on the meters and the pacer.
 */
class SimulatorResponsesTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private static final Tool WEATHER = Tool.function("get_weather", "Current weather", Map.of("type", "object",
			"properties", Map.of("city", Map.of("type", "string"), "unit", Map.of("type", "string", "enum",
					List.of("celsius", "fahrenheit")))));

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
				OpenAiRateLimitAutoConfiguration.class, OpenAiObservationAutoConfiguration.class,
				OpenAiMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + openai.baseUrl(),
				"openai.retry.initial-backoff=5ms", "openai.retry.max-backoff=20ms",
				"openai.rate-limit.tokens-per-minute=6000", "openai.rate-limit.requests-per-minute=600",
				"openai.rate-limit.burst=1m", "openai.rate-limit.adaptive=false");

	@Test
	void everyEventTypeArrivesDecodedAcrossTheSimulatorsAnswers() {
		this.contextRunner.run((context) -> {
			ResponsesClient client = context.getBean(ResponsesClient.class);
			Set<String> types = new LinkedHashSet<>();
			for (ResponseRequest request : List.of(
					ResponseRequest.builder().input("Tell me a story").build(),
					ResponseRequest.builder().model("o4-mini").input("Why is the sky blue?")
						.reasoning(new ReasoningOptions("low", "auto")).build(),
					ResponseRequest.builder().input("Use a tool for the weather").tools(WEATHER).build(),
					ResponseRequest.builder().input("Please refuse this").build(),
					ResponseRequest.builder().input("Tell me a story").maxOutputTokens(2).build())) {
				List<ResponseStreamEvent> events = client.stream(request).collectList().block(TIMEOUT);
				events.forEach((event) -> types.add(event.getClass().getSimpleName()));
				assertThat(events).noneMatch(ResponseStreamEvent.Unknown.class::isInstance);
			}
			assertThat(types).containsExactlyInAnyOrder("Created", "InProgress", "OutputItemAdded", "OutputItemDone",
					"ContentPartAdded", "ContentPartDone", "OutputTextDelta", "OutputTextDone",
					"ReasoningSummaryPartAdded", "ReasoningSummaryPartDone", "ReasoningSummaryTextDelta",
					"ReasoningSummaryTextDone", "FunctionCallArgumentsDelta", "FunctionCallArgumentsDone",
					"RefusalDelta", "RefusalDone", "Completed", "Incomplete");
		});
	}

	@Test
	void accumulatedStreamsAreExactlyTheWholeResponses() {
		this.contextRunner.run((context) -> {
			ResponsesClient client = context.getBean(ResponsesClient.class);
			ResponseRequest story = ResponseRequest.builder().input("Tell me   a story\nabout Paris, café ☕").build();
			Response whole = client.create(story).block(TIMEOUT);
			Response streamed = ResponseAccumulator.collect(client.stream(story)).block(TIMEOUT);
			assertThat(whole.outputText()).isEqualTo("Simulated answer to: Tell me a story about Paris, café ☕");
			assertThat(streamed.outputText()).isEqualTo(whole.outputText());
			assertThat(streamed.status()).isEqualTo("completed");
			assertThat(streamed.usage()).isEqualTo(whole.usage());
			ResponseRequest tool = ResponseRequest.builder().input("Weather?").tools(WEATHER)
				.toolChoice(io.github.openaiboot.chat.ToolChoice.REQUIRED).build();
			ResponseItem.FunctionCall call = client.create(tool).block(TIMEOUT).functionCalls().get(0);
			ResponseItem.FunctionCall streamedCall = ResponseAccumulator.collect(client.stream(tool))
				.block(TIMEOUT)
				.functionCalls()
				.get(0);
			assertThat(io.github.openaiboot.core.OpenAiJson.mapper().readTree(call.arguments()))
				.isEqualTo(io.github.openaiboot.core.OpenAiJson.mapper()
					.readTree("{\"city\":\"simulated city\",\"unit\":\"celsius\"}"));
			assertThat(streamedCall.arguments()).isEqualTo(call.arguments());
			assertThat(streamedCall.name()).isEqualTo("get_weather");
			Response reasoned = ResponseAccumulator.collect(client.stream(ResponseRequest.builder()
				.input("Why is the sky blue?")
				.reasoning(new ReasoningOptions(null, "detailed"))
				.build())).block(TIMEOUT);
			assertThat(((ResponseItem.Reasoning) reasoned.output().get(0)).summaryText())
				.isEqualTo("Simulated reasoning about: Why is the sky blue?");
			assertThat(reasoned.usage().reasoningTokens()).isEqualTo(8);
		});
	}

	@Test
	void aConversationGoesOnThroughPreviousResponseIdAndItsFunctionCallOutputs() {
		this.contextRunner.run((context) -> {
			ResponsesClient client = context.getBean(ResponsesClient.class);
			Response first = client.create(ResponseRequest.builder().input("Use a tool for the weather").tools(WEATHER)
				.build()).block(TIMEOUT);
			ResponseItem.FunctionCall call = first.functionCalls().get(0);
			Response second = client.create(ResponseRequest.builder()
				.previousResponseId(first.id())
				.functionCallOutput(call.callId(), "{\"temperature\":18}")
				.tools(WEATHER)
				.build()).block(TIMEOUT);
			assertThat(second.outputText()).isEqualTo("Simulated answer using tool result: {\"temperature\":18}");
			Response third = ResponseAccumulator.collect(client.stream(ResponseRequest.builder()
				.previousResponseId(second.id())
				.input("Thanks!")
				.build())).block(TIMEOUT);
			assertThat(third.outputText()).isEqualTo("Simulated answer to: Thanks! (turn 3)");
			assertThat(third.previousResponseId()).isEqualTo(second.id());
			assertThat(third.usage().inputTokens()).isGreaterThan(second.usage().totalTokens());
			assertThat(client.retrieve(third.id()).block(TIMEOUT).outputText()).isEqualTo(third.outputText());
			StepVerifier.create(client.inputItems(second.id()))
				.assertNext((item) -> assertThat(item).isInstanceOfSatisfying(ResponseItem.FunctionCallOutput.class,
						(output) -> assertThat(output.callId()).isEqualTo(call.callId())))
				.expectComplete()
				.verify(TIMEOUT);
			assertThat(client.delete(third.id()).block(TIMEOUT).deleted()).isTrue();
			StepVerifier.create(client.retrieve(third.id()))
				.expectErrorSatisfies((failure) -> assertThat(failure).hasMessageContaining("not found"))
				.verify(TIMEOUT);
		});
	}

	@Test
	void errorFrameMidStreamFailsWithTheEventsCountedAndIsNotRetried() {
		openai.simulator().inject(SimulatedFault.errorFrameAfter(2)).on(Endpoint.RESPONSES);
		this.contextRunner.run((context) -> StepVerifier
			.create(context.getBean(ResponsesClient.class).stream(ResponseRequest.builder().input("Hi there").build()))
			.expectNextCount(6)
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(StreamErrorException.class);
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
				assertThat(error.chunksReceived()).isEqualTo(6);
				assertThat(error.requestId()).startsWith("req_");
				assertThat(error.getMessage()).contains("after 6 event(s)");
			})
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.RESPONSES)).isOne();
	}

	@Test
	void streamCutBeforeItsLastEventFailsAndIsNotRetried() {
		openai.simulator().inject(SimulatedFault.streamCutAfter(1)).on(Endpoint.RESPONSES);
		this.contextRunner.run((context) -> StepVerifier
			.create(context.getBean(ResponsesClient.class).stream(ResponseRequest.builder().input("Hi there").build()))
			.expectNextCount(5)
			.expectErrorSatisfies((failure) -> assertThat(((StreamErrorException) failure).kind())
				.isEqualTo(OpenAiErrorKind.CONNECTION))
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.RESPONSES)).isOne();
	}

	@Test
	void failureBeforeTheFirstEventIsRetriedAndTheStreamCompletes() {
		openai.simulator().inject(SimulatedFault.overloaded()).on(Endpoint.RESPONSES).times(1);
		openai.simulator().inject(SimulatedFault.connectionReset()).on(Endpoint.RESPONSES).times(1);
		this.contextRunner.run((context) -> StepVerifier
			.create(ResponseAccumulator.collect(
					context.getBean(ResponsesClient.class).stream(ResponseRequest.builder().input("hi").build())))
			.assertNext((response) -> assertThat(response.outputText()).isEqualTo("Simulated answer to: hi"))
			.expectComplete()
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.RESPONSES)).isEqualTo(3);
	}

	@Test
	void exhaustedQuotaIsNeverRetried() {
		openai.simulator().exhaustQuota();
		this.contextRunner.run((context) -> StepVerifier
			.create(context.getBean(ResponsesClient.class).create(ResponseRequest.builder().input("hi").build()))
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(QuotaExceededException.class);
				assertThat(((QuotaExceededException) failure).kind()).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
			})
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.RESPONSES)).isOne();
	}

	@Test
	void usageReachesTheMetersAndSettlesThePacer() {
		this.contextRunner.run((context) -> {
			Response response = ResponseAccumulator.collect(context.getBean(ResponsesClient.class)
				.stream(ResponseRequest.builder().input("Tell me a story").maxOutputTokens(1000).build()))
				.block(TIMEOUT);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.token.type", "input", "gen_ai.operation.name", "chat", "gen_ai.request.model",
						"gpt-4o-mini")
				.summary()
				.totalAmount()).isEqualTo(response.usage().inputTokens());
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.token.type", "output", "gen_ai.request.model", "gpt-4o-mini")
				.summary()
				.totalAmount()).isEqualTo(response.usage().outputTokens());
			// gpt-4o-mini at 0.15 and 0.60 per million
			assertThat(meters.get("openai.client.cost").tags("gen_ai.request.model", "gpt-4o-mini").counter().count())
				.isCloseTo((response.usage().inputTokens() * 0.15 + response.usage().outputTokens() * 0.60) / 1e6,
						org.assertj.core.api.Assertions.within(1e-12));
			// the estimate reserved before the call (over 1000 tokens) is settled to the usage
			// reported at its end; the bucket refills 100 tokens a second since
			TokenBucketPacer pacer = context.getBean(TokenBucketPacer.class);
			assertThat(response.usage().totalTokens()).isLessThan(50);
			assertThat(pacer.available("gpt-4o-mini", RateLimitType.TOKENS))
				.isGreaterThanOrEqualTo(6000 - response.usage().totalTokens());
		});
	}

}
