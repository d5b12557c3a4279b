package io.github.openaiboot.ratelimit;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BurstWindow}.
 */
class BurstWindowTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	@Test
	void aRateLimitWhileTheHeadersShowMostOfTheMinuteLeftNarrowsTheWindowToASecondAtOnce() {
		BurstWindow window = new BurstWindow(null);
		// OpenAI's headers: 590 of 600 left, one request back in 100 ms: a whole minute's burst
		window.learn(600, 590, Duration.ofMillis(100));
		assertThat(window.nanos()).isGreaterThan(50 * SECOND);
		assertThat(window.shrink(0)).isTrue();
		assertThat(window.nanos()).isEqualTo(SECOND);
		assertThat(window.capacity(600)).isEqualTo(10);
		// and the headers cannot widen it again
		window.learn(600, 595, Duration.ofMillis(50));
		assertThat(window.nanos()).isEqualTo(SECOND);
	}

	@Test
	void aRateLimitWithTheMinutesBudgetSpentHalvesTheWindowAtMostOnceASecond() {
		BurstWindow window = new BurstWindow(null);
		window.learn(600, 4, Duration.ofSeconds(20));
		long learned = window.nanos();
		assertThat(learned).isBetween(20 * SECOND, 21 * SECOND);
		assertThat(window.shrink(0)).isTrue();
		assertThat(window.nanos()).isEqualTo(learned / 2);
		assertThat(window.shrink(SECOND / 2)).isFalse();
		assertThat(window.shrink(SECOND)).isTrue();
		assertThat(window.nanos()).isEqualTo(learned / 4);
	}

	@Test
	void aConfiguredWindowNeverMoves() {
		BurstWindow window = new BurstWindow(Duration.ofSeconds(10));
		window.learn(600, 590, Duration.ofMillis(100));
		assertThat(window.shrink(0)).isFalse();
		assertThat(window.nanos()).isEqualTo(10 * SECOND);
	}

}
