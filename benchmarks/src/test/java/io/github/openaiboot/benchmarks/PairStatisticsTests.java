package io.github.openaiboot.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link PairStatistics}.
 *
 * @author openai-spring-boot
 */
class PairStatisticsTests {

	@Test
	void medianOfAnOddNumberOfRatiosIsTheMiddleOne() {
		PairStatistics statistics = PairStatistics.of(1.3, 0.7, 0.9);
		assertThat(statistics.pairs()).isEqualTo(3);
		assertThat(statistics.median()).isEqualTo(0.9);
		assertThat(statistics.min()).isEqualTo(0.7);
		assertThat(statistics.max()).isEqualTo(1.3);
	}

	@Test
	void medianAndQuartilesOfAnEvenNumberOfRatiosInterpolate() {
		PairStatistics statistics = PairStatistics.of(1.2, 0.8, 1.0, 0.9);
		assertThat(statistics.pairs()).isEqualTo(4);
		assertThat(statistics.median()).isCloseTo(0.95, within(1e-9));
		assertThat(statistics.lowerQuartile()).isCloseTo(0.875, within(1e-9));
		assertThat(statistics.upperQuartile()).isCloseTo(1.05, within(1e-9));
		assertThat(statistics.min()).isEqualTo(0.8);
		assertThat(statistics.max()).isEqualTo(1.2);
	}

	@Test
	void oneOutlierMovesTheMedianLessThanThePooledRatio() {
		// Four quiet pairs at 0.9 and one where the machine was three times as fast
		double[] plain = { 1000, 1000, 1000, 1000, 3000 };
		double[] starter = { 900, 900, 900, 900, 3300 };
		double[] ratios = new double[plain.length];
		for (int i = 0; i < plain.length; i++) {
			ratios[i] = starter[i] / plain[i];
		}
		PairStatistics statistics = PairStatistics.of(ratios);
		assertThat(statistics.median()).isCloseTo(0.9, within(1e-9));
		assertThat(statistics.max()).isCloseTo(1.1, within(1e-9));
		assertThat(sum(starter) / sum(plain)).isCloseTo(0.986, within(1e-3));
	}

	@Test
	void ratiosThatAreNotFiniteAreLeftOut() {
		PairStatistics statistics = PairStatistics.of(1.0, Double.NaN, Double.POSITIVE_INFINITY, 2.0);
		assertThat(statistics.pairs()).isEqualTo(2);
		assertThat(statistics.median()).isEqualTo(1.5);
	}

	@Test
	void noRatiosGiveNoStatistics() {
		PairStatistics statistics = PairStatistics.of();
		assertThat(statistics.pairs()).isZero();
		assertThat(statistics.median()).isNaN();
	}

	@Test
	void pairsAreTheSlicesOfTheSameIndex() {
		List<Slice> plain = List.of(slice(ClientMode.PLAIN, 100), slice(ClientMode.PLAIN, 200));
		List<Slice> starter = List.of(slice(ClientMode.STARTER, 90), slice(ClientMode.STARTER, 220));
		assertThat(PairStatistics.ratios(plain, starter, Slice::unitsPerSecond)).containsExactly(0.9, 1.1);
		PairStatistics statistics = PairStatistics.of(plain, starter, Slice::unitsPerSecond);
		assertThat(statistics.median()).isCloseTo(1.0, within(1e-9));
		assertThat(statistics.pairs()).isEqualTo(2);
	}

	private static double sum(double[] values) {
		double sum = 0;
		for (double value : values) {
			sum += value;
		}
		return sum;
	}

	private static Slice slice(ClientMode mode, long requests) {
		return new Slice(Scenario.CHAT, mode, requests, requests, 0, 1_000_000_000L, requests * 100_000,
				new LatencyHistogram(), "");
	}

}
