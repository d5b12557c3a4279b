package io.github.openaiboot.core;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.StreamErrorException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for streams of {@link StreamEvent}s in {@link OpenAiPipeline}: they end with their
 * last event rather than with {@code [DONE]}, and an event that reports an error fails
 * them.
 */
class OpenAiPipelineStreamEventTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static void stubStream(String body) {
		wm.stubFor(post("/v1/events").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream; charset=utf-8")
			.withHeader("x-request-id", "req_events")
			.withBody(body)));
	}

	private static String event(String type, String json) {
		return "event: " + type + "\ndata: " + json + "\n\n";
	}

	private static StepVerifier.FirstStep<TestEvent> stream() {
		return StepVerifier.create(TestPipelines.pipeline(wm.baseUrl())
			.stream(OpenAiRequest.post(OpenAiOperation.CHAT, "/events", "{}", TestEvent.class, "gpt-4o-mini")));
	}

	@Test
	void streamOfEventsCompletesAfterItsLastEventWithoutDone() {
		stubStream(event("start", "{\"type\":\"start\"}") + event("end", "{\"type\":\"end\"}"));
		stream().expectNext(new TestEvent("start", null), new TestEvent("end", null))
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void eventsAfterTheLastOneAreNotPassedOn() {
		stubStream(event("end", "{\"type\":\"end\"}") + event("late", "{\"type\":\"late\"}") + "data: [DONE]\n\n");
		stream().expectNext(new TestEvent("end", null)).expectComplete().verify(TestPipelines.TIMEOUT);
	}

	@Test
	void streamOfEventsStillCompletesOnDone() {
		stubStream(event("start", "{\"type\":\"start\"}") + "data: [DONE]\n\n");
		stream().expectNext(new TestEvent("start", null)).expectComplete().verify(TestPipelines.TIMEOUT);
	}

	@Test
	void streamOfEventsThatEndsBeforeItsLastEventIsBrokenCountingTheEvents() {
		stubStream(event("start", "{\"type\":\"start\"}") + event("delta", "{\"type\":\"delta\"}"));
		stream().expectNextCount(2).expectErrorSatisfies((failure) -> {
			assertThat(failure).isInstanceOf(StreamErrorException.class);
			StreamErrorException error = (StreamErrorException) failure;
			assertThat(error.kind()).isEqualTo(OpenAiErrorKind.CONNECTION);
			assertThat(error.chunksReceived()).isEqualTo(2);
			assertThat(error.requestId()).isEqualTo("req_events");
			assertThat(error.getMessage()).contains("Stream ended before its last event").contains("after 2 event(s)");
		}).verify(TestPipelines.TIMEOUT);
	}

	@Test
	void eventThatReportsAnErrorFailsTheStreamWithItsClassifiedErrorInsteadOfBeingPassedOn() {
		stubStream(event("start", "{\"type\":\"start\"}")
				+ event("failed", "{\"type\":\"failed\",\"code\":\"insufficient_quota\",\"message\":\"No quota\"}")
				+ event("end", "{\"type\":\"end\"}"));
		stream().expectNext(new TestEvent("start", null)).expectErrorSatisfies((failure) -> {
			assertThat(failure).isInstanceOf(StreamErrorException.class);
			StreamErrorException error = (StreamErrorException) failure;
			assertThat(error.kind()).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
			assertThat(error.chunksReceived()).isEqualTo(1);
			assertThat(error.error().message()).isEqualTo("No quota");
			assertThat(error.getMessage()).contains("after 1 event(s)");
		}).verify(TestPipelines.TIMEOUT);
	}

	@Test
	void flatErrorEventIsReadFromItsTopLevelFields() {
		stubStream(event("start", "{\"type\":\"start\"}") + event("error",
				"{\"type\":\"error\",\"code\":\"server_error\",\"message\":\"Something went wrong\",\"param\":null,"
						+ "\"sequence_number\":1}"));
		stream().expectNextCount(1).expectErrorSatisfies((failure) -> {
			StreamErrorException error = (StreamErrorException) failure;
			assertThat(error.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
			assertThat(error.error()).isEqualTo(new OpenAiError("Something went wrong", null, null, "server_error"));
			assertThat(error.chunksReceived()).isEqualTo(1);
		}).verify(TestPipelines.TIMEOUT);
	}

	@Test
	void nestedErrorEventIsReadFromItsErrorObject() {
		stubStream(event("start", "{\"type\":\"start\"}") + event("error",
				"{\"type\":\"error\",\"sequence_number\":1,\"error\":{\"type\":\"insufficient_quota\","
						+ "\"code\":\"insufficient_quota\",\"message\":\"You exceeded your current quota.\","
						+ "\"param\":null}}"));
		stream().expectNextCount(1).expectErrorSatisfies((failure) -> {
			StreamErrorException error = (StreamErrorException) failure;
			assertThat(error.kind()).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
			assertThat(error.error()).isEqualTo(new OpenAiError("You exceeded your current quota.",
					"insufficient_quota", null, "insufficient_quota"));
		}).verify(TestPipelines.TIMEOUT);
	}

	/**
	 * An event that ends its stream when its type is {@code end}, and fails it when its
	 * type is {@code failed}.
	 */
	record TestEvent(String type, @Nullable String code) implements StreamEvent {

		@Override
		public boolean endsStream() {
			return "end".equals(this.type);
		}

		@Override
		public @Nullable OpenAiError streamError() {
			return "failed".equals(this.type) ? new OpenAiError("No quota", null, null, this.code) : null;
		}

	}

}
