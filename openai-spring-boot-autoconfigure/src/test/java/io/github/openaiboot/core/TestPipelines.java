package io.github.openaiboot.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds pipelines against a WireMock server and reads back what it received.
 */
public final class TestPipelines {

	/**
	 * Bound on every {@code StepVerifier}: generous because the first call in a JVM loads
	 * Netty and WireMock, which takes seconds on a loaded build machine.
	 */
	public static final Duration TIMEOUT = Duration.ofSeconds(20);

	/**
	 * The API key the test pipelines send.
	 */
	public static final String API_KEY = "sk-test-0123456789abcdefghijklmnop";

	private TestPipelines() {
	}

	/**
	 * Create a pipeline whose base URL is the server's {@code /v1}.
	 * @param baseUrl the server's base URL
	 * @return the pipeline
	 */
	public static OpenAiPipeline pipeline(String baseUrl) {
		return OpenAiPipeline.builder(webClient(baseUrl).build()).build();
	}

	/**
	 * Create a pipeline that retries retryable failures at once, up to a number of
	 * attempts.
	 * @param baseUrl the server's base URL
	 * @param maxAttempts the number of attempts
	 * @return the pipeline
	 */
	public static OpenAiPipeline retryingPipeline(String baseUrl, int maxAttempts) {
		return OpenAiPipeline.builder(webClient(baseUrl).build())
			.retry(OpenAiRetry.builder(OpenAiRetryPolicy.builder()
				.maxAttempts(maxAttempts)
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(5))
				.build()).build())
			.build();
	}

	/**
	 * Create a WebClient builder whose base URL is the server's {@code /v1}.
	 * @param baseUrl the server's base URL
	 * @return the builder
	 */
	public static WebClient.Builder webClient(String baseUrl) {
		return WebClient.builder().baseUrl(baseUrl + "/v1").defaultHeaders((headers) -> headers.setBearerAuth(API_KEY));
	}

	/**
	 * Return the JSON body of every request the server received, oldest first.
	 * @param server the server
	 * @return the parsed bodies
	 */
	public static List<JsonNode> requestBodies(WireMockExtension server) {
		List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
		Collections.reverse(events);
		return events.stream()
			.map(ServeEvent::getRequest)
			.map(LoggedRequest::getBodyAsString)
			.map((body) -> OpenAiJson.mapper().readTree(body))
			.toList();
	}

	/**
	 * Return the JSON body of the only request the server received.
	 * @param server the server
	 * @return the parsed body
	 */
	public static JsonNode onlyRequestBody(WireMockExtension server) {
		List<JsonNode> bodies = requestBodies(server);
		if (bodies.size() != 1) {
			throw new AssertionError("Expected one request but the server received " + bodies.size());
		}
		return bodies.get(0);
	}

}
