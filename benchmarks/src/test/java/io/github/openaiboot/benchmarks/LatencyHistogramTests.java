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

	@Test
	void histogramsAddUp() {
		LatencyHistogram fast = new LatencyHistogram();
		LatencyHistogram slow = new LatencyHistogram();
		for (int i = 0; i < 99; i++) {
			fast.recordNanos(1_000_000);
		}
		slow.recordNanos(50_000_000);
		fast.add(slow);
		assertThat(fast.count()).isEqualTo(100);
		assertThat(fast.percentileMicros(50)).isCloseTo(1_000, within(5L));
		assertThat(fast.percentileMicros(100)).isCloseTo(50_000, within(250L));
		assertThat(slow.count()).isOne();
	}

	@Test
	void histogramSurvivesTheTripThroughText() {
		LatencyHistogram histogram = new LatencyHistogram();
		histogram.recordNanos(734_000);
		histogram.recordNanos(734_000);
		histogram.recordNanos(12_345_678);
		LatencyHistogram decoded = LatencyHistogram.decode(histogram.encode());
		assertThat(decoded.encode()).isEqualTo(histogram.encode()).startsWith("734:2,");
		assertThat(decoded.count()).isEqualTo(3);
		assertThat(decoded.percentileMicros(99)).isEqualTo(histogram.percentileMicros(99));
		assertThat(LatencyHistogram.decode("").count()).isZero();
		assertThat(new LatencyHistogram().encode()).isEmpty();
	}

}
