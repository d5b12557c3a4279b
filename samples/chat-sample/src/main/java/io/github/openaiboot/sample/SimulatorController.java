package io.github.openaiboot.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lets the sample page make the in-process simulator fail the next chat call the way
 * OpenAI does, so that a person can see how each failure reaches the user. Answers
 * {@code 404} when the sample talks to the real API.
 *
 * @author openai-spring-boot
 */
@RestController
@RequestMapping("/api/simulator")
class SimulatorController {

	private static final Map<String, Supplier<SimulatedFault>> FAULTS = Map.of("insufficient-quota",
			SimulatedFault::insufficientQuota, "invalid-api-key", SimulatedFault::invalidApiKey, "rate-limited",
			() -> SimulatedFault.rateLimited().retryAfter(Duration.ofMinutes(2)));

	private final ObjectProvider<OpenAiSimulator> simulator;

	SimulatorController(ObjectProvider<OpenAiSimulator> simulator) {
		this.simulator = simulator;
	}

	@GetMapping
	SimulatorInfo info() {
		return new SimulatorInfo(simulator().baseUrl(), FAULTS.keySet().stream().sorted().toList());
	}

	@PostMapping("/faults/{name}")
	SimulatorInfo injectIntoNextChatCall(@PathVariable String name) {
		Supplier<SimulatedFault> fault = FAULTS.get(name);
		if (fault == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No simulated fault named '" + name + "'");
		}
		simulator().inject(fault.get()).on(Endpoint.CHAT).times(1);
		return info();
	}

	private OpenAiSimulator simulator() {
		OpenAiSimulator simulator = this.simulator.getIfAvailable();
		if (simulator == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND,
					"The sample talks to the real OpenAI API; faults exist only on the built-in simulator");
		}
		return simulator;
	}

	record SimulatorInfo(String baseUrl, List<String> faults) {
	}

}
