package io.github.openaiboot.responses;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.openaiboot.core.OpenAiJson;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Recorded-looking Responses API bodies: event streams as the service sends them
 * ({@code event:} and {@code data:} lines, {@code obfuscation} padding, no
 * {@code [DONE]}), the two shapes of a mid-stream error, and whole responses.
 */
public final class ResponseFixtures {

	/**
	 * A text answer: "Hi there! How can I assist you today? 😊" in four deltas.
	 */
	public static final String TEXT_STREAM = "text-stream.sse";

	/**
	 * The text of {@link #TEXT_STREAM}.
	 */
	public static final String TEXT = "Hi there! How can I assist you today? 😊";

	/**
	 * A reasoning summary, a message with an annotation (an event this client does not
	 * model) and a function call, with cached input and reasoning tokens in the usage.
	 */
	public static final String EVERY_EVENT_STREAM = "every-event-stream.sse";

	/**
	 * A background response, queued first, whose answer is a refusal cut by
	 * {@code max_output_tokens}: it ends with {@code response.incomplete}.
	 */
	public static final String REFUSAL_INCOMPLETE_STREAM = "refusal-incomplete-stream.sse";

	/**
	 * The live shape of a mid-stream error: a nested {@code error} event
	 * ({@code insufficient_quota}) after two events, then {@code response.failed}.
	 */
	public static final String NESTED_ERROR_STREAM = "nested-error-stream.sse";

	/**
	 * The specified shape of a mid-stream error: a flat {@code error} event after one
	 * event.
	 */
	public static final String FLAT_ERROR_STREAM = "flat-error-stream.sse";

	/**
	 * A mid-stream rate limit: {@code response.failed} with
	 * {@code rate_limit_exceeded} after two events.
	 */
	public static final String FAILED_STREAM = "failed-stream.sse";

	/**
	 * A whole response whose output is a function call.
	 */
	public static final String FUNCTION_CALL_RESPONSE = "function-call-response.json";

	/**
	 * A whole response of two messages around a web search call, one with a refusal
	 * part between two text parts.
	 */
	public static final String TEXT_RESPONSE = "text-response.json";

	private ResponseFixtures() {
	}

	/**
	 * Return a fixture's text.
	 * @param name the fixture
	 * @return its text
	 */
	public static String read(String name) {
		try (InputStream in = ResponseFixtures.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the events of a stream fixture, decoded.
	 * @param name the fixture
	 * @return the events
	 */
	public static List<ResponseStreamEvent> events(String name) {
		List<ResponseStreamEvent> events = new ArrayList<>();
		for (String line : read(name).lines().toList()) {
			if (line.startsWith("data: ")) {
				events.add(OpenAiJson.mapper().readValue(line.substring(6), ResponseStreamEvent.class));
			}
		}
		return events;
	}

	/**
	 * Return the first {@code count} events of a stream fixture, as it was sent.
	 * @param name the fixture
	 * @param count how many events to keep
	 * @return the events' text
	 */
	public static String firstEvents(String name, int count) {
		String[] events = read(name).split("\n\n");
		return String.join("\n\n", java.util.Arrays.copyOf(events, count)) + "\n\n";
	}

	/**
	 * Return a WireMock answer that streams a body as server-sent events.
	 * @param body the body
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder sse(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "text/event-stream; charset=utf-8")
			.withHeader("x-request-id", "req_resp_stream")
			.withBody(body);
	}

	/**
	 * Return a WireMock answer of a JSON body.
	 * @param body the body
	 * @return the answer
	 */
	public static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "req_resp")
			.withBody(body);
	}

}
