package io.github.openaiboot.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
		OpenAiError error = readError(body);
		OpenAiErrorKind kind = OpenAiErrorClassifier.classify(statusCode, error);
		Duration retryAfter = this.retryAfterParser.parse(headers, error, kind);
		return OpenAiErrorClassifier.toException(kind, statusCode, error, headers.getFirst("x-request-id"),
				retryAfter, OpenAiErrorClassifier.shouldRetry(headers.getFirst("x-should-retry")));
	}

	/**
	 * Read the error object of an error body or stream frame.
	 * @param body the body
	 * @return the error, never {@code null}
	 */
	public OpenAiError readError(byte[] body) {
		if (body.length == 0) {
			return new OpenAiError("(empty response body)", null, null, null);
		}
		try {
			JsonNode error = this.mapper.readTree(body).get("error");
			if (error != null && error.isObject()) {
				return new OpenAiError(text(error, "message"), text(error, "type"), text(error, "param"),
						text(error, "code"));
			}
			if (error != null && error.isString()) {
				return new OpenAiError(error.asString(), null, null, null);
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

	private static String snippet(byte[] body) {
		String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8)
			.replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ")
			.replaceAll("<[^>]+>", " ")
			.replaceAll("\\s+", " ")
			.strip();
		return (text.length() > SNIPPET_LENGTH) ? text.substring(0, SNIPPET_LENGTH) + "…" : text;
	}

}
