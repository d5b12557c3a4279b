package io.github.openaiboot.test.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Minimal HTTP client for tests against an {@link OpenAiSimulator}.
 *
 * @author OpenAI Spring Boot contributors
 */
public final class SimulatorHttp {

	/**
	 * Shared JSON mapper.
	 */
	public static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	/**
	 * Creates a client for the given base URL.
	 * @param baseUrl the simulator's base URL
	 */
	public SimulatorHttp(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Posts a JSON body.
	 * @param path the path below the base URL
	 * @param json the body
	 * @return the response
	 */
	public HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer sk-test")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Gets a resource.
	 * @param path the path below the base URL
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET().timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Gets a resource as bytes.
	 * @param url the absolute URL
	 * @return the response
	 */
	public HttpResponse<byte[]> getBytes(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Sends a request.
	 * @param <T> the body type
	 * @param request the request
	 * @param handler the body handler
	 * @return the response
	 */
	public static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
		try {
			return CLIENT.send(request, handler);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Parses JSON.
	 * @param json the text
	 * @return the tree
	 */
	public static JsonNode json(String json) {
		return JSON.readTree(json);
	}

	/**
	 * Returns the {@code data:} payloads of a server-sent event stream.
	 * @param body the stream
	 * @return the payloads in order
	 */
	public static List<String> dataFrames(String body) {
		List<String> frames = new ArrayList<>();
		for (String line : body.split("\n")) {
			if (line.startsWith("data: ")) {
				frames.add(line.substring("data: ".length()));
			}
		}
		return frames;
	}

}
