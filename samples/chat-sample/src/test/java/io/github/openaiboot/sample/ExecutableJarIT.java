package io.github.openaiboot.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises: {@code java -jar} on the packaged sample, with no API key,
 * starts it on the built-in simulator and it answers. Run by failsafe after
 * {@code package}, on the repackaged jar.
 */
class ExecutableJarIT {

	private static final Pattern STARTED = Pattern.compile("Netty started on port (\\d+)");

	@Test
	void packagedJarRunsWithoutAnApiKeyAndAnswers() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/chat-sample-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).isRegularFile();
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-jar", jar.toString(), "--server.port=0", "--spring.main.banner-mode=off")
			.redirectErrorStream(true);
		builder.environment().remove("OPENAI_API_KEY");
		Process process = builder.start();
		List<String> output = Collections.synchronizedList(new ArrayList<>());
		try {
			int port = CompletableFuture.supplyAsync(() -> awaitPort(process, output))
				.get(90, TimeUnit.SECONDS);
			assertThat(output).anyMatch((line) -> line.contains("No OPENAI_API_KEY set: using the built-in OpenAI simulator"));
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/chat"))
					.timeout(Duration.ofSeconds(20))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hello from the jar\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"reply\":\"Simulated answer to: hello from the jar");
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			Files.write(Path.of("target", "executable-jar-it.log"), output, StandardCharsets.UTF_8);
		}
	}

	// The reader stays open: the process's output is drained until the process ends, or it
	// would block on a full pipe.
	private static int awaitPort(Process process, List<String> output) {
		BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		try {
			String line;
			while ((line = reader.readLine()) != null) {
				output.add(line);
				Matcher started = STARTED.matcher(line);
				if (started.find()) {
					Thread drain = new Thread(() -> reader.lines().forEach(output::add), "jar-output");
					drain.setDaemon(true);
					drain.start();
					return Integer.parseInt(started.group(1));
				}
			}
			throw new IllegalStateException("The jar exited before it started:\n" + String.join("\n", output));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
