package io.github.openaiboot.responses;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.openaiboot.responses.ResponseFixtures.EVERY_EVENT_STREAM;
import static io.github.openaiboot.responses.ResponseFixtures.FAILED_STREAM;
import static io.github.openaiboot.responses.ResponseFixtures.FLAT_ERROR_STREAM;
import static io.github.openaiboot.responses.ResponseFixtures.NESTED_ERROR_STREAM;
import static io.github.openaiboot.responses.ResponseFixtures.REFUSAL_INCOMPLETE_STREAM;
import static io.github.openaiboot.responses.ResponseFixtures.TEXT_STREAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultResponsesClient#stream}, {@link ResponseStreamEvent} and
 * {@link ResponseAccumulator}, against recorded-looking event streams.
 */
class DefaultResponsesClientStreamingTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final String SUMMARY = "**Checking the weather**\n\nThe user asks about Paris; I should call get_weather.";

	private static final String ARGUMENTS = "{\"location\":\"Paris, France\"}";

	private static final String REFUSAL = "I'm sorry, I can't help with that.";

	private DefaultResponsesClient client() {
		return new DefaultResponsesClient(TestPipelines.pipeline(wm.baseUrl()), ResponseDefaults.of("gpt-4o-mini"));
	}

	private DefaultResponsesClient retryingClient() {
		OpenAiPipeline pipeline = OpenAiPipeline.builder(TestPipelines.webClient(wm.baseUrl()).build())
			.retry(OpenAiRetry.builder(OpenAiRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(5))
				.build()).build())
			.build();
		return new DefaultResponsesClient(pipeline, ResponseDefaults.of("gpt-4o-mini"));
	}

	private static void stubStream(String fixture) {
		wm.stubFor(post("/v1/responses").willReturn(ResponseFixtures.sse(ResponseFixtures.read(fixture))));
	}

	private static ResponseRequest request() {
		return ResponseRequest.builder().input("Hello!").instructions("You are a helpful assistant.").build();
	}

	@Test
	void streamSendsTheStreamFlagAndTheDefaultModelAndAcceptsAnEventStream() {
		stubStream(TEXT_STREAM);
		StepVerifier.create(client().stream(request())).expectNextCount(12).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/responses")).withHeader("Accept", containing("text/event-stream")));
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.get("stream").asBoolean()).isTrue();
		assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
		assertThat(body.get("input").asString()).isEqualTo("Hello!");
		assertThat(body.get("instructions").asString()).isEqualTo("You are a helpful assistant.");
	}

	@Test
	void textStreamIsDecodedInOrderAndCompletesAfterResponseCompletedWithoutDone() {
		stubStream(TEXT_STREAM);
		StepVerifier.create(client().stream(request()))
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(ResponseStreamEvent.Created.class,
					(created) -> {
						assertThat(created.sequenceNumber()).isZero();
						assertThat(created.response().id())
							.isEqualTo("resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41");
						assertThat(created.response().status()).isEqualTo("in_progress");
						assertThat(created.response().usage()).isNull();
					}))
			.expectNextMatches(ResponseStreamEvent.InProgress.class::isInstance)
			.expectNextMatches(ResponseStreamEvent.OutputItemAdded.class::isInstance)
			.expectNextMatches(ResponseStreamEvent.ContentPartAdded.class::isInstance)
			.assertNext((event) -> assertThat(((ResponseStreamEvent.OutputTextDelta) event).delta()).isEqualTo("Hi"))
			.assertNext((event) -> assertThat(((ResponseStreamEvent.OutputTextDelta) event).delta())
				.isEqualTo(" there!"))
			.expectNextCount(2)
			.assertNext((event) -> assertThat(((ResponseStreamEvent.OutputTextDone) event).text())
				.isEqualTo(ResponseFixtures.TEXT))
			.expectNextMatches(ResponseStreamEvent.ContentPartDone.class::isInstance)
			.expectNextMatches(ResponseStreamEvent.OutputItemDone.class::isInstance)
			.assertNext((event) -> assertThat(event).isInstanceOfSatisfying(ResponseStreamEvent.Completed.class,
					(completed) -> {
						assertThat(completed.sequenceNumber()).isEqualTo(11);
						assertThat(completed.endsStream()).isTrue();
						assertThat(completed.response().status()).isEqualTo("completed");
						assertThat(completed.response().usage().inputTokens()).isEqualTo(37);
						assertThat(completed.response().usage().outputTokens()).isEqualTo(11);
					}))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void everyEventTypeIsDecodedToItsOwnTypeAndAnUnknownOneIsKeptWithItsJson() {
		stubStream(EVERY_EVENT_STREAM);
		List<ResponseStreamEvent> events = client().stream(request()).collectList().block(TIMEOUT);
		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("Created", "InProgress", "OutputItemAdded", "ReasoningSummaryPartAdded",
					"ReasoningSummaryTextDelta", "ReasoningSummaryTextDelta", "ReasoningSummaryTextDone",
					"ReasoningSummaryPartDone", "OutputItemDone", "OutputItemAdded", "ContentPartAdded",
					"OutputTextDelta", "OutputTextDelta", "OutputTextDelta", "Unknown", "OutputTextDone",
					"ContentPartDone", "OutputItemDone", "OutputItemAdded", "FunctionCallArgumentsDelta",
					"FunctionCallArgumentsDelta", "FunctionCallArgumentsDelta", "FunctionCallArgumentsDelta",
					"FunctionCallArgumentsDelta", "FunctionCallArgumentsDelta", "FunctionCallArgumentsDone",
					"OutputItemDone", "Completed");
		assertThat(events).extracting(ResponseStreamEvent::sequenceNumber)
			.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 28).boxed().toList());
		assertThat(events.get(2)).isInstanceOfSatisfying(ResponseStreamEvent.OutputItemAdded.class,
				(added) -> assertThat(added.item()).isInstanceOf(ResponseItem.Reasoning.class));
		assertThat(events.get(3)).isInstanceOfSatisfying(ResponseStreamEvent.ReasoningSummaryPartAdded.class,
				(added) -> {
					assertThat(added.itemId()).isEqualTo("rs_6876cf02e0bc8192b74af0fb64b715ff06fa2fcced15a5ac");
					assertThat(added.summaryIndex()).isZero();
					assertThat(added.part()).isEqualTo(new ResponseContent.SummaryText(""));
				});
		assertThat(events.get(4)).isInstanceOfSatisfying(ResponseStreamEvent.ReasoningSummaryTextDelta.class,
				(delta) -> assertThat(delta.delta()).isEqualTo("**Checking the weather**\n\n"));
		assertThat(events.get(6)).isInstanceOfSatisfying(ResponseStreamEvent.ReasoningSummaryTextDone.class,
				(done) -> assertThat(done.text()).isEqualTo(SUMMARY));
		assertThat(events.get(14)).isInstanceOfSatisfying(ResponseStreamEvent.Unknown.class, (unknown) -> {
			assertThat(unknown.type()).isEqualTo("response.output_text.annotation.added");
			assertThat(unknown.sequenceNumber()).isEqualTo(14);
			assertThat(unknown.json().path("annotation").path("url").asString()).isEqualTo("https://example.com");
			assertThat(unknown.endsStream()).isFalse();
		});
		assertThat(events.get(18)).isInstanceOfSatisfying(ResponseStreamEvent.OutputItemAdded.class,
				(added) -> assertThat(added.item()).isEqualTo(new ResponseItem.FunctionCall(
						"fc_6876cf05c2fc8192a97c4a4dda7ac37306fa2fcced15a5ac", "call_rb4j3qfy0OY6zS24WvCrpo0x",
						"get_weather", "", "in_progress")));
		assertThat(events.get(19)).isInstanceOfSatisfying(ResponseStreamEvent.FunctionCallArgumentsDelta.class,
				(delta) -> {
					assertThat(delta.outputIndex()).isEqualTo(2);
					assertThat(delta.delta()).isEqualTo("{\"");
				});
		assertThat(events.get(25)).isInstanceOfSatisfying(ResponseStreamEvent.FunctionCallArgumentsDone.class,
				(done) -> assertThat(done.arguments()).isEqualTo(ARGUMENTS));
	}

	@Test
	void accumulatorFoldsATextStreamIntoTheTextExactly() {
		stubStream(TEXT_STREAM);
		StepVerifier.create(ResponseAccumulator.collect(client().stream(request()))).assertNext((response) -> {
			assertThat(response.outputText()).isEqualTo(ResponseFixtures.TEXT);
			assertThat(response.status()).isEqualTo("completed");
			assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(response.usage().totalTokens()).isEqualTo(48);
			assertThat(response.output()).hasSize(1);
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void accumulatorFoldsReasoningTextAndFunctionCallArgumentsExactly() {
		stubStream(EVERY_EVENT_STREAM);
		StepVerifier.create(ResponseAccumulator.collect(client().stream(request()))).assertNext((response) -> {
			assertThat(response.output()).extracting((item) -> item.getClass().getSimpleName())
				.containsExactly("Reasoning", "Message", "FunctionCall");
			assertThat(((ResponseItem.Reasoning) response.output().get(0)).summaryText()).isEqualTo(SUMMARY);
			assertThat(response.outputText()).isEqualTo("Let me check that.");
			assertThat(response.functionCalls()).containsExactly(
					new ResponseItem.FunctionCall("fc_6876cf05c2fc8192a97c4a4dda7ac37306fa2fcced15a5ac",
							"call_rb4j3qfy0OY6zS24WvCrpo0x", "get_weather", ARGUMENTS, "completed"));
			assertThat(response.usage().cachedTokens()).isEqualTo(1024);
			assertThat(response.usage().reasoningTokens()).isEqualTo(192);
		}).expectComplete().verify(TIMEOUT);
	}

	@Test
	void accumulatorBuildsTheOutputFromThePiecesAloneWhenNoEventCarriesTheWhole() {
		ResponseAccumulator accumulator = new ResponseAccumulator();
		for (ResponseStreamEvent event : ResponseFixtures.events(EVERY_EVENT_STREAM)) {
			boolean whole = event instanceof ResponseStreamEvent.Completed
					|| event instanceof ResponseStreamEvent.OutputItemDone
					|| event instanceof ResponseStreamEvent.OutputTextDone
					|| event instanceof ResponseStreamEvent.ContentPartDone
					|| event instanceof ResponseStreamEvent.FunctionCallArgumentsDone
					|| event instanceof ResponseStreamEvent.ReasoningSummaryTextDone
					|| event instanceof ResponseStreamEvent.ReasoningSummaryPartDone;
			if (!whole) {
				accumulator.add(event);
			}
		}
		Response response = accumulator.toResponse();
		assertThat(response.status()).as("the response so far").isEqualTo("in_progress");
		assertThat(response.outputText()).isEqualTo("Let me check that.");
		assertThat(response.functionCalls()).singleElement()
			.satisfies((call) -> {
				assertThat(call.arguments()).isEqualTo(ARGUMENTS);
				assertThat(call.callId()).isEqualTo("call_rb4j3qfy0OY6zS24WvCrpo0x");
				assertThat(call.name()).isEqualTo("get_weather");
			});
		assertThat(((ResponseItem.Reasoning) response.output().get(0)).summaryText()).isEqualTo(SUMMARY);
	}

	@Test
	void accumulatorTakesTheWholeValuesOfDoneEventsOverThePieces() {
		ResponseAccumulator accumulator = new ResponseAccumulator();
		for (ResponseStreamEvent event : ResponseFixtures.events(EVERY_EVENT_STREAM)) {
			// a piece lost on the way: the done events still make the output exact
			boolean lost = event.sequenceNumber() == 12 || event.sequenceNumber() == 21
					|| event instanceof ResponseStreamEvent.OutputItemDone
					|| event instanceof ResponseStreamEvent.ContentPartDone;
			if (!lost) {
				accumulator.add(event);
			}
		}
		Response response = accumulator.toResponse();
		assertThat(response.outputText()).isEqualTo("Let me check that.");
		assertThat(response.functionCalls().get(0).arguments()).isEqualTo(ARGUMENTS);
	}

	@Test
	void queuedRefusalAndIncompleteEventsAreDecodedAndTheStreamEndsWithResponseIncomplete() {
		stubStream(REFUSAL_INCOMPLETE_STREAM);
		List<ResponseStreamEvent> events = client().stream(request()).collectList().block(TIMEOUT);
		assertThat(events).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("Queued", "Created", "InProgress", "OutputItemAdded", "ContentPartAdded", "RefusalDelta",
					"RefusalDelta", "RefusalDelta", "RefusalDone", "ContentPartDone", "OutputItemDone", "Incomplete");
		assertThat(events.get(4)).isInstanceOfSatisfying(ResponseStreamEvent.ContentPartAdded.class,
				(added) -> assertThat(added.part()).isEqualTo(new ResponseContent.Refusal("")));
		assertThat(events.get(8)).isInstanceOfSatisfying(ResponseStreamEvent.RefusalDone.class,
				(done) -> assertThat(done.refusal()).isEqualTo(REFUSAL));
		Response response = ResponseAccumulator.collect(reactor.core.publisher.Flux.fromIterable(events))
			.block(TIMEOUT);
		assertThat(response.status()).isEqualTo("incomplete");
		assertThat(response.incompleteDetails().reason()).isEqualTo("max_output_tokens");
		assertThat(response.background()).isTrue();
		assertThat(response.outputText()).isEmpty();
		assertThat(((ResponseItem.Message) response.output().get(0)).refusal()).isEqualTo(REFUSAL);
	}

	@Test
	void refusalPiecesAloneAreFoldedExactly() {
		ResponseAccumulator accumulator = new ResponseAccumulator();
		ResponseFixtures.events(REFUSAL_INCOMPLETE_STREAM)
			.stream()
			.filter((event) -> event instanceof ResponseStreamEvent.OutputItemAdded
					|| event instanceof ResponseStreamEvent.ContentPartAdded
					|| event instanceof ResponseStreamEvent.RefusalDelta)
			.forEach(accumulator::add);
		assertThat(((ResponseItem.Message) accumulator.toResponse().output().get(0)).refusal()).isEqualTo(REFUSAL);
	}

	@Test
	void nestedErrorEventEndsTheStreamWithAQuotaFailureSayingHowManyEventsHadArrived() {
		stubStream(NESTED_ERROR_STREAM);
		StepVerifier.create(retryingClient().stream(request()))
			.expectNextMatches(ResponseStreamEvent.Created.class::isInstance)
			.expectNextMatches(ResponseStreamEvent.InProgress.class::isInstance)
			.expectErrorSatisfies((failure) -> {
				assertThat(failure).isInstanceOf(StreamErrorException.class);
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
				assertThat(error.chunksReceived()).isEqualTo(2);
				assertThat(error.statusCode()).isEqualTo(200);
				assertThat(error.error().code()).isEqualTo("insufficient_quota");
				assertThat(error.error().message()).startsWith("You exceeded your current quota");
				assertThat(error.requestId()).isEqualTo("req_resp_stream");
				assertThat(error.getMessage()).contains("after 2 event(s)");
			})
			.verify(TIMEOUT);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void flatErrorEventEndsTheStreamWithItsCodeAndMessage() {
		stubStream(FLAT_ERROR_STREAM);
		StepVerifier.create(client().stream(request()))
			.expectNextCount(1)
			.expectErrorSatisfies((failure) -> {
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.UNKNOWN);
				assertThat(error.error().code()).isEqualTo("ERR_SOMETHING");
				assertThat(error.error().message()).isEqualTo("Something went wrong");
				assertThat(error.chunksReceived()).isEqualTo(1);
				assertThat(error.getMessage()).contains("after 1 event(s)");
			})
			.verify(TIMEOUT);
	}

	@Test
	void flatErrorEventWithoutItsEventLineIsStillAnError() {
		String body = ResponseFixtures.read(FLAT_ERROR_STREAM).replace("event: error\n", "");
		wm.stubFor(post("/v1/responses").willReturn(ResponseFixtures.sse(body)));
		StepVerifier.create(client().stream(request()))
			.expectNextCount(1)
			.expectErrorSatisfies((failure) -> assertThat(((StreamErrorException) failure).error().code())
				.isEqualTo("ERR_SOMETHING"))
			.verify(TIMEOUT);
	}

	@Test
	void responseFailedEndsTheStreamWithARateLimitThatIsNotRetriedAfterEvents() {
		stubStream(FAILED_STREAM);
		StepVerifier.create(retryingClient().stream(request()))
			.expectNextCount(2)
			.expectErrorSatisfies((failure) -> {
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.RATE_LIMITED);
				assertThat(error.error().code()).isEqualTo("rate_limit_exceeded");
				assertThat(error.error().message()).contains("on tokens per min (TPM): Limit 30000");
				assertThat(error.chunksReceived()).isEqualTo(2);
			})
			.verify(TIMEOUT);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void streamCutBeforeItsTerminalEventIsABrokenStream() {
		wm.stubFor(post("/v1/responses")
			.willReturn(ResponseFixtures.sse(ResponseFixtures.firstEvents(TEXT_STREAM, 6))));
		StepVerifier.create(client().stream(request()))
			.expectNextCount(6)
			.expectErrorSatisfies((failure) -> {
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.CONNECTION);
				assertThat(error.chunksReceived()).isEqualTo(6);
				assertThat(error.getMessage()).contains("Stream ended before its last event");
			})
			.verify(TIMEOUT);
	}

	@Test
	void failureBeforeTheFirstEventIsRetried() {
		wm.stubFor(post("/v1/responses").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"The engine is currently overloaded, please try again later.\","
						+ "\"type\":\"server_error\",\"param\":null,\"code\":null}}"))
			.willSetStateTo("ok"));
		wm.stubFor(post("/v1/responses").inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(ResponseFixtures.sse(ResponseFixtures.read(TEXT_STREAM))));
		StepVerifier.create(ResponseAccumulator.collect(retryingClient().stream(request())))
			.assertNext((response) -> assertThat(response.outputText()).isEqualTo(ResponseFixtures.TEXT))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/responses")));
	}

	@Test
	void errorEventBeforeAnyOtherEventIsRetriedButNotOnceAnEventHasArrived() {
		String serverError = "event: error\ndata: {\"type\":\"error\",\"sequence_number\":0,\"error\":{\"type\":"
				+ "\"server_error\",\"code\":\"server_error\",\"message\":\"The server had an error.\",\"param\":null}}\n\n";
		wm.stubFor(post("/v1/responses").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(ResponseFixtures.sse(serverError))
			.willSetStateTo("events"));
		wm.stubFor(post("/v1/responses").inScenario("retry")
			.whenScenarioStateIs("events")
			.willReturn(ResponseFixtures.sse(ResponseFixtures.firstEvents(TEXT_STREAM, 5) + serverError))
			.willSetStateTo("ok"));
		wm.stubFor(post("/v1/responses").inScenario("retry")
			.whenScenarioStateIs("ok")
			.willReturn(ResponseFixtures.sse(ResponseFixtures.read(TEXT_STREAM))));
		StepVerifier.create(retryingClient().stream(request()))
			.expectNextCount(5)
			.expectErrorSatisfies((failure) -> {
				StreamErrorException error = (StreamErrorException) failure;
				assertThat(error.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
				assertThat(error.chunksReceived()).isEqualTo(5);
			})
			.verify(TIMEOUT);
		wm.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/responses")));
	}

}
