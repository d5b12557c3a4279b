package io.github.openaiboot.error;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Decides the {@link OpenAiErrorKind} of a failed response from its status and error
 * body, and creates the matching exception. The body's {@code code} and {@code type}
 * win over the status: a 429 {@code insufficient_quota} is a billing failure, not a rate
 * limit, and a 429 "Request too large" is a request to shrink, not a limit to wait for.
 *
 * @author openai-spring-boot
 */
public final class OpenAiErrorClassifier {

	private static final Set<String> QUOTA_CODES = Set.of("insufficient_quota", "billing_hard_limit_reached",
			"billing_not_active", "credit_balance_exhausted", "credits_exhausted", "quota_exceeded");

	private OpenAiErrorClassifier() {
	}

	/**
	 * Classify a failed response.
	 * @param statusCode the HTTP status ({@code 200} for an error frame inside a stream)
	 * @param error the decoded error body
	 * @return the error kind
	 */
	public static OpenAiErrorKind classify(int statusCode, OpenAiError error) {
		String code = lower(error.code());
		String type = lower(error.type());
		if (isQuota(code) || isQuota(type)) {
			return OpenAiErrorKind.QUOTA_EXCEEDED;
		}
		// a 429 that no wait fixes: one request is larger than the whole per-minute budget
		if ((code.equals("rate_limit_exceeded") || statusCode == 429)
				&& RateLimitMessage.isRequestTooLarge(error.message())) {
			return OpenAiErrorKind.REQUEST_TOO_LARGE;
		}
		switch (code) {
			case "rate_limit_exceeded":
				return OpenAiErrorKind.RATE_LIMITED;
			case "invalid_api_key":
				return OpenAiErrorKind.INVALID_API_KEY;
			case "account_deactivated":
				return OpenAiErrorKind.ACCOUNT_DEACTIVATED;
			case "unsupported_country_region_territory", "unsupported_country":
				return OpenAiErrorKind.REGION_NOT_SUPPORTED;
			case "context_length_exceeded", "string_above_max_length":
				return OpenAiErrorKind.CONTEXT_LENGTH_EXCEEDED;
			case "model_not_found":
				return OpenAiErrorKind.MODEL_NOT_FOUND;
			case "content_filter":
				return OpenAiErrorKind.CONTENT_FILTERED;
			case "429":
				// Azure OpenAI's rate limit, whose message links to "quotaincrease"
				return OpenAiErrorKind.RATE_LIMITED;
			default:
		}
		return switch (statusCode) {
			case 429 -> mentionsQuota(error) ? OpenAiErrorKind.QUOTA_EXCEEDED : OpenAiErrorKind.RATE_LIMITED;
			case 401 -> OpenAiErrorKind.AUTHENTICATION;
			case 403 -> OpenAiErrorKind.PERMISSION_DENIED;
			case 400, 422 -> OpenAiErrorKind.INVALID_REQUEST;
			case 404 -> OpenAiErrorKind.NOT_FOUND;
			case 408 -> OpenAiErrorKind.TIMEOUT;
			case 409 -> OpenAiErrorKind.CONFLICT;
			case 502, 503, 504 -> OpenAiErrorKind.OVERLOADED;
			default -> classifyByType(statusCode, type, code, error);
		};
	}

	private static OpenAiErrorKind classifyByType(int statusCode, String type, String code, OpenAiError error) {
		// a failed Responses API stream reports server_error as its code, without a type
		if (statusCode >= 500 || type.equals("server_error") || code.equals("server_error")) {
			return mentionsOverload(error) ? OpenAiErrorKind.OVERLOADED : OpenAiErrorKind.SERVER_ERROR;
		}
		if (type.equals("requests") || type.equals("tokens")) {
			return OpenAiErrorKind.RATE_LIMITED;
		}
		if (type.equals("invalid_request_error")) {
			return OpenAiErrorKind.INVALID_REQUEST;
		}
		return OpenAiErrorKind.UNKNOWN;
	}

	/**
	 * Create the exception that matches a kind.
	 * @param kind the error kind
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id}, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @return the exception
	 */
	public static OpenAiException toException(OpenAiErrorKind kind, int statusCode, OpenAiError error,
			@Nullable String requestId, @Nullable Duration retryAfter) {
		return toException(kind, statusCode, error, requestId, retryAfter, null);
	}

	/**
	 * Create the exception that matches a kind, with the server's word on retrying it.
	 * @param kind the error kind
	 * @param statusCode the HTTP status
	 * @param error the decoded error body
	 * @param requestId the {@code x-request-id}, if any
	 * @param retryAfter the delay the server asked for, if any
	 * @param shouldRetryHeader the {@code x-should-retry} header, {@code null} when absent
	 * or neither {@code true} nor {@code false}
	 * @return the exception
	 * @see OpenAiException#shouldRetryHeader()
	 */
	public static OpenAiException toException(OpenAiErrorKind kind, int statusCode, OpenAiError error,
			@Nullable String requestId, @Nullable Duration retryAfter, @Nullable Boolean shouldRetryHeader) {
		return create(kind, statusCode, error, requestId, retryAfter).shouldRetryHeader(shouldRetryHeader);
	}

	/**
	 * Read an {@code x-should-retry} header as the official SDKs do: exactly {@code true}
	 * or {@code false}, anything else being no advice.
	 * @param value the header's value
	 * @return the advice, or {@code null}
	 */
	public static @Nullable Boolean shouldRetry(@Nullable String value) {
		if ("true".equals(value)) {
			return Boolean.TRUE;
		}
		if ("false".equals(value)) {
			return Boolean.FALSE;
		}
		return null;
	}

	private static OpenAiException create(OpenAiErrorKind kind, int statusCode, OpenAiError error,
			@Nullable String requestId, @Nullable Duration retryAfter) {
		return switch (kind) {
			case RATE_LIMITED -> new RateLimitException(kind, statusCode, error, requestId, retryAfter);
			case QUOTA_EXCEEDED -> new QuotaExceededException(kind, statusCode, error, requestId, retryAfter);
			case INVALID_API_KEY, ACCOUNT_DEACTIVATED, AUTHENTICATION ->
				new AuthenticationException(kind, statusCode, error, requestId, retryAfter);
			case PERMISSION_DENIED, REGION_NOT_SUPPORTED ->
				new PermissionDeniedException(kind, statusCode, error, requestId, retryAfter);
			case CONTENT_FILTERED -> new ContentFilterException(statusCode, error, requestId, java.util.Map.of());
			case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED, REQUEST_TOO_LARGE, MODEL_NOT_FOUND, NOT_FOUND ->
				new InvalidRequestException(kind, statusCode, error, requestId, retryAfter);
			case SERVER_ERROR, OVERLOADED, CONFLICT, TIMEOUT, INVALID_RESPONSE ->
				new OpenAiServerException(kind, statusCode, error, requestId, retryAfter);
			case CONNECTION, UNKNOWN -> new OpenAiException(kind, statusCode, error, requestId, retryAfter, null);
		};
	}

	private static boolean isQuota(String value) {
		return QUOTA_CODES.contains(value) || value.endsWith("spend_limit_exceeded")
				|| value.endsWith("billing_limit_reached");
	}

	private static boolean mentionsQuota(OpenAiError error) {
		String message = lower(error.message());
		return message.contains("quota") || message.contains("billing");
	}

	private static boolean mentionsOverload(OpenAiError error) {
		return lower(error.message()).contains("overloaded");
	}

	private static String lower(@Nullable String value) {
		return (value != null) ? value.toLowerCase(Locale.ROOT) : "";
	}

}
