package io.github.openaiboot.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.github.openaiboot.error.ContentFilterException;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.retry.RetryAfterParser;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * Turns a failed response into a typed {@link OpenAiException}, whatever its body: an
 * OpenAI error object, an error frame inside a stream, an HTML page from a proxy, or
 * nothing at all.
 *
 * @author openai-spring-boot
 */
public final class ErrorResponseDecoder {

	private static final int SNIPPET_LENGTH = 200;

	private final JsonMapper mapper;

	private final RetryAfterParser retryAfterParser;

	/**
	 * Create a decoder.
	 * @param mapper the mapper for OpenAI's wire format
	 * @param retryAfterParser the parser of server-hinted delays
	 */
	public ErrorResponseDecoder(JsonMapper mapper, RetryAfterParser retryAfterParser) {
		this.mapper = mapper;
		this.retryAfterParser = retryAfterParser;
	}

	/**
	 * Decode a failed response.
	 * @param statusCode the HTTP status
	 * @param headers the response headers
	 * @param body the response body, possibly empty
	 * @return the exception to signal
	 */
	public OpenAiException decode(int statusCode, HttpHeaders headers, byte[] body) {
		return decode(statusCode, headers, readError(body), body);
	}

	/**
	 * Decode a failed response whose body could not be read, such as one larger than the
	 * in-memory limit: the status and headers still say what failed.
	 * @param statusCode the HTTP status
	 * @param headers the response headers
	 * @param reason why the body was not read
	 * @return the exception to signal
	 */
	public OpenAiException decodeUnread(int statusCode, HttpHeaders headers, String reason) {
		return decode(statusCode, headers, new OpenAiError("(error body not read: " + reason + ")", null, null, null),
				new byte[0]);
	}

	private OpenAiException decode(int statusCode, HttpHeaders headers, OpenAiError error, byte[] body) {
		OpenAiErrorKind kind = OpenAiErrorClassifier.classify(statusCode, error);
		Duration retryAfter = this.retryAfterParser.parse(headers, error, kind);
		String requestId = headers.getFirst("x-request-id");
		if (requestId == null) {
			// Azure OpenAI's gateway names its request id so
			requestId = headers.getFirst("apim-request-id");
		}
		if (kind == OpenAiErrorKind.CONTENT_FILTERED) {
			return new ContentFilterException(statusCode, error, requestId, readFilterResults(body));
		}
		return OpenAiErrorClassifier.toException(kind, statusCode, error, requestId, retryAfter,
				OpenAiErrorClassifier.shouldRetry(headers.getFirst("x-should-retry")));
	}

	/**
	 * Read Azure OpenAI's content filter results from an error body or a filtered
	 * choice: {@code innererror.content_filter_result} (what the service sends), or
	 * {@code content_filter_results} (as some of its documentation shows).
	 * @param body the body
	 * @return the results by category, empty when there are none
	 */
	public Map<String, ContentFilterException.FilterResult> readFilterResults(byte[] body) {
		try {
			JsonNode root = this.mapper.readTree(body);
			JsonNode error = root.get("error");
			JsonNode holder = (error != null && error.isObject()) ? error : root;
			JsonNode inner = holder.get("innererror");
			JsonNode results = (inner != null) ? first(inner, "content_filter_result", "content_filter_results")
					: null;
			if (results == null) {
				results = first(holder, "content_filter_result", "content_filter_results");
			}
			// one reading of the results, shared with filtered chat answers
			return (results != null) ? ContentFilterException.filterResults(this.mapper.convertValue(results, Map.class))
					: Map.of();
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	private static @Nullable JsonNode first(JsonNode node, String... names) {
		for (String name : names) {
			JsonNode value = node.get(name);
			if (value != null && value.isObject()) {
				return value;
			}
		}
		return null;
	}

	/**
	 * Read the error object of an error body or stream frame: {@code {"error":{…}}}, as
	 * error bodies, chat stream frames and the Responses API's error events carry it, or
	 * the flat {@code {"type":"error","code":…,"message":…}} of the Responses API's
	 * specified error event.
	 * @param body the body
	 * @return the error, never {@code null}
	 */
	public OpenAiError readError(byte[] body) {
		if (body.length == 0) {
			return new OpenAiError("(empty response body)", null, null, null);
		}
		try {
			JsonNode root = this.mapper.readTree(body);
			JsonNode error = root.get("error");
			if (error != null && error.isObject()) {
				return new OpenAiError(text(error, "message"), text(error, "type"), text(error, "param"),
						text(error, "code"));
			}
			if (error != null && error.isString()) {
				return new OpenAiError(error.asString(), null, null, null);
			}
			if (root.isObject() && "error".equals(text(root, "type"))
					&& (root.has("message") || root.has("code"))) {
				return new OpenAiError(text(root, "message"), null, text(root, "param"), text(root, "code"));
			}
		}
		catch (JacksonException ex) {
			// Not JSON: a proxy or load balancer answered; describe what it sent below.
		}
		return new OpenAiError("Unexpected error body: " + snippet(body), null, null, null);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		return value.isValueNode() ? value.asString() : value.toString();
	}

	static String snippet(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)
			.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
			.replaceAll("<[^>]+>", " ")
			.replaceAll("\\s+", " ")
			.strip();
		return (text.length() > SNIPPET_LENGTH) ? text.substring(0, SNIPPET_LENGTH) + "…" : text;
	}

}
