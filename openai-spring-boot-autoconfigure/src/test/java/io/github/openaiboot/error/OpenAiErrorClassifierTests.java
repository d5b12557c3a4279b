package io.github.openaiboot.error;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiErrorClassifier} and {@link ApiKeyRedactor}.
 */
class OpenAiErrorClassifierTests {

	@Test
	void quotaMessageWithoutCodeOnA429IsQuotaNotRateLimit() {
		OpenAiError error = new OpenAiError("You exceeded your current quota, please check your plan and billing details.",
				null, null, null);
		assertThat(OpenAiErrorClassifier.classify(429, error)).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
	}

	@Test
	void bare429IsARateLimit() {
		assertThat(OpenAiErrorClassifier.classify(429, OpenAiError.EMPTY)).isEqualTo(OpenAiErrorKind.RATE_LIMITED);
	}

	@Test
	void codeWinsOverStatus() {
		OpenAiError quota = new OpenAiError("x", "insufficient_quota", null, "insufficient_quota");
		assertThat(OpenAiErrorClassifier.classify(400, quota)).isEqualTo(OpenAiErrorKind.QUOTA_EXCEEDED);
		OpenAiError contextLength = new OpenAiError("x", "invalid_request_error", "messages", "context_length_exceeded");
		assertThat(OpenAiErrorClassifier.classify(500, contextLength)).isEqualTo(OpenAiErrorKind.CONTEXT_LENGTH_EXCEEDED);
	}

	@Test
	void unknownStatusesFallBackToTheType() {
		assertThat(OpenAiErrorClassifier.classify(418, OpenAiError.EMPTY)).isEqualTo(OpenAiErrorKind.UNKNOWN);
		assertThat(OpenAiErrorClassifier.classify(418, new OpenAiError("x", "invalid_request_error", null, null)))
			.isEqualTo(OpenAiErrorKind.INVALID_REQUEST);
		assertThat(OpenAiErrorClassifier.classify(520, new OpenAiError("That model is currently overloaded", null, null, null)))
			.isEqualTo(OpenAiErrorKind.OVERLOADED);
	}

	@Test
	void requestTooLargeIsAnInvalidRequestNotARateLimit() {
		OpenAiError error = new OpenAiError("Request too large for gpt-4o in organization org-abc on tokens per min (TPM): "
				+ "Limit 30000, Requested 50000. The input or output tokens must be reduced in order to run successfully. "
				+ "Visit https://platform.openai.com/account/rate-limits to learn more.", "tokens", null,
				"rate_limit_exceeded");
		OpenAiErrorKind kind = OpenAiErrorClassifier.classify(429, error);
		assertThat(kind).isEqualTo(OpenAiErrorKind.REQUEST_TOO_LARGE);
		assertThat(OpenAiErrorClassifier.toException(kind, 429, error, "req_1", null))
			.isExactlyInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("[limit: tokens per minute (TPM)]");
		assertThat(OpenAiErrorClassifier.classify(429, new OpenAiError(error.message(), null, null, null)))
			.as("without a code too")
			.isEqualTo(OpenAiErrorKind.REQUEST_TOO_LARGE);
	}

	@Test
	void rateLimitMessageNamesLimitsPerMinuteAndPerDay() {
		assertThat(dimension("Rate limit reached for gpt-4o-mini in organization org-1 on tokens per min (TPM): "
				+ "Limit 50000, Used 47949, Requested 3006. Please try again in 1.146s.", "tokens"))
			.isEqualTo(RateLimitDimension.TOKENS_PER_MINUTE);
		assertThat(dimension("Rate limit reached for gpt-5.4-mini in organization org-1 on requests per day (RPD): "
				+ "Limit 50, Used 50, Requested 1. Please try again in 28m48s.", "requests"))
			.isEqualTo(RateLimitDimension.REQUESTS_PER_DAY);
		assertThat(dimension("… on tokens per day (TPD): Limit 500000, Used 499000, Requested 2000.", "tokens"))
			.isEqualTo(RateLimitDimension.TOKENS_PER_DAY);
		assertThat(dimension("Rate limit reached for gpt-image-2 in organization org-1 on images per minute (IPM): "
				+ "Limit 5, Used 5, Requested 1. Please try again in 12s.", "requests"))
			.isEqualTo(RateLimitDimension.IMAGES_PER_MINUTE);
		assertThat(dimension("Please try again in 10m0s.", "requests")).as("type only: per minute")
			.isEqualTo(RateLimitDimension.REQUESTS_PER_MINUTE);
		assertThat(RateLimitDimension.of(new OpenAiError("slow down", null, null, null))).isEmpty();
	}

