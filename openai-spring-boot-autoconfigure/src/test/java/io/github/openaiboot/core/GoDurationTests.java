package io.github.openaiboot.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoDuration}.
 */
class GoDurationTests {

	@Test
	void parsesMilliseconds() {
		assertThat(GoDuration.parse("20ms")).isEqualTo(Duration.ofMillis(20));
		assertThat(GoDuration.parse("17ms")).isEqualTo(Duration.ofMillis(17));
	}

	@Test
	void parsesFractionalSeconds() {
		assertThat(GoDuration.parse("1.982s")).isEqualTo(Duration.ofMillis(1982));
	}

	@Test
	void parsesMinutesAndSecondsWithoutConfusingMinutesWithMilliseconds() {
		assertThat(GoDuration.parse("6m0s")).isEqualTo(Duration.ofMinutes(6));
	}

	@Test
	void parsesMinutesAndFractionalSeconds() {
		assertThat(GoDuration.parse("1m30.5s")).isEqualTo(Duration.ofSeconds(90, 500_000_000));
	}

	@Test
	void parsesHoursMinutesAndFractionalSeconds() {
		assertThat(GoDuration.parse("14h29m11.04s"))
			.isEqualTo(Duration.ofHours(14).plusMinutes(29).plusSeconds(11).plusMillis(40));
	}

	@Test
	void parsesZeroSeconds() {
		assertThat(GoDuration.parse("0s")).isEqualTo(Duration.ZERO);
	}

	@Test
	void parsesMicroseconds() {
		assertThat(GoDuration.parse("500us")).isEqualTo(Duration.ofNanos(500_000));
		assertThat(GoDuration.parse("500µs")).isEqualTo(Duration.ofNanos(500_000));
	}

	@Test
	void parsesNanoseconds() {
		assertThat(GoDuration.parse("100ns")).isEqualTo(Duration.ofNanos(100));
	}

	@Test
	void ignoresSurroundingWhitespace() {
		assertThat(GoDuration.parse(" 2s ")).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void returnsNullForTextThatIsNotADuration() {
		assertThat(GoDuration.parse(null)).isNull();
		assertThat(GoDuration.parse("")).isNull();
		assertThat(GoDuration.parse("soon")).isNull();
		assertThat(GoDuration.parse("12")).isNull();
		assertThat(GoDuration.parse("1.5 s")).isNull();
		assertThat(GoDuration.parse("3d")).isNull();
		assertThat(GoDuration.parse("1s garbage")).isNull();
	}

	@Test
	void durationTooLongForADurationIsNotADuration() {
		assertThat(GoDuration.parse("99999999999999999999h")).isNull();
		assertThat(GoDuration.parse("9999999999h")).isNull();
	}

}
