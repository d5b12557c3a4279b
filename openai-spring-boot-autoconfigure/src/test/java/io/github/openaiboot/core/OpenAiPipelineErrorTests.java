package io.github.openaiboot.core;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.chat.ChatDefaults;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.error.AuthenticationException;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.github.openaiboot.error.PermissionDeniedException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.RateLimitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for how {@link OpenAiPipeline} turns each row of OpenAI's error table, and
 * failures below HTTP, into typed exceptions.
 */
class OpenAiPipelineErrorTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String REQUEST_ID = "req_7f3c9a1b2d4e5f60718293a4b5c6d7e8";

	@Test
	void contextLengthExceededIsANonRetryableInvalidRequest() {
		OpenAiException failure = failure(400, """
				{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130012 tokens. Please reduce the length of the messages.",
				  "type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}
				""");
		assertThat(failure).isInstanceOf(InvalidRequestException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.CONTEXT_LENGTH_EXCEEDED);
		assertThat(failure.statusCode()).isEqualTo(400);
		assertThat(failure.error().code()).isEqualTo("context_length_exceeded");
		assertThat(failure.error().param()).isEqualTo("messages");
		assertThat(failure.error().type()).isEqualTo("invalid_request_error");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
		assertThat(failure.getMessage()).contains("maximum context length is 128000 tokens").contains(REQUEST_ID);
	}

	@Test
	void genericBadRequestIsAnInvalidRequestWithoutCode() {
		OpenAiException failure = failure(400, """
				{"error":{"message":"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
				  "type":"invalid_request_error","param":null,"code":null}}
				""");
		assertThat(failure).isInstanceOf(InvalidRequestException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_REQUEST);
		assertThat(failure.statusCode()).isEqualTo(400);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.error().param()).isNull();
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void invalidApiKeyIsAnAuthenticationFailureWhoseMessageHoldsOnlyAMaskedKey() {
		OpenAiException failure = failure(401, """
				{"error":{"message":"Incorrect API key provided: sk-test-************************mnop. You can find your API key at https://platform.openai.com/account/api-keys.",
				  "type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
				""");
		assertThat(failure).isInstanceOf(AuthenticationException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_API_KEY);
		assertThat(failure.statusCode()).isEqualTo(401);
		assertThat(failure.error().code()).isEqualTo("invalid_api_key");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
		assertThat(failure.getMessage()).contains("Incorrect API key provided: sk-test-***")
			.doesNotContain(TestPipelines.API_KEY);
	}

	@Test
	void fullKeyEchoedByAGatewayIsRedactedFromTheExceptionMessage() {
		String leakedKey = "sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
		OpenAiException failure = failure(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + leakedKey
				+ ". Header was 'Bearer " + leakedKey + "'\",\"type\":\"invalid_request_error\",\"param\":null,"
				+ "\"code\":\"invalid_api_key\"}}");
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_API_KEY);
		assertThat(failure.getMessage()).doesNotContain(leakedKey)
			.doesNotContain("AbCdEfGhIjKlMnOpQrStUvWxYz")
			.contains("Incorrect API key provided");
	}

	@Test
	void deactivatedAccountIsAnAuthenticationFailure() {
		OpenAiException failure = failure(401, """
				{
				  "error": {
				    "message": "This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.",
				    "type": "invalid_request_error",
				    "param": null,
				    "code": "account_deactivated"
				  }
				}
				""");
		assertThat(failure).isInstanceOf(AuthenticationException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.ACCOUNT_DEACTIVATED);
		assertThat(failure.statusCode()).isEqualTo(401);
		assertThat(failure.error().code()).isEqualTo("account_deactivated");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void notAMemberOfAnOrganizationIsAnAuthenticationFailureWithoutCode() {
		OpenAiException failure = failure(401, """
				{"error":{"message":"You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.",
				  "type":"invalid_request_error","param":null,"code":null}}
				""");
		assertThat(failure).isInstanceOf(AuthenticationException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.AUTHENTICATION);
		assertThat(failure.statusCode()).isEqualTo(401);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void ipNotAuthorizedIsAnAuthenticationFailure() {
		OpenAiException failure = failure(401, """
				{"error":{"message":"IP not authorized","type":"invalid_request_error","param":null,"code":null}}
				""");
		assertThat(failure).isInstanceOf(AuthenticationException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.AUTHENTICATION);
	}

	@Test
	void unsupportedCountryIsAPermissionDenial() {
		OpenAiException failure = failure(403, """
				{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported",
				  "param":null,"type":"request_forbidden"}}
				""");
		assertThat(failure).isInstanceOf(PermissionDeniedException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.REGION_NOT_SUPPORTED);
		assertThat(failure.statusCode()).isEqualTo(403);
		assertThat(failure.error().code()).isEqualTo("unsupported_country_region_territory");
		assertThat(failure.error().type()).isEqualTo("request_forbidden");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void modelNotFoundIsAnInvalidRequest() {
		OpenAiException failure = failure(404, """
				{"error":{"message":"The model `gpt-5-turbo` does not exist or you do not have access to it.",
				  "type":"invalid_request_error","param":null,"code":"model_not_found"}}
				""");
		assertThat(failure).isInstanceOf(InvalidRequestException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.MODEL_NOT_FOUND);
		assertThat(failure.statusCode()).isEqualTo(404);
		assertThat(failure.error().code()).isEqualTo("model_not_found");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void modelNotFoundSentAs400IsStillModelNotFound() {
		OpenAiException failure = failure(400, """
				{"error":{"message":"The model `gpt-5-turbo` does not exist","type":"invalid_request_error","param":"model","code":"model_not_found"}}
				""");
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.MODEL_NOT_FOUND);
		assertThat(failure.statusCode()).isEqualTo(400);
	}

	@Test
	void requestTimeoutIsAServerSideTimeout() {
		OpenAiException failure = failure(408, """
				{"error":{"message":"Request timed out.","type":null,"param":null,"code":null}}
				""");
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.TIMEOUT);
		assertThat(failure.statusCode()).isEqualTo(408);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void conflictIsAServerSideConflict() {
		OpenAiException failure = failure(409, """
				{"error":{"message":"Another request is modifying this resource.","type":null,"param":null,"code":null}}
				""", "retry-after", "1");
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.CONFLICT);
		assertThat(failure.statusCode()).isEqualTo(409);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(1));
	}

	@Test
	void tokensRateLimitCarriesTheDelayFromItsMessage() {
		OpenAiException failure = failure(429, """
				{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-abc123 on tokens per min (TPM): Limit 200000, Used 199800, Requested 512. Please try again in 456ms. Visit https://platform.openai.com/account/rate-limits to learn more.",
				  "type":"tokens","param":null,"code":"rate_limit_exceeded"}}
				""", "x-ratelimit-reset-tokens", "6m0s", "x-ratelimit-remaining-tokens", "200");
		assertThat(failure).isInstanceOf(RateLimitException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.RATE_LIMITED);
		assertThat(failure.statusCode()).isEqualTo(429);
		assertThat(failure.error().code()).isEqualTo("rate_limit_exceeded");
		assertThat(failure.error().type()).isEqualTo("tokens");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).contains(Duration.ofMillis(456));
		assertThat(failure.getMessage()).contains("retry after 456ms");
	}

	@Test
	void requestsRateLimitWithoutHintInMessageUsesTheRequestsResetHeader() {
		OpenAiException failure = failure(429, """
				{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-abc123 on requests per min (RPM): Limit 3, Used 3, Requested 1.",
				  "type":"requests","param":null,"code":"rate_limit_exceeded"}}
				""", "x-ratelimit-reset-requests", "1m30.5s", "x-ratelimit-reset-tokens", "17ms");
		assertThat(failure).isInstanceOf(RateLimitException.class);
		assertThat(failure.retryAfter()).contains(Duration.ofMillis(90_500));
	}

	@Test
	void insufficientQuotaIsNeverMistakenForARateLimit() {
		OpenAiException failure = failure(429, """
				{"error":{"message":"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
				  "type":"insufficient_quota","param":null,"code":"insufficient_quota"}}
				""", "x-ratelimit-reset-requests", "17ms");
		assertThat(failure).isInstanceOf(QuotaExceededException.class).isNotInstanceOf(RateLimitException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
		assertThat(failure.statusCode()).isEqualTo(429);
		assertThat(failure.error().code()).isEqualTo("insufficient_quota");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void billingHardLimitIsAQuotaFailure() {
		OpenAiException failure = failure(429, """
				{"error":{"message":"Billing hard limit has been reached","type":"invalid_request_error","param":null,"code":"billing_hard_limit_reached"}}
				""");
		assertThat(failure).isInstanceOf(QuotaExceededException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
		assertThat(failure.statusCode()).isEqualTo(429);
		assertThat(failure.error().code()).isEqualTo("billing_hard_limit_reached");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void spendLimitCodesAreQuotaFailures() {
		OpenAiException failure = failure(429, """
				{"error":{"message":"Project spend limit exceeded","type":null,"param":null,"code":"project_spend_limit_exceeded"}}
				""");
		assertThat(failure).isInstanceOf(QuotaExceededException.class);
	}

	@Test
	void internalServerErrorIsAServerError() {
		OpenAiException failure = failure(500, """
				{"error":{"message":"The server had an error while processing your request. Sorry about that!","type":"server_error","param":null,"code":null}}
				""");
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
		assertThat(failure.statusCode()).isEqualTo(500);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.error().type()).isEqualTo("server_error");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void overloadedGatewayStatusesAreOverloaded(int status) {
		OpenAiException failure = failure(status, """
				{"error":{"message":"That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists.",
				  "type":"server_error","param":null,"code":null}}
				""");
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.OVERLOADED);
		assertThat(failure.statusCode()).isEqualTo(status);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void overloadedWithRetryAfterHeaderCarriesTheDelay() {
		OpenAiException failure = failure(503, """
				{"error":{"message":"That model is currently overloaded with other requests.","type":"server_error","param":null,"code":null}}
				""", "retry-after", "2");
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.OVERLOADED);
		assertThat(failure.retryAfter()).contains(Duration.ofSeconds(2));
	}

	@Test
	void htmlPageFromAProxyIsATypedFailureWithTheStatusAndAReadableSnippet() {
		OpenAiException failure = failure(502, aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
					+ "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"));
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.OVERLOADED);
		assertThat(failure.statusCode()).isEqualTo(502);
		assertThat(failure.error().code()).isNull();
		assertThat(failure.error().message()).contains("502 Bad Gateway").contains("cloudflare").doesNotContain("<");
		assertThat(failure.requestId()).isNull();
	}

	@Test
	void emptyBodyIsATypedFailureWithTheStatus() {
		OpenAiException failure = failure(500, aResponse().withStatus(500).withHeader("x-request-id", REQUEST_ID));
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.SERVER_ERROR);
		assertThat(failure.statusCode()).isEqualTo(500);
		assertThat(failure.error().message()).contains("empty");
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
	}

	@Test
	void emptyUnauthorizedBodyIsStillAnAuthenticationFailure() {
		OpenAiException failure = failure(401, aResponse().withStatus(401));
		assertThat(failure).isInstanceOf(AuthenticationException.class);
		assertThat(failure.statusCode()).isEqualTo(401);
	}

	@Test
	void malformedSuccessBodyIsAnInvalidResponse() {
		OpenAiException failure = failure(200, aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", REQUEST_ID)
			.withBody("{\"id\": \"chatcmpl-1\", \"choices\": [ {"));
		assertThat(failure).isInstanceOf(OpenAiServerException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.INVALID_RESPONSE);
		assertThat(failure.statusCode()).isEqualTo(200);
		assertThat(failure.requestId()).isEqualTo(REQUEST_ID);
	}

	@Test
	void refusedConnectionIsAConnectionTransportFailure() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		OpenAiException failure = failureOf(new DefaultChatClient(TestPipelines.pipeline("http://127.0.0.1:" + port),
				ChatDefaults.of("gpt-4o-mini")));
		assertThat(failure).isInstanceOf(OpenAiTransportException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.CONNECTION);
		assertThat(failure.statusCode()).isZero();
		assertThat(failure.getCause()).isNotNull();
		assertThat(failure.retryAfter()).isEmpty();
	}

	@Test
	void responseTimeoutIsATimeoutTransportFailure() {
		wm.stubFor(post("/v1/chat/completions").willReturn(okJson("{}").withFixedDelay(3000)));
		WebClient webClient = TestPipelines.webClient(wm.baseUrl())
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create().responseTimeout(Duration.ofMillis(200))))
			.build();
		OpenAiException failure = failureOf(
				new DefaultChatClient(OpenAiPipeline.builder(webClient).build(), ChatDefaults.of("gpt-4o-mini")));
		assertThat(failure).isInstanceOf(OpenAiTransportException.class);
		assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.TIMEOUT);
		assertThat(failure.statusCode()).isZero();
	}

	@Test
	void rateLimitHeadersOfEveryResponseReachTheTracker() {
		wm.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-ratelimit-limit-requests", "3500")
			.withHeader("x-ratelimit-limit-tokens", "90000")
			.withHeader("x-ratelimit-remaining-requests", "0")
			.withHeader("x-ratelimit-remaining-tokens", "89984")
			.withHeader("x-ratelimit-reset-requests", "17ms")
			.withHeader("x-ratelimit-reset-tokens", "6m0s")
			.withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,"
					+ "\"code\":\"rate_limit_exceeded\"}}")));
		RateLimitTracker tracker = new RateLimitTracker();
		OpenAiPipeline pipeline = OpenAiPipeline.builder(TestPipelines.webClient(wm.baseUrl()).build())
			.rateLimitTracker(tracker)
			.build();
		assertThat(tracker.latest()).isNull();
		OpenAiException failure = failureOf(new DefaultChatClient(pipeline, ChatDefaults.of("gpt-4o-mini")));
		assertThat(failure.retryAfter()).contains(Duration.ofMillis(17));
		RateLimitHeaders headers = tracker.latest().headers();
		assertThat(headers.limitRequests()).isEqualTo(3500L);
		assertThat(headers.limitTokens()).isEqualTo(90000L);
		assertThat(headers.remainingRequests()).isZero();
		assertThat(headers.remainingTokens()).isEqualTo(89984L);
		assertThat(headers.resetRequests()).isEqualTo(Duration.ofMillis(17));
		assertThat(headers.resetTokens()).isEqualTo(Duration.ofMinutes(6));
	}

	private OpenAiException failure(int status, String body, String... headers) {
		ResponseDefinitionBuilder response = aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", REQUEST_ID)
			.withBody(body);
		for (int i = 0; i < headers.length; i += 2) {
			response.withHeader(headers[i], headers[i + 1]);
		}
		return failure(status, response);
	}

	private OpenAiException failure(int status, ResponseDefinitionBuilder response) {
		wm.stubFor(post("/v1/chat/completions").willReturn(response));
		return failureOf(new DefaultChatClient(TestPipelines.pipeline(wm.baseUrl()), ChatDefaults.of("gpt-4o-mini")));
	}

	private static OpenAiException failureOf(DefaultChatClient client) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		StepVerifier.create(client.complete(ChatRequest.builder().user("Hello").build()))
			.consumeErrorWith(failure::set)
			.verify(TestPipelines.TIMEOUT);
		assertThat(failure.get()).isInstanceOf(OpenAiException.class);
		return (OpenAiException) failure.get();
	}

}
