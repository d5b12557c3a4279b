package io.github.openaiboot.error;

/**
 * What went wrong in an OpenAI call, decided from the error body's {@code code} and
 * {@code type} as well as the HTTP status, since the status alone is ambiguous (a 429
 * is either a rate limit worth waiting for or an exhausted quota that no retry fixes).
 *
 * @author openai-spring-boot
 */
public enum OpenAiErrorKind {

	/**
	 * Requests or tokens per minute or per day exceeded, by the server
	 * ({@code rate_limit_exceeded}) or by the local pacer; see
	 * {@link RateLimitException#dimension()} for which.
	 */
	RATE_LIMITED,

	/**
	 * Quota or billing limit exhausted ({@code insufficient_quota} and billing codes).
	 */
	QUOTA_EXCEEDED,

	/**
	 * API key not valid ({@code invalid_api_key}).
	 */
	INVALID_API_KEY,

	/**
	 * API key belongs to a deactivated account ({@code account_deactivated}).
	 */
	ACCOUNT_DEACTIVATED,

	/**
	 * Any other authentication failure (401), such as a missing organization
	 * membership or an IP address that is not allowed.
	 */
	AUTHENTICATION,

	/**
	 * Not allowed to use the resource (403).
	 */
	PERMISSION_DENIED,

	/**
	 * Calls from the caller's country, region or territory are not supported.
	 */
	REGION_NOT_SUPPORTED,

	/**
	 * Malformed or unacceptable request (400, 422).
	 */
	/**
	 * Azure OpenAI's content filter refused the prompt or filtered the answer
	 * ({@code content_filter}). Never retried: the same input is filtered again.
	 */
	CONTENT_FILTERED,

	INVALID_REQUEST,

	/**
	 * Prompt and requested completion exceed the model's context window.
	 */
	CONTEXT_LENGTH_EXCEEDED,

	/**
	 * A single request needs more tokens than the organization's whole limit allows: the
	 * {@code 429 rate_limit_exceeded} whose message starts with "Request too large", or
	 * the local pacer refusing a request whose estimate exceeds the tokens-per-minute
	 * limit. No wait fixes it: the input or output tokens must be reduced.
	 */
	REQUEST_TOO_LARGE,

	/**
	 * Model does not exist or the caller has no access to it.
	 */
	MODEL_NOT_FOUND,

	/**
	 * Resource or path not found (404) for a reason other than an unknown model.
	 */
	NOT_FOUND,

	/**
	 * Conflicting request (409).
	 */
	CONFLICT,

	/**
	 * No answer in time: a 408 from the server or a local response timeout.
	 */
	TIMEOUT,

	/**
	 * Internal server error (500).
	 */
	SERVER_ERROR,

	/**
	 * Server or model overloaded (502, 503, 504).
	 */
	OVERLOADED,

	/**
	 * Connection could not be established or was lost before a response arrived.
	 */
	CONNECTION,

	/**
	 * Response that could not be understood, such as a malformed body.
	 */
	INVALID_RESPONSE,

	/**
	 * Failure that fits no other kind.
	 */
	UNKNOWN

}
