package io.github.openaiboot.core;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.openaiboot.error.AuthenticationException;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.PermissionDeniedException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiPipelineRetryTests {

	private static final OpenAiRequest<Map> MODELS = OpenAiRequest.get(OpenAiOperation.MODELS, "/models", Map.class);

	private static final OpenAiRequest<Map> CHAT_STREAM = OpenAiRequest.post(OpenAiOperation.CHAT,
			"/chat/completions", Map.of("stream", true), Map.class, "gpt-4o-mini");

	private static final String OK = "{\"object\":\"list\",\"data\":[]}";

	private static final String CHUNK = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n";

	private final WireMockServer wm = new WireMockServer(options().dynamicPort());

	@BeforeEach
	void start() {
		this.wm.start();
	}

	@AfterEach
	void stop() {
		this.wm.stop();
	}

	@Test
	void retriesRateLimitOnceAfterTheRetryAfterMsHeader() {
		failOnceThenSucceed(error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests")
			.withHeader("retry-after-ms", "200"));
		long start = System.nanoTime();
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		this.wm.verify(exactly(2), getRequestedFor(anyUrl()));
	}

	@Test
	void retriesRateLimitOnceAfterTheDelayInTheMessage() {
		failOnceThenSucceed(error(429, "tokens", "rate_limit_exceeded",
				"Rate limit reached for gpt-4o-mini on tokens per min (TPM): Limit 200000, Used 199950, Requested 90. Please try again in 300ms. Visit https://platform.openai.com/account/rate-limits"));
		long start = System.nanoTime();
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		this.wm.verify(exactly(2), getRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesAnExhaustedQuota() {
		stubAlways(error(429, "insufficient_quota", "insufficient_quota",
				"You exceeded your current quota, please check your plan and billing details."));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectError(QuotaExceededException.class)
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesARequestTooLargeForTheWholeLimit() {
		stubAlways(error(429, "tokens", "rate_limit_exceeded",
				"Request too large for gpt-4o in organization org-abc on tokens per min (TPM): Limit 30000, Requested 50000. "
						+ "The input or output tokens must be reduced in order to run successfully.")
			.withHeader("retry-after", "1"));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectErrorSatisfies((failure) -> assertThat(failure).isExactlyInstanceOf(InvalidRequestException.class)
				.satisfies((ex) -> assertThat(((InvalidRequestException) ex).kind())
					.isEqualTo(OpenAiErrorKind.REQUEST_TOO_LARGE)))
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesWhenTheServerSaysShouldRetryFalse() {
		stubAlways(error(429, "requests", "rate_limit_exceeded", "Rate limit reached for requests")
			.withHeader("retry-after-ms", "10")
			.withHeader("x-should-retry", "false"));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> assertThat(ex.shouldRetryHeader()).contains(false)))
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void retriesWhatIsOtherwiseNotRetriedWhenTheServerSaysShouldRetryTrue() {
		failOnceThenSucceed(error(400, "invalid_request_error", null, "Transient validation failure")
			.withHeader("x-should-retry", "true"));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(2), getRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesADeactivatedAccount() {
		stubAlways(error(401, "invalid_request_error", "account_deactivated",
				"This key is associated with a deactivated account."));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectError(AuthenticationException.class)
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesAnExceededContextLength() {
		stubAlways(error(400, "invalid_request_error", "context_length_exceeded",
				"This model's maximum context length is 128000 tokens."));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectError(InvalidRequestException.class)
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesAnUnsupportedRegion() {
		stubAlways(error(403, "request_forbidden", "unsupported_country_region_territory",
				"Country, region, or territory not supported"));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectError(PermissionDeniedException.class)
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void succeedsAfterTwoServerErrors() {
		this.wm.stubFor(get(anyUrl()).inScenario("s")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(error(500, "server_error", null, "The server had an error while processing your request."))
			.willSetStateTo("second"));
		this.wm.stubFor(get(anyUrl()).inScenario("s")
			.whenScenarioStateIs("second")
			.willReturn(error(503, "server_error", null, "That model is currently overloaded with other requests."))
			.willSetStateTo("third"));
		this.wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("third").willReturn(okJson(OK)));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(3), getRequestedFor(anyUrl()));
	}

	@Test
	void failsWithTheAttemptCountWhenTheServerStaysOverloaded() {
		stubAlways(error(503, "server_error", null, "That model is currently overloaded with other requests.")
			.withHeader("x-request-id", "req_503"));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(OpenAiServerException.class,
					(failure) -> {
						assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.OVERLOADED);
						assertThat(failure.statusCode()).isEqualTo(503);
						assertThat(failure.requestId()).isEqualTo("req_503");
						assertThat(failure).hasMessageEndingWith("after 3 attempts");
					}))
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(3), getRequestedFor(anyUrl()));
	}

	@Test
	void failsAtOnceWhenTheServerAsksForMoreThanTheMaximumDelay() {
		stubAlways(error(429, "requests", "rate_limit_exceeded", "Rate limit reached. Please try again in 10m0s."));
		StepVerifier.create(pipeline(fastPolicy().build()).exchange(MODELS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(RateLimitException.class,
					(failure) -> {
						assertThat(failure.retryAfter()).contains(Duration.ofMinutes(10));
						assertThat(failure).hasMessageContaining("more than the maximum server delay");
					}))
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	@Test
	void failsBeforeTheDeadlineRatherThanWaitingPastIt() {
		stubAlways(error(429, "requests", "rate_limit_exceeded", "Rate limit reached.")
			.withHeader("retry-after-ms", "700"));
		OpenAiPipeline pipeline = pipeline(fastPolicy().timeout(Duration.ofSeconds(1)).build());
		// Warm the connection up so that the first attempt's latency does not eat the deadline.
		StepVerifier.create(pipeline.exchange(MODELS)).expectError().verify(Duration.ofSeconds(5));
		this.wm.resetRequests();
		long start = System.nanoTime();
		StepVerifier.create(pipeline.exchange(MODELS))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RateLimitException.class)
				.hasMessageContaining("would pass the deadline of 1s"))
			.verify(Duration.ofSeconds(5));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		this.wm.verify(exactly(2), getRequestedFor(anyUrl()));
	}

	@Test
	void retriesAStreamThatFailedBeforeItsFirstChunk() {
		this.wm.stubFor(post(anyUrl()).inScenario("s")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(error(503, "server_error", null, "overloaded"))
			.willSetStateTo("ok"));
		this.wm.stubFor(post(anyUrl()).inScenario("s")
			.whenScenarioStateIs("ok")
			.willReturn(sse(CHUNK.repeat(3) + "data: [DONE]\n\n")));
		StepVerifier.create(pipeline(fastPolicy().build()).stream(CHAT_STREAM))
			.expectNextCount(3)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(2), postRequestedFor(anyUrl()));
	}

	@Test
	void neverRetriesAStreamAfterContentWasEmitted() {
		stubAlways(sse(CHUNK.repeat(5)
				+ "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":null}}\n\n"), post(anyUrl()));
		StepVerifier.create(pipeline(fastPolicy().build()).stream(CHAT_STREAM))
			.expectNextCount(5)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(StreamErrorException.class,
					(failure) -> assertThat(failure.chunksReceived()).isEqualTo(5)))
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), postRequestedFor(anyUrl()));
	}

	@Test
	void makesExactlyOneRequestWithoutARetryStage() {
		stubAlways(error(503, "server_error", null, "overloaded"));
		StepVerifier.create(pipeline(null).exchange(MODELS))
			.expectError(OpenAiServerException.class)
			.verify(Duration.ofSeconds(5));
		this.wm.verify(exactly(1), getRequestedFor(anyUrl()));
	}

	private OpenAiPipeline pipeline(OpenAiRetryPolicy policy) {
		OpenAiPipeline.Builder builder = OpenAiPipeline.builder(WebClient.create(this.wm.baseUrl()));
		if (policy != null) {
			builder.retry(OpenAiRetry.builder(policy).build());
		}
		return builder.build();
	}

	private static OpenAiRetryPolicy.Builder fastPolicy() {
		return OpenAiRetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5));
	}

	private void failOnceThenSucceed(ResponseDefinitionBuilder failure) {
		this.wm.stubFor(get(anyUrl()).inScenario("s")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(failure)
			.willSetStateTo("ok"));
		this.wm.stubFor(get(anyUrl()).inScenario("s").whenScenarioStateIs("ok").willReturn(okJson(OK)));
	}

	private void stubAlways(ResponseDefinitionBuilder response) {
		stubAlways(response, get(anyUrl()));
	}

	private void stubAlways(ResponseDefinitionBuilder response, MappingBuilder mapping) {
		this.wm.stubFor(mapping.willReturn(response));
	}

	private static ResponseDefinitionBuilder sse(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body);
	}

	private static ResponseDefinitionBuilder error(int status, String type, String code, String message) {
		String json = "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
				+ ((code != null) ? "\"" + code + "\"" : "null") + "}}";
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(json);
	}

}
