package io.github.openaiboot.test.simulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoDuration}.
 *
 * @author OpenAI Spring Boot contributors
 */
class GoDurationTests {

	@Test
	void formatsLikeGo() {
		assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(GoDuration.format(Duration.ofMillis(17))).isEqualTo("17ms");
		assertThat(GoDuration.format(Duration.ofMillis(1200))).isEqualTo("1.2s");
		assertThat(GoDuration.format(Duration.ofMillis(1982))).isEqualTo("1.982s");
		assertThat(GoDuration.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
		assertThat(GoDuration.format(Duration.ofMillis(90_500))).isEqualTo("1m30.5s");
		assertThat(GoDuration.format(Duration.ofMillis(52_151_040))).isEqualTo("14h29m11.04s");
	}

}
