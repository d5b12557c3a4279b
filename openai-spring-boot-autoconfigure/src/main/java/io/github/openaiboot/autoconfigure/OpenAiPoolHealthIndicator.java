package io.github.openaiboot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.openaiboot.pool.OpenAiPool;
import io.github.openaiboot.pool.PoolMember;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of a pool: {@code UP} while at least one member is in rotation and up, with
 * each member's status and rotation state in the details.
 *
 * @author openai-spring-boot
 */
final class OpenAiPoolHealthIndicator extends AbstractReactiveHealthIndicator {

	private final OpenAiPool pool;

	private final Map<String, ReactiveHealthIndicator> members;

	OpenAiPoolHealthIndicator(OpenAiPool pool, Map<String, ReactiveHealthIndicator> members) {
		super("OpenAI pool health check failed");
		this.pool = pool;
		this.members = Map.copyOf(members);
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		List<PoolMember> members = this.pool.members();
		return Flux.fromIterable(members)
			.concatMap((member) -> memberHealth(member).map((health) -> Map.entry(member, health)))
			.collectList()
			.map((results) -> {
				Map<String, Object> details = new LinkedHashMap<>();
				boolean usable = false;
				for (Map.Entry<PoolMember, Health> result : results) {
					PoolMember member = result.getKey();
					Health health = result.getValue();
					Map<String, Object> memberDetails = new LinkedHashMap<>();
					memberDetails.put("status", health.getStatus().getCode());
					memberDetails.put("inRotation", member.inRotation());
					PoolMember.OutOfRotation out = member.outOfRotation();
					if (out != null) {
						memberDetails.put("kind", out.kind().name());
						if (out.requestId() != null) {
							memberDetails.put("requestId", out.requestId());
						}
						memberDetails.put("since", out.since().toString());
					}
					else if (health.getDetails().get("kind") != null) {
						memberDetails.put("kind", health.getDetails().get("kind"));
					}
					details.put(member.name(), memberDetails);
					usable |= member.inRotation() && Status.UP.equals(health.getStatus());
				}
				return (usable ? builder.up() : builder.down()).withDetail("members", details).build();
			});
	}

	private Mono<Health> memberHealth(PoolMember member) {
		ReactiveHealthIndicator indicator = this.members.get(member.name());
		if (indicator == null) {
			return Mono.just(Health.unknown().build());
		}
		return indicator.health(true).defaultIfEmpty(Health.unknown().build());
	}

}
