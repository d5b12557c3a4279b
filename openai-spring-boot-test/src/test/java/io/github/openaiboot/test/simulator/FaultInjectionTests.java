package io.github.openaiboot.test.simulator;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.github.openaiboot.test.OpenAiSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SimulatedFault} injection.
 *
 * @author OpenAI Spring Boot contributors
 */
class FaultInjectionTests {

	private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi there\"}]}";

	private static final String STREAM = CHAT.replace("\"model\"", "\"stream\":true,\"model\"");

	@RegisterExtension
	static OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder().streamChunks(5));

	private SimulatorHttp http() {
		return new SimulatorHttp(openai.baseUrl());
	}

	static Stream<Arguments> errorFaults() {
		return Stream.of(
				Arguments.of(SimulatedFault.insufficientQuota(), 429, "insufficient_quota", "insufficient_quota", null,
						"You exceeded your current quota, please check your plan and billing details."),
				Arguments.of(SimulatedFault.invalidApiKey(), 401, "invalid_request_error", "invalid_api_key", null,
						"Incorrect API key provided: sk-abc12***"),
				Arguments.of(SimulatedFault.accountDeactivated(), 401, "invalid_request_error", "account_deactivated",
						null, "This key is associated with a deactivated account."),
				Arguments.of(SimulatedFault.unsupportedRegion(), 403, "request_forbidden",
						"unsupported_country_region_territory", null, "Country, region, or territory not supported"),
				Arguments.of(SimulatedFault.contextLengthExceeded(), 400, "invalid_request_error",
						"context_length_exceeded", "messages", "This model's maximum context length is 128000 tokens."),
				Arguments.of(SimulatedFault.modelNotFound(), 404, "invalid_request_error", "model_not_found", null,
						"The model 'gpt-4o-mini' does not exist or you do not have access to it."),
				Arguments.of(SimulatedFault.serverError(), 500, "server_error", null, null,
						"The server had an error while processing your request. Sorry about that!"),
				Arguments.of(SimulatedFault.serverError(503), 503, "server_error", null, null,
						"That model is currently overloaded with other requests."),
				Arguments.of(SimulatedFault.overloaded(), 503, "server_error", null, null,
						"That model is currently overloaded"),
				Arguments.of(SimulatedFault.requestTooLarge(), 429, "tokens", "rate_limit_exceeded", null,
						"Request too large for gpt-4o-mini in organization org-simulator on tokens per min (TPM): "
								+ "Limit 30000, Requested 50000."));
	}

	@ParameterizedTest
	@MethodSource("errorFaults")
	void answersNextRequestWithInjectedError(SimulatedFault fault, int status, String type, String code, String param,
			String message) {
		openai.simulator().inject(fault).times(1);
		HttpResponse<String> failed = http().post("/chat/completions", CHAT);
		assertThat(failed.statusCode()).isEqualTo(status);
		assertThat(failed.headers().firstValue("x-request-id")).isPresent();
		JsonNode error = SimulatorHttp.json(failed.body()).path("error");
		assertThat(error.path("message").asString()).startsWith(message);
		assertThat(error.path("type").asString()).isEqualTo(type);
		assertThat(error.path("code").isNull() ? null : error.path("code").asString()).isEqualTo(code);
		assertThat(error.has("param")).isTrue();
		assertThat(error.path("param").isNull() ? null : error.path("param").asString()).isEqualTo(param);
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(2);
	}

	@Test
	void rateLimitsWithRetryAfterMsHeaderAndHint() {
		openai.simulator().inject(SimulatedFault.rateLimited().retryAfterMs(200)).on(Endpoint.CHAT).times(2);
		assertThat(http().post("/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}").statusCode())
			.isEqualTo(200);
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> response = http().post("/chat/completions", CHAT);
			assertThat(response.statusCode()).isEqualTo(429);
			assertThat(response.headers().firstValue("retry-after-ms")).hasValue("200");
			assertThat(response.headers().firstValue("retry-after")).isEmpty();
			assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
			assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("200ms");
			JsonNode error = SimulatorHttp.json(response.body()).path("error");
			assertThat(error.path("type").asString()).isEqualTo("requests");
			assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
			assertThat(error.path("message").asString()).startsWith(
					"Rate limit reached for gpt-4o-mini in organization org-simulator on requests per min (RPM)")
				.contains("Please try again in 200ms.");
		}
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(3);
	}

	@Test
	void rateLimitsWithRetryAfterSecondsOnTokens() {
		openai.simulator().inject(SimulatedFault.rateLimited().retryAfter(Duration.ofMillis(1500)).onTokens()).times(1);
		HttpResponse<String> response = http().post("/chat/completions", CHAT);
		assertThat(response.headers().firstValue("retry-after")).hasValue("2");
		assertThat(response.headers().firstValue("retry-after-ms")).isEmpty();
		JsonNode error = SimulatorHttp.json(response.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("tokens");
		assertThat(error.path("message").asString()).contains("tokens per min (TPM)").contains("Please try again in 1.5s.");
	}

	@Test
	void rateLimitsOnTheDailyLimitWithThePerMinuteHeadersUntouched() {
		openai.simulator().inject(SimulatedFault.rateLimited().retryAfter(Duration.ofMinutes(28)).perDay()).times(1);
		HttpResponse<String> response = http().post("/chat/completions", CHAT);
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("3499");
		assertThat(response.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("29000");
		JsonNode error = SimulatorHttp.json(response.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("requests");
		assertThat(error.path("message").asString()).contains("on requests per day (RPD): Limit 10000")
			.contains("Please try again in 28m0s.");
		openai.simulator().inject(SimulatedFault.rateLimited().onTokens().perDay()).times(1);
		assertThat(SimulatorHttp.json(http().post("/chat/completions", CHAT).body()).path("error").path("message")
			.asString()).contains("on tokens per day (TPD)");
	}

	@Test
	void rateLimitsWithoutRetryHeadersByDefault() {
		openai.simulator().inject(SimulatedFault.rateLimited()).times(1);
		HttpResponse<String> response = http().post("/chat/completions", CHAT);
		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after")).isEmpty();
		assertThat(response.headers().firstValue("retry-after-ms")).isEmpty();
		assertThat(response.body()).contains("Please try again in 20ms.");
	}

	@Test
	void hitsOnlyTheChosenEndpoint() {
		openai.simulator().inject(SimulatedFault.serverError()).on(Endpoint.EMBEDDINGS);
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(http().get("/models").statusCode()).isEqualTo(200);
		assertThat(http().post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}").statusCode()).isEqualTo(500);
		assertThat(http().post("/embeddings", "{\"model\":\"m\",\"input\":\"x\"}").statusCode()).isEqualTo(500);
	}

	@Test
	void hitsAFractionOfRequestsRepeatably() {
		List<Integer> first = statusesWithFraction();
		openai.simulator().reset();
		List<Integer> second = statusesWithFraction();
		assertThat(first).isEqualTo(second);
		long failures = first.stream().filter((status) -> status == 503).count();
		assertThat(failures).isBetween(5L, 40L);
		assertThat(first).containsOnly(200, 503);
	}

	private List<Integer> statusesWithFraction() {
		openai.simulator().inject(SimulatedFault.serverError(503)).fraction(0.2);
		return Stream.generate(() -> http().get("/models").statusCode()).limit(100).toList();
	}

	@Test
	void delaysSlowResponse() {
		openai.simulator().inject(SimulatedFault.slowResponse(Duration.ofMillis(300))).times(1);
		long start = System.nanoTime();
		HttpResponse<String> response = http().post("/chat/completions", CHAT);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(SimulatorHttp.json(response.body()).path("object").asString()).isEqualTo("chat.completion");
	}

	@Test
	void resetsConnection() {
		openai.simulator().inject(SimulatedFault.connectionReset()).times(1);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> http().post("/chat/completions", CHAT));
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(2);
	}

	@Test
	void sendsTruncatedJson() {
		openai.simulator().inject(SimulatedFault.malformedJson()).times(1);
		HttpResponse<String> response = http().post("/chat/completions", CHAT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("{\"id\":\"chatcmpl-");
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> SimulatorHttp.json(response.body()));
	}

	@Test
	void sendsErrorFrameInTheMiddleOfAStream() {
		openai.simulator().inject(SimulatedFault.errorFrameAfter(2)).times(1);
		HttpResponse<String> response = http().post("/chat/completions", STREAM);
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> frames = SimulatorHttp.dataFrames(response.body());
		assertThat(frames).hasSize(1 + 2 + 1).doesNotContain("[DONE]");
		assertThat(SimulatorHttp.json(frames.get(2)).path("choices").get(0).path("delta").path("content").asString())
			.isNotEmpty();
		assertThat(frames.get(3)).isEqualTo(
				"{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}");
	}

	@Test
	void cutsStreamBeforeDone() {
		openai.simulator().inject(SimulatedFault.streamCutAfter(3)).times(1);
		String body = STREAM.replace("\"model\"", "\"stream_options\":{\"include_usage\":true},\"model\"");
		List<String> frames = SimulatorHttp.dataFrames(http().post("/chat/completions", body).body());
		assertThat(frames).hasSize(1 + 3).doesNotContain("[DONE]");
		assertThat(frames).noneMatch((frame) -> frame.contains("\"finish_reason\":\"stop\""))
			.noneMatch((frame) -> frame.contains("\"total_tokens\""));
	}

	@Test
	void keepsStreamFaultsForStreamingRequests() {
		FaultInjection injection = openai.simulator().inject(SimulatedFault.streamCutAfter(1)).times(1);
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(injection.remaining()).isEqualTo(1);
		assertThat(SimulatorHttp.dataFrames(http().post("/chat/completions", STREAM).body())).hasSize(2);
		assertThat(injection.remaining()).isZero();
		assertThat(SimulatorHttp.dataFrames(http().post("/chat/completions", STREAM).body())).last().isEqualTo("[DONE]");
	}

	@Test
	void appliesFirstInjectedFaultFirst() {
		openai.simulator().inject(SimulatedFault.invalidApiKey()).times(1);
		openai.simulator().inject(SimulatedFault.serverError()).times(1);
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(401);
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(500);
		assertThat(http().post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesRetryDelayOnOtherFaults() {
		assertThatIllegalStateException().isThrownBy(() -> SimulatedFault.serverError().retryAfterMs(10));
	}

}
