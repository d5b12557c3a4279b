package io.github.openaiboot.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How the ratio starter / plain spreads over the pairs of a paired run: each pair is two
 * adjacent slices, one of each client, so both saw nearly the same machine. The median
 * is what the benchmark judges by; the quartiles and the extremes show how far a single
 * pair can be trusted. Pairs whose ratio is not a finite number (a slice without a
 * single answer) are left out.
 *
 * @param pairs the number of pairs with a finite ratio
 * @param median the median ratio
 * @param lowerQuartile the 25th percentile of the ratios
 * @param upperQuartile the 75th percentile of the ratios
 * @param min the smallest ratio
 * @param max the largest ratio
 * @author openai-spring-boot
 */
record PairStatistics(int pairs, double median, double lowerQuartile, double upperQuartile, double min,
		double max) {

	/**
	 * Return the statistics of a metric over the pairs of slices: the ratio of the
	 * {@code i}-th starter slice to the {@code i}-th plain slice.
	 * @param plain the plain client's slices, in the order they ran
	 * @param starter the starter's slices, in the order they ran
	 * @param metric the metric of a slice, such as requests per second
	 * @return the statistics
	 */
	static PairStatistics of(List<Slice> plain, List<Slice> starter, ToDoubleFunction<Slice> metric) {
		return of(ratios(plain, starter, metric));
	}

	/**
	 * Return the ratio starter / plain of each pair of slices, one pair per index.
	 * @param plain the plain client's slices
	 * @param starter the starter's slices
	 * @param metric the metric of a slice
	 * @return the ratios, as many as the shorter list has slices
	 */
	static double[] ratios(List<Slice> plain, List<Slice> starter, ToDoubleFunction<Slice> metric) {
		double[] ratios = new double[Math.min(plain.size(), starter.size())];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = metric.applyAsDouble(starter.get(i)) / metric.applyAsDouble(plain.get(i));
		}
		return ratios;
	}

	/**
	 * Return the statistics of some ratios; quartiles interpolate linearly between the
	 * closest ranks.
	 * @param ratios the ratios, in any order
	 * @return the statistics, all {@code NaN} when no ratio is finite
	 */
	static PairStatistics of(double... ratios) {
		double[] sorted = Arrays.stream(ratios).filter(Double::isFinite).sorted().toArray();
		if (sorted.length == 0) {
			return new PairStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		return new PairStatistics(sorted.length, quantile(sorted, 0.5), quantile(sorted, 0.25),
				quantile(sorted, 0.75), sorted[0], sorted[sorted.length - 1]);
	}

	private static double quantile(double[] sorted, double quantile) {
		double position = quantile * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
	}

}