	@Test
	void rateLimitMessageReadsItsFigures() {
		RateLimitMessage message = RateLimitMessage.parse("Request too large for gpt-5-nano in organization org-1 on "
				+ "tokens per min (TPM): Limit 200,000, Requested 480002. The input or output tokens must be reduced.");
		assertThat(message).isNotNull();
		assertThat(message.requestTooLarge()).isTrue();
		assertThat(message.dimension()).isEqualTo(RateLimitDimension.TOKENS_PER_MINUTE);
		assertThat(message.limit()).isEqualTo(200_000);
		assertThat(message.used()).isNull();
		assertThat(message.requested()).isEqualTo(480_002);
		assertThat(RateLimitMessage.parse("The server had an error while processing your request.")).isNull();
	}

	@Test
	void dailyRateLimitSaysSoInItsExceptionAndMessage() {
		OpenAiError error = new OpenAiError("Please try again in 6h12m.", "tokens", null, "rate_limit_exceeded");
		RateLimitException minute = (RateLimitException) OpenAiErrorClassifier
			.toException(OpenAiErrorKind.RATE_LIMITED, 429, error, null, null);
		assertThat(minute.dimension()).contains(RateLimitDimension.TOKENS_PER_MINUTE);
		OpenAiError daily = new OpenAiError("Rate limit reached for gpt-4o-mini in organization org-1 on tokens per "
				+ "day (TPD): Limit 500000, Used 500000, Requested 100. Please try again in 6h12m.", "tokens", null,
				"rate_limit_exceeded");
		RateLimitException exception = (RateLimitException) OpenAiErrorClassifier
			.toException(OpenAiErrorClassifier.classify(429, daily), 429, daily, "req_2", null);
		assertThat(exception.kind()).isEqualTo(OpenAiErrorKind.RATE_LIMITED);
		assertThat(exception.dimension()).contains(RateLimitDimension.TOKENS_PER_DAY);
		assertThat(exception.dimension().get().isDaily()).isTrue();
		assertThat(exception).hasMessageContaining("[limit: tokens per day (TPD)]");
		assertThat(exception.withDetail("after 1 attempt").dimension()).contains(RateLimitDimension.TOKENS_PER_DAY);
	}

	@Test
	void serverErrorCodeOfAFailedResponseStreamIsAServerErrorWithoutAType() {
		assertThat(OpenAiErrorClassifier.classify(200, new OpenAiError("An error occurred.", null, null, "server_error")))
			.isEqualTo(OpenAiErrorKind.SERVER_ERROR);
		assertThat(OpenAiErrorClassifier.classify(200, new OpenAiError("Bad image.", null, null, "invalid_image")))
			.isEqualTo(OpenAiErrorKind.UNKNOWN);
	}

	@Test
	void exceptionTypeFollowsTheKind() {
		OpenAiError error = new OpenAiError("m", null, null, "c");
		assertThat(OpenAiErrorClassifier.toException(OpenAiErrorKind.RATE_LIMITED, 429, error, "req", Duration.ofSeconds(1)))
			.isInstanceOf(RateLimitException.class)
			.hasMessageContaining("[retry after 1s]");
		assertThat(OpenAiErrorClassifier.toException(OpenAiErrorKind.QUOTA_EXCEEDED, 429, error, null, null))
			.isInstanceOf(QuotaExceededException.class);
		assertThat(OpenAiErrorClassifier.toException(OpenAiErrorKind.REGION_NOT_SUPPORTED, 403, error, null, null))
			.isInstanceOf(PermissionDeniedException.class);
		assertThat(OpenAiErrorClassifier.toException(OpenAiErrorKind.NOT_FOUND, 404, error, null, null))
			.isInstanceOf(InvalidRequestException.class);
		assertThat(OpenAiErrorClassifier.toException(OpenAiErrorKind.UNKNOWN, 418, error, null, null))
			.isExactlyInstanceOf(OpenAiException.class);
	}

	private static RateLimitDimension dimension(String message, String type) {
		return RateLimitDimension.of(new OpenAiError(message, type, null, "rate_limit_exceeded")).orElseThrow();
	}

	@Test
	void redactorMasksKeysAndBearerTokensButKeepsAPrefix() {
		String redacted = ApiKeyRedactor
			.redact("key sk-proj-AbCdEfGhIjKlMnOpQrStUv and Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload");
		assertThat(redacted).doesNotContain("AbCdEfGhIjKlMnOpQrStUv").doesNotContain("eyJhbGciOiJIUzI1NiJ9");
		assertThat(redacted).contains("sk-proj****").contains("Bearer ****");
	}

	@Test
	void redactorLeavesAlreadyMaskedKeysAndOrdinaryTextAlone() {
		String text = "Incorrect API key provided: sk-abc1************wxyz. See help.openai.com.";
		assertThat(ApiKeyRedactor.redact(text)).isEqualTo(text);
	}

	@Test
	void maskShowsOnlyThePrefixAndLastFourCharacters() {
		assertThat(ApiKeyRedactor.mask("sk-proj-0123456789abcdef")).isEqualTo("sk-****cdef");
		assertThat(ApiKeyRedactor.mask("short")).isEqualTo("****");
	}

}
