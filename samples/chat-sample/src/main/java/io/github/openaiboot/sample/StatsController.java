package io.github.openaiboot.sample;

import java.util.Map;

import io.github.openaiboot.observation.DefaultOpenAiObservationConvention;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Totals of tokens and dollars so far, read from the starter's Micrometer meters, for
 * the sample page's panel.
 *
 * @author openai-spring-boot
 */
@RestController
class StatsController {

	private final MeterRegistry registry;

	StatsController(MeterRegistry registry) {
		this.registry = registry;
	}

	@GetMapping("/api/stats")
	Map<String, Object> stats() {
		return Map.of("inputTokens", tokens("input"), "outputTokens", tokens("output"), "costUsd", cost(), "calls",
				calls());
	}

	private long tokens(String type) {
		return Math.round(this.registry.find(OpenAiMeterObservationHandler.TOKEN_USAGE)
			.tag("gen_ai.token.type", type)
			.summaries()
			.stream()
			.mapToDouble(DistributionSummary::totalAmount)
			.sum());
	}

	private double cost() {
		return this.registry.find(OpenAiMeterObservationHandler.COST).counters().stream().mapToDouble(Counter::count).sum();
	}

	private long calls() {
		return this.registry.find(DefaultOpenAiObservationConvention.NAME).timers().stream().mapToLong((timer) -> timer.count()).sum();
	}

}
