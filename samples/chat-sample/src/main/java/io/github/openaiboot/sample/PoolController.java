package io.github.openaiboot.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.openaiboot.autoconfigure.OpenAiNamedClient;
import io.github.openaiboot.pool.OpenAiClients;
import io.github.openaiboot.pool.OpenAiPool;
import io.github.openaiboot.pool.PoolMember;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pool of two simulated organisations the sample configures when it runs on the
 * simulator ({@code openai.pools.orgs.members: [org-a, org-b]}): ask through it, see where
 * each call went and which members are in rotation, and run one member out of credit to
 * watch the other take its traffic.
 *
 * @author openai-spring-boot
 */
@RestController
@RequestMapping("/api/pool")
class PoolController {

	static final String POOL = "orgs";

	static final List<String> MEMBERS = List.of("org-a", "org-b");

	private final OpenAiClients clients;

	private final BeanFactory beanFactory;

	PoolController(OpenAiClients clients, BeanFactory beanFactory) {
		this.clients = clients;
		this.beanFactory = beanFactory;
	}

	@GetMapping
	PoolState state() {
		OpenAiPool pool = pool();
		List<MemberState> members = new ArrayList<>();
		for (PoolMember member : pool.members()) {
			PoolMember.OutOfRotation out = member.outOfRotation();
			OpenAiSimulator simulator = simulator(member.name());
			members.add(new MemberState(member.name(), member.inRotation(), (out != null) ? out.kind().name() : null,
					(simulator != null) ? simulator.requestCount(Endpoint.CHAT) : null));
		}
		return new PoolState(pool.name(), members);
	}

	@PostMapping("/chat")
	Mono<Map<String, Object>> chat(@RequestBody ChatController.ChatInput input) {
		pool();
		String message = input.message();
		if (message == null || message.isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'message' must not be empty");
		}
		return this.clients.chat(POOL).ask(message).map((reply) -> {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("reply", reply);
			answer.put("pool", state());
			return answer;
		});
	}

	@PostMapping("/members/{name}/exhaust-quota")
	PoolState exhaustQuota(@PathVariable String name) {
		requireSimulator(name).exhaustQuota();
		return state();
	}

	@PostMapping("/members/{name}/restore-quota")
	PoolState restoreQuota(@PathVariable String name) {
		requireSimulator(name).restoreQuota();
		return state();
	}

	private OpenAiPool pool() {
		try {
			OpenAiPool pool = this.beanFactory.getBean("openAiClient." + POOL, OpenAiNamedClient.class).pool();
			if (pool != null) {
				return pool;
			}
		}
		catch (NoSuchBeanDefinitionException ex) {
			// not configured: answered below
		}
		throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No pool named '" + POOL
				+ "' is configured; the sample configures one when it runs on the built-in simulator");
	}

	private OpenAiSimulator simulator(String member) {
		String name = SimulatorEnvironmentPostProcessor.BEAN_NAME + "." + member;
		return this.beanFactory.containsBean(name) ? this.beanFactory.getBean(name, OpenAiSimulator.class) : null;
	}

	private OpenAiSimulator requireSimulator(String member) {
		OpenAiSimulator simulator = MEMBERS.contains(member) ? simulator(member) : null;
		if (simulator == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No simulated organisation named '" + member
					+ "'; simulated organisations: " + MEMBERS);
		}
		return simulator;
	}

	record PoolState(String name, List<MemberState> members) {
	}

	record MemberState(String name, boolean inRotation, String outOfRotation, Long chatRequests) {
	}

}
