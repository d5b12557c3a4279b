package io.github.openaiboot.test.simulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A way the simulated OpenAI API can misbehave, matching what the real service sends. Hand one to
 * {@link OpenAiSimulator#inject(SimulatedFault)} to choose which requests it hits.
 * <p>
 * Instances are immutable; modifiers such as {@link #retryAfterMs(long)} return a copy.
 *
 * @author OpenAI Spring Boot contributors
 */
public final class SimulatedFault {

	static final String ORGANIZATION = "org-simulator";

	private static final String SERVER_ERROR_MESSAGE = "The server had an error while processing your request. Sorry about that!";

	private static final String OVERLOADED_MESSAGE = "That model is currently overloaded with other requests. You can retry your request, or contact us through our help center at help.openai.com if the error persists.";

	enum Kind {

		ERROR, RATE_LIMITED, SLOW_RESPONSE, CONNECTION_RESET, MALFORMED_JSON, ERROR_FRAME, STREAM_CUT, CONTENT_FILTERED

	}

	private final Kind kind;

	private final String description;

	private final int status;

	private final @Nullable String message;

	private final @Nullable String type;

	private final @Nullable String param;

	private final @Nullable String code;

	private final Duration delay;

	private final @Nullable Duration retryAfter;

	private final @Nullable Long retryAfterMs;

	private final int afterChunks;

	private final boolean daily;

	private SimulatedFault(Kind kind, String description, int status, @Nullable String message, @Nullable String type,
			@Nullable String param, @Nullable String code, Duration delay, @Nullable Duration retryAfter,
			@Nullable Long retryAfterMs, int afterChunks) {
		this(kind, description, status, message, type, param, code, delay, retryAfter, retryAfterMs, afterChunks,
				false);
	}

	private SimulatedFault(Kind kind, String description, int status, @Nullable String message, @Nullable String type,
			@Nullable String param, @Nullable String code, Duration delay, @Nullable Duration retryAfter,
			@Nullable Long retryAfterMs, int afterChunks, boolean daily) {
		this.kind = kind;
		this.description = description;
		this.status = status;
		this.message = message;
		this.type = type;
		this.param = param;
		this.code = code;
		this.delay = delay;
		this.retryAfter = retryAfter;
		this.retryAfterMs = retryAfterMs;
		this.afterChunks = afterChunks;
		this.daily = daily;
	}

	private static SimulatedFault error(String description, int status, String message, @Nullable String type,
			@Nullable String param, @Nullable String code) {
		return new SimulatedFault(Kind.ERROR, description, status, message, type, param, code, Duration.ZERO, null,
				null, 0);
	}

	private static SimulatedFault of(Kind kind, String description, Duration delay, int afterChunks) {
		return new SimulatedFault(kind, description, 200, null, null, null, null, delay, null, null, afterChunks);
	}

	/**
	 * Azure OpenAI's content filter refusing the prompt: {@code 400 content_filter}, with
	 * the filter results (violence filtered at medium severity) in
	 * {@code innererror.content_filter_result}.
	 * @return the fault
	 */
	public static SimulatedFault contentFiltered() {
		return new SimulatedFault(Kind.CONTENT_FILTERED, "content filter (400 content_filter)", 400,
				"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. "
						+ "Please modify your prompt and retry. To learn more about our content filtering policies "
						+ "please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
				null, "prompt", "content_filter", Duration.ZERO, null, null, 0);
	}

	/**
	 * A {@code 429} of type {@code requests}, code {@code rate_limit_exceeded}, whose message says "Please try again
	 * in 20ms" and that sends no {@code retry-after} header unless {@link #retryAfter(Duration)} or
	 * {@link #retryAfterMs(long)} asks for one.
	 * @return the fault
	 */
	public static SimulatedFault rateLimited() {
		return new SimulatedFault(Kind.RATE_LIMITED, "rate limited", 429, null, "requests", null,
				"rate_limit_exceeded", Duration.ofMillis(20), null, null, 0);
	}

	/**
	 * A {@code 429} {@code rate_limit_exceeded} of type {@code tokens} whose message starts with "Request too large
	 * for {model} … on tokens per min (TPM): Limit 30000, Requested 50000": a single request larger than the whole
	 * per-minute limit, which no wait fixes.
	 * @return the fault
	 */
	public static SimulatedFault requestTooLarge() {
		return error("request too large", 429, "Request too large for {model} in organization " + ORGANIZATION
				+ " on tokens per min (TPM): Limit 30000, Requested 50000. The input or output tokens must be reduced "
				+ "in order to run successfully. Visit https://platform.openai.com/account/rate-limits to learn more.",
				"tokens", null, "rate_limit_exceeded");
	}

	/**
	 * A {@code 429} with type and code {@code insufficient_quota}: a billing failure that must not be retried.
	 * @return the fault
	 */
	public static SimulatedFault insufficientQuota() {
		return error("insufficient quota", 429,
				"You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
				"insufficient_quota", null, "insufficient_quota");
	}

	/**
	 * A {@code 401} with code {@code invalid_api_key}.
	 * @return the fault
	 */
	public static SimulatedFault invalidApiKey() {
		return error("invalid api key", 401,
				"Incorrect API key provided: sk-abc12***************************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.",
				"invalid_request_error", null, "invalid_api_key");
	}

	/**
	 * A {@code 401} with code {@code account_deactivated}.
	 * @return the fault
	 */
	public static SimulatedFault accountDeactivated() {
		return error("account deactivated", 401,
				"This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.",
				"invalid_request_error", null, "account_deactivated");
	}

	/**
	 * A {@code 403} of type {@code request_forbidden} with code {@code unsupported_country_region_territory}.
	 * @return the fault
	 */
	public static SimulatedFault unsupportedRegion() {
		return error("unsupported region", 403, "Country, region, or territory not supported", "request_forbidden",
				null, "unsupported_country_region_territory");
	}

	/**
	 * A {@code 400} with code {@code context_length_exceeded} and param {@code messages}.
	 * @return the fault
	 */
	public static SimulatedFault contextLengthExceeded() {
		return error("context length exceeded", 400,
				"This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
				"invalid_request_error", "messages", "context_length_exceeded");
	}

	/**
	 * A {@code 404} with code {@code model_not_found} naming the requested model.
	 * @return the fault
	 */
	public static SimulatedFault modelNotFound() {
		return error("model not found", 404, null, "invalid_request_error", null, "model_not_found");
	}

	/**
	 * A {@code 500} of type {@code server_error}.
	 * @return the fault
	 */
	public static SimulatedFault serverError() {
		return serverError(500);
	}

	/**
	 * A {@code server_error} with the given status: {@code 500} says the server had an error, any other status
	 * ({@code 502}, {@code 503}, {@code 504}) says the model is overloaded.
	 * @param status the HTTP status
	 * @return the fault
	 */
	public static SimulatedFault serverError(int status) {
		return error("server error " + status, status, (status == 500) ? SERVER_ERROR_MESSAGE : OVERLOADED_MESSAGE,
				"server_error", null, null);
	}

	/**
	 * A {@code 503} saying the model is overloaded.
	 * @return the fault
	 */
	public static SimulatedFault overloaded() {
		return serverError(503);
	}

	/**
	 * The normal answer, sent after a fixed delay.
	 * @param delay how long to wait before answering
	 * @return the fault
	 */
	public static SimulatedFault slowResponse(Duration delay) {
		return of(Kind.SLOW_RESPONSE, "slow response " + delay, delay, 0);
	}

	/**
	 * The connection is reset by the server instead of an answer.
	 * @return the fault
	 */
	public static SimulatedFault connectionReset() {
		return of(Kind.CONNECTION_RESET, "connection reset", Duration.ZERO, 0);
	}

	/**
	 * A {@code 200} whose JSON body is cut in half.
	 * @return the fault
	 */
	public static SimulatedFault malformedJson() {
		return of(Kind.MALFORMED_JSON, "malformed json", Duration.ZERO, 0);
	}

	/**
	 * For streaming chat requests only: after {@code contentChunks} content chunks, a
	 * {@code data: {"error":{…,"type":"server_error"}}} frame, then the stream ends without {@code [DONE]}. For
	 * streamed responses, after {@code contentChunks} deltas, a nested {@code error} event and
	 * {@code response.failed}, as the live service sends them.
	 * @param contentChunks content chunks sent before the error frame
	 * @return the fault
	 */
	public static SimulatedFault errorFrameAfter(int contentChunks) {
		return of(Kind.ERROR_FRAME, "error frame after " + contentChunks + " chunks", Duration.ZERO,
				requireNonNegative(contentChunks));
	}

	/**
	 * For streaming chat requests only: the stream ends after {@code contentChunks} content chunks, with no finish
	 * chunk, no usage chunk and no {@code [DONE]}. For streamed responses, the stream ends after
	 * {@code contentChunks} deltas, without its terminal event.
	 * @param contentChunks content chunks sent before the stream ends
	 * @return the fault
	 */
	public static SimulatedFault streamCutAfter(int contentChunks) {
		return of(Kind.STREAM_CUT, "stream cut after " + contentChunks + " chunks", Duration.ZERO,
				requireNonNegative(contentChunks));
	}

	/**
	 * Adds a {@code retry-after} header (whole seconds, rounded up) to a rate-limited fault and makes its message
	 * hint the same delay.
	 * @param delay the delay to ask for
	 * @return a copy of this fault
	 */
	public SimulatedFault retryAfter(Duration delay) {
		requireRateLimited();
		return new SimulatedFault(this.kind, this.description, this.status, this.message, this.type, this.param,
				this.code, delay, delay, this.retryAfterMs, 0, this.daily);
	}

	/**
	 * Adds a {@code retry-after-ms} header to a rate-limited fault and makes its message hint the same delay.
	 * @param millis the delay to ask for, in milliseconds
	 * @return a copy of this fault
	 */
	public SimulatedFault retryAfterMs(long millis) {
		requireRateLimited();
		return new SimulatedFault(this.kind, this.description, this.status, this.message, this.type, this.param,
				this.code, Duration.ofMillis(millis), this.retryAfter, millis, 0, this.daily);
	}

	/**
	 * Makes a rate-limited fault blame the tokens-per-minute limit ({@code type} {@code tokens}) instead of the
	 * requests-per-minute one.
	 * @return a copy of this fault
	 */
	public SimulatedFault onTokens() {
		requireRateLimited();
		return new SimulatedFault(this.kind, this.description + " on tokens", this.status, this.message, "tokens",
				this.param, this.code, this.delay, this.retryAfter, this.retryAfterMs, 0, this.daily);
	}

	/**
	 * Makes a rate-limited fault blame the daily limit, requests per day (RPD) or, after {@link #onTokens()}, tokens
	 * per day (TPD), instead of the per-minute one.
	 * @return a copy of this fault
	 */
	public SimulatedFault perDay() {
		requireRateLimited();
		return new SimulatedFault(this.kind, this.description + " per day", this.status, this.message, this.type,
				this.param, this.code, this.delay, this.retryAfter, this.retryAfterMs, 0, true);
	}

	private void requireRateLimited() {
		if (this.kind != Kind.RATE_LIMITED) {
			throw new IllegalStateException("Only a rateLimited() fault carries a retry delay");
		}
	}

	private static int requireNonNegative(int chunks) {
		if (chunks < 0) {
			throw new IllegalArgumentException("contentChunks must not be negative");
		}
		return chunks;
	}

	boolean appliesTo(Endpoint endpoint, boolean streaming) {
		return switch (this.kind) {
			case ERROR_FRAME, STREAM_CUT -> (endpoint == Endpoint.CHAT || endpoint == Endpoint.RESPONSES) && streaming;
			default -> true;
		};
	}

	Kind kind() {
		return this.kind;
	}

	boolean isDaily() {
		return this.daily;
	}

	int status() {
		return this.status;
	}

	String message(String model) {
		if (this.kind == Kind.RATE_LIMITED) {
			boolean tokens = "tokens".equals(this.type);
			String limit;
			if (this.daily) {
				limit = tokens ? "tokens per day (TPD): Limit 2000000, Used 2000000, Requested 1000"
						: "requests per day (RPD): Limit 10000, Used 10000, Requested 1";
			}
			else {
				limit = tokens ? "tokens per min (TPM): Limit 30000, Used 30000, Requested 1000"
						: "requests per min (RPM): Limit 3500, Used 3500, Requested 1";
			}
			return "Rate limit reached for " + model + " in organization " + ORGANIZATION + " on " + limit
					+ ". Please try again in " + GoDuration.format(this.delay)
					+ ". Visit https://platform.openai.com/account/rate-limits to learn more.";
		}
		if (this.message == null) {
			return "The model '" + model + "' does not exist or you do not have access to it.";
		}
		return this.message.replace("{model}", model);
	}

	@Nullable String type() {
		return this.type;
	}

	@Nullable String param() {
		return this.param;
	}

	@Nullable String code() {
		return this.code;
	}

	Duration delay() {
		return this.delay;
	}

	@Nullable Duration retryAfterHeader() {
		return this.retryAfter;
	}

	@Nullable Long retryAfterMsHeader() {
		return this.retryAfterMs;
	}

	int afterChunks() {
		return this.afterChunks;
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		if (this == obj) {
			return true;
		}
		if (!(obj instanceof SimulatedFault other)) {
			return false;
		}
		return this.kind == other.kind && this.description.equals(other.description) && this.status == other.status
				&& Objects.equals(this.message, other.message) && Objects.equals(this.type, other.type)
				&& this.delay.equals(other.delay) && Objects.equals(this.retryAfter, other.retryAfter)
				&& Objects.equals(this.retryAfterMs, other.retryAfterMs) && this.afterChunks == other.afterChunks
				&& this.daily == other.daily;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.description, this.status, this.delay, this.afterChunks);
	}

	@Override
	public String toString() {
		return "SimulatedFault[" + this.description + "]";
	}

}
