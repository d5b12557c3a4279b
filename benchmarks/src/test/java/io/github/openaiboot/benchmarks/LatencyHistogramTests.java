package io.github.openaiboot.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link LatencyHistogram}.
 *
 * @author openai-spring-boot
 */
class LatencyHistogramTests {

	@Test
	void percentilesAreWithinHalfAPercentOfTheRecordedLatencies() {
		LatencyHistogram histogram = new LatencyHistogram();
		for (long millis = 1; millis <= 100; millis++) {
			histogram.recordNanos(millis * 1_000_000);
		}
		assertThat(histogram.count()).isEqualTo(100);
		assertThat(histogram.percentileMicros(50)).isCloseTo(50_000, within(250L));
		assertThat(histogram.percentileMicros(99)).isCloseTo(99_000, within(500L));
	}

	@Test
	void subMillisecondLatenciesAreExact() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.recordNanos(734_000);
		assertThat(histogram.percentileMicros(50)).isEqualTo(734);
	}

}
