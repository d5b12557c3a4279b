package io.github.openaiboot.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;


/**
 * Debian's Chromium and ChromeDriver, started headless with both binaries named, so
 * that Selenium never runs Selenium Manager nor downloads a browser or a driver. As a
 * condition it skips the browser tests on a machine without them, with a message, unless
 * {@code CI=true}: {@code .ci/run} installs them, so there their absence fails the tests.
 */
final class InstalledChromium implements ExecutionCondition {

	private static final Path BROWSER = Path.of(System.getProperty("sample.chromium", "/usr/bin/chromium"));

	private static final Path DRIVER = Path.of(
			System.getProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, "/usr/bin/chromedriver"));

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		String missing = missing();
		if (missing == null) {
			return ConditionEvaluationResult.enabled("Chromium and ChromeDriver are installed");
		}
		if (inCi()) {
			return ConditionEvaluationResult.enabled(missing + "; CI=true, so the browser tests run, and fail");
		}
		return ConditionEvaluationResult.disabled(missing + "; browser tests skipped outside CI");
	}

	/**
	 * Starts a headless browser with a fresh profile.
	 * @param profile an empty directory for the browser's profile
	 * @return the driver
	 */
	static ChromeDriver start(Path profile) {
		String missing = missing();
		if (missing != null) {
			throw new IllegalStateException(missing + "; CI=true, so the browser tests must run");
		}
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(BROWSER.toFile())
			// the machine's network is closed: no background connections, no updates, no sync
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,860", "--user-data-dir=" + profile);
		return new ChromeDriver(service, options);
	}

	private static @Nullable String missing() {
		List<String> missing = new ArrayList<>();
		if (!Files.isExecutable(BROWSER)) {
			missing.add("Chromium at " + BROWSER);
		}
		if (!Files.isExecutable(DRIVER)) {
			missing.add("ChromeDriver at " + DRIVER);
		}
		return missing.isEmpty() ? null
				: "No " + String.join(" and no ", missing) + " (Debian: apt-get install chromium chromium-driver)";
	}

	private static boolean inCi() {
		return "true".equals(System.getenv("CI"));
	}

}
