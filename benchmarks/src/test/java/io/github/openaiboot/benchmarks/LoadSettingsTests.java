package io.github.openaiboot.benchmarks;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LoadSettings}.
 *
 * @author openai-spring-boot
 */
class LoadSettingsTests {

	@Test
	void durationIsRoundedUpToWholeSlices() {
		assertThat(settings(10_000, 1_000, "").slicesPerScenario()).isEqualTo(10);
		assertThat(settings(10_500, 1_000, "").slicesPerScenario()).isEqualTo(11);
		assertThat(settings(400, 200, "").slicesPerScenario()).isEqualTo(2);
		assertThat(settings(0, 1_000, "").slicesPerScenario()).isOne();
	}

	@Test
	void sliceMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> settings(1_000, 0, ""));
	}

	@Test
	void workerJvmArgsNameTheClient() {
		LoadSettings settings = settings(1_000, 1_000,
				" -XX:StartFlightRecording=filename=target/{client}.jfr,settings=profile  -Xlog:gc:target/{client}-gc.log ");
		assertThat(settings.workerJvmArgs(ClientMode.PLAIN)).containsExactly(
				"-XX:StartFlightRecording=filename=target/plain.jfr,settings=profile", "-Xlog:gc:target/plain-gc.log");
		assertThat(settings.workerJvmArgs(ClientMode.STARTER)).first()
			.isEqualTo("-XX:StartFlightRecording=filename=target/starter.jfr,settings=profile");
		assertThat(settings(1_000, 1_000, " ").workerJvmArgs(ClientMode.PLAIN)).isEmpty();
	}

	@Test
	void forkedWorkerGetsItsSettingsAndItsOwnOptionsButNotTheBenchmarksRecording() {
		List<String> command = ForkedWorker.command(ClientMode.STARTER, "http://127.0.0.1:1/v1",
				settings(1_000, 1_000, "-Dmarker={client}"));
		assertThat(command).contains("-Dconcurrency=32", "-Dplain.boot-builder=false", "-Dcalibrate.boot-builder=false",
				"-Dmarker=starter")
			.noneMatch((argument) -> argument.startsWith("-XX:StartFlightRecording"))
			.endsWith(LoadWorker.class.getName(), "starter", "http://127.0.0.1:1/v1");
	}

	private static LoadSettings settings(long durationMillis, long sliceMillis, String workerJvmArgs) {
		return new LoadSettings(Duration.ofMillis(durationMillis), Duration.ZERO, Duration.ofMillis(sliceMillis), 32,
				List.of(Scenario.CHAT), true, 1, false, false, workerJvmArgs);
	}

}
