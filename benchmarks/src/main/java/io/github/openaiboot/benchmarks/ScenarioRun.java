package io.github.openaiboot.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Everything a paired run of one scenario measured: each client's slices, in the order
 * they ran, so that the {@code i}-th slices of the two clients are a pair of adjacent
 * slices, each client's census after the scenario, and the one-second slices that began
 * each client's warm-up (not paired: the clients warm up one after the other).
 *
 * @param scenario the scenario
 * @param plainSlices the plain client's slices
 * @param starterSlices the starter's slices
 * @param plainCensus the plain client's census
 * @param starterCensus the starter's census
 * @param plainCold the first seconds of the plain client's warm-up, one slice a second
 * @param starterCold the first seconds of the starter's warm-up, one slice a second
 * @author openai-spring-boot
 */
record ScenarioRun(Scenario scenario, List<Slice> plainSlices, List<Slice> starterSlices, Census plainCensus,
		Census starterCensus, List<Slice> plainCold, List<Slice> starterCold) {

	ScenarioRun(Scenario scenario, List<Slice> plainSlices, List<Slice> starterSlices, Census plainCensus,
			Census starterCensus) {
		this(scenario, plainSlices, starterSlices, plainCensus, starterCensus, List.of(), List.of());
	}

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
