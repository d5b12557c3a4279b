package io.github.openaiboot.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's page in headless Chromium, used as a person would: on the built-in
 * simulator, as {@code java -jar} without an API key runs it, with the simulator's
 * streaming slowed enough to watch. A screenshot of the page at the end is written to
 * {@code target/browser/chat-page.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.simulator=always", "sample.simulator.stream-chunks=12",
				"sample.simulator.chunk-delay-ms=60" })
@ExtendWith(InstalledChromium.class)
class ChatPageBrowserTests {

	private static final Path SCREENSHOT = Path.of("target", "browser", "chat-page.png");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@TempDir
	static Path profile;

	private static ChromeDriver browser;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void startBrowser() {
		browser = InstalledChromium.start(profile);
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void streamsTheAnswerUpdatesTheStatsAndExplainsAnExhaustedQuota() throws IOException {
		browser.get("http://localhost:" + this.port + "/");
		waitForText("health", "UP"::equals);
		Map<String, String> before = stats();
		// the health probe's GET /models is a call too, but costs nothing and reports no budget
		assertThat(before).containsEntry("inputTokens", "0")
			.containsEntry("cost", "$0.000000")
			.containsEntry("requestsLeft", "–");
		int calls = Integer.parseInt(before.get("calls"));

		List<String> seen = send("Tell me about Spring Boot");
		String answer = seen.get(seen.size() - 1);
		assertThat(answer).startsWith("Simulated answer to: Tell me about Spring Boot");
		List<String> pieces = seen.subList(0, seen.size() - 1).stream().filter((text) -> !text.isEmpty()).toList();
		assertThat(pieces).as("states of the answer seen while it streamed in").hasSizeGreaterThanOrEqualTo(2);
		for (int i = 0; i < pieces.size(); i++) {
			String next = (i + 1 < pieces.size()) ? pieces.get(i + 1) : answer;
			assertThat(next).startsWith(pieces.get(i)).hasSizeGreaterThan(pieces.get(i).length());
		}
		waitForText("calls", String.valueOf(calls + 1)::equals);
		Map<String, String> afterFirst = stats();
		assertThat(Long.parseLong(afterFirst.get("inputTokens"))).isPositive();
		assertThat(Long.parseLong(afterFirst.get("outputTokens"))).isPositive();
		assertThat(afterFirst.get("cost")).startsWith("$").isNotEqualTo(before.get("cost"));
		assertThat(afterFirst.get("requestsLeft")).isEqualTo("499 of 500 /min");
		assertThat(afterFirst.get("tokensLeft")).endsWith(" of 200,000 /min").isNotEqualTo("200,000 of 200,000 /min");

		browser.findElement(By.cssSelector("#simulator button[data-fault='insufficient-quota']")).click();
		waitForText("armed", (text) -> text.contains("exhausted quota"));
		send("And now?");
		WebElement failure = lastAnswer();
		assertThat(failure.getDomAttribute("class")).contains("error");
		assertThat(failure.getText()).startsWith("OpenAI QUOTA_EXCEEDED: The OpenAI account has run out of quota")
			.contains("(request id req_")
			.doesNotContain("Exception", "\tat ", "at io.github", "see the server log");
		waitForText("calls", String.valueOf(calls + 2)::equals);
		waitForText("health", "DOWN (QUOTA_EXCEEDED)"::equals);
		saveScreenshot();
	}

	/**
	 * Sends a message and watches its answer until it is complete or failed.
	 * @return the distinct texts the answer showed, the complete one last
	 */
	private List<String> send(String message) {
		int answers = browser.findElements(By.cssSelector("#log .ai")).size();
		browser.findElement(By.id("message")).sendKeys(message);
		browser.findElement(By.cssSelector("#chat button[type=submit]")).click();
		new WebDriverWait(browser, TIMEOUT).withMessage("no answer appeared for '" + message + "'")
			.until((driver) -> driver.findElements(By.cssSelector("#log .ai")).size() > answers);
		WebElement answer = lastAnswer();
		List<String> seen = new ArrayList<>();
		new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(5)).until((driver) -> {
			String state = answer.getDomAttribute("data-state");
			String text = answer.getDomProperty("textContent");
			if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(text)) {
				seen.add(text);
			}
			return !"streaming".equals(state);
		});
		String complete = answer.getDomProperty("textContent");
		if (!seen.get(seen.size() - 1).equals(complete)) {
			seen.add(complete);
		}
		return seen;
	}

	private WebElement lastAnswer() {
		List<WebElement> answers = browser.findElements(By.cssSelector("#log .ai"));
		return answers.get(answers.size() - 1);
	}

	private Map<String, String> stats() {
		return Map.of("calls", text("calls"), "inputTokens", text("inputTokens"), "outputTokens",
				text("outputTokens"), "cost", text("cost"), "requestsLeft", text("requestsLeft"), "tokensLeft",
				text("tokensLeft"));
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static void waitForText(String id, Predicate<String> expected) {
		new WebDriverWait(browser, TIMEOUT).withMessage(() -> "#" + id + " still shows '" + text(id) + "'")
			.until((driver) -> expected.test(text(id)));
	}

	private static void saveScreenshot() throws IOException {
		Files.createDirectories(SCREENSHOT.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
	}

}
