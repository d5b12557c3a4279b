package io.github.openaiboot.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.github.openaiboot.observation.DefaultOpenAiObservationConvention;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Totals of tokens and dollars so far, and the rate-limit headroom OpenAI last reported,
 * read from the starter's Micrometer meters, for the sample page's panel.
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
		Map<String, Object> stats = new LinkedHashMap<>();
		stats.put("inputTokens", tokens("input"));
		stats.put("outputTokens", tokens("output"));
		stats.put("costUsd", cost());
		stats.put("calls", calls());
		stats.put("rateLimit", Map.of("requests", headroom("requests"), "tokens", headroom("tokens")));
		return stats;
	}

	// Empty until OpenAI has answered once: the gauges read NaN before any x-ratelimit-* header
	private Map<String, Long> headroom(String limit) {
		Map<String, Long> headroom = new LinkedHashMap<>();
		gauge("openai.ratelimit.remaining", limit).ifPresent((value) -> headroom.put("remaining", value));
		gauge("openai.ratelimit.limit", limit).ifPresent((value) -> headroom.put("limit", value));
		return headroom;
	}

	private Optional<Long> gauge(String name, String limit) {
		Gauge gauge = this.registry.find(name).tag("limit", limit).tag("openai.client", "default").gauge();
		return Optional.ofNullable(gauge).map(Gauge::value).filter(Double::isFinite).map(Math::round);
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
