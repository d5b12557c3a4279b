package io.github.openaiboot.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Everything a paired run of one scenario measured: each client's slices, in the order
 * they ran, so that the {@code i}-th slices of the two clients are a pair of adjacent
 * slices, and each client's census after the scenario.
 *
 * @param scenario the scenario
 * @param plainSlices the plain client's slices
 * @param starterSlices the starter's slices
 * @param plainCensus the plain client's census
 * @param starterCensus the starter's census
 * @author openai-spring-boot
 */
record ScenarioRun(Scenario scenario, List<Slice> plainSlices, List<Slice> starterSlices, Census plainCensus,
		Census starterCensus) {

	ScenarioResult plain() {
		return ScenarioResult.pool(this.scenario, this.plainSlices, this.plainCensus);
	}

	ScenarioResult starter() {
		return ScenarioResult.pool(this.scenario, this.starterSlices, this.starterCensus);
	}

	/**
	 * Return how the ratio starter / plain of a metric spreads over the pairs.
	 * @param metric the metric of a slice
	 * @return the statistics
	 */
	PairStatistics pairs(ToDoubleFunction<Slice> metric) {
		return PairStatistics.of(this.plainSlices, this.starterSlices, metric);
	}

}
