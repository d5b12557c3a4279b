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
