package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.openaiboot.pool.OpenAiPool;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration properties for the OpenAI clients: the root {@code openai.*} settings are
 * the client named {@code default}, {@code openai.clients.<name>.*} configure further
 * clients and {@code openai.pools.<name>.*} logical clients over several of them.
 *
 * @author openai-spring-boot
 */
@ConfigurationProperties("openai")
public class OpenAiProperties extends OpenAiClientProperties implements InitializingBean {

	/**
	 * Name of the client configured by the root openai.* properties.
	 */
	public static final String DEFAULT_CLIENT = "default";

	/**
	 * Further clients by name, each inheriting every root openai.* value it does not
	 * set (Azure OpenAI clients do not inherit the root API key, base URL, organization
	 * or project).
	 */
	private Map<String, OpenAiClientProperties> clients = new LinkedHashMap<>();

	/**
	 * Pools by name: logical clients that route each call to one of several named
	 * clients and fail over between them.
	 */
	private Map<String, Pool> pools = new LinkedHashMap<>();

	/**
	 * Name of a pool that backs the unqualified client beans instead of the root client.
	 */
	private @Nullable String defaultPool;

	/**
	 * Whether each HTTP attempt of an OpenAI call is also observed as Spring's
	 * http.client.requests (a child of gen_ai.client.operation in traces, and the
	 * observation that propagates trace headers). Off, each call is one
	 * gen_ai.client.operation observation that records its retried attempts itself;
	 * other WebClients of the application are not affected.
	 */
	private boolean httpClientObservations;

	/**
	 * Whether the clients' WebClients (and their connector's Reactor Netty resources),
	 * the JSON serializers and deserializers of chat and embeddings calls, and for https
	 * base URLs without an SSL bundle Reactor Netty's default TLS contexts, are built once
	 * the application is ready, in the background, rather than by the first calls. They
	 * are never built during start-up.
	 */
	private boolean warmUp = true;

	public Map<String, OpenAiClientProperties> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, OpenAiClientProperties> clients) {
		this.clients = clients;
	}

	public Map<String, Pool> getPools() {
		return this.pools;
	}

	public void setPools(Map<String, Pool> pools) {
		this.pools = pools;
	}

	public @Nullable String getDefaultPool() {
		return this.defaultPool;
	}

	public void setDefaultPool(@Nullable String defaultPool) {
		this.defaultPool = defaultPool;
	}

	public boolean isHttpClientObservations() {
		return this.httpClientObservations;
	}

	public void setHttpClientObservations(boolean httpClientObservations) {
		this.httpClientObservations = httpClientObservations;
	}

	public boolean isWarmUp() {
		return this.warmUp;
	}

	public void setWarmUp(boolean warmUp) {
		this.warmUp = warmUp;
	}

	@Override
	public void afterPropertiesSet() {
		validate("openai");
		validateNames(this.clients.keySet(), this.pools);
		if (this.defaultPool != null && !this.pools.containsKey(this.defaultPool)) {
			throw new InvalidConfigurationPropertyValueException("openai.default-pool", this.defaultPool,
					"Must name a pool under openai.pools; configured pools: " + this.pools.keySet() + ".");
		}
	}

	/**
	 * Check the names of the clients and the members of the pools.
	 * @param clientNames the names under {@code openai.clients}
	 * @param pools the pools under {@code openai.pools}
	 */
	static void validateNames(Set<String> clientNames, Map<String, Pool> pools) {
		if (clientNames.contains(DEFAULT_CLIENT)) {
			throw new InvalidConfigurationPropertyValueException("openai.clients." + DEFAULT_CLIENT, DEFAULT_CLIENT,
					"'default' is the name of the client the root openai.* properties configure; choose another.");
		}
		List<String> known = new ArrayList<>();
		known.add(DEFAULT_CLIENT);
		known.addAll(clientNames);
		for (Map.Entry<String, Pool> pool : pools.entrySet()) {
			String prefix = "openai.pools." + pool.getKey();
			if (known.contains(pool.getKey())) {
				throw new InvalidConfigurationPropertyValueException(prefix, pool.getKey(),
						"A pool must not have the name of a client; clients: " + known + ".");
			}
			List<String> members = pool.getValue().getMembers();
			if (members.isEmpty()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".members", members,
						"Must name at least one client; clients: " + known + ".");
			}
			Set<String> seen = new HashSet<>();
			for (int i = 0; i < members.size(); i++) {
				String member = members.get(i);
				if (!known.contains(member)) {
					throw new InvalidConfigurationPropertyValueException(prefix + ".members[" + i + "]", member,
							"Must name a client under openai.clients (or 'default'); clients: " + known + ".");
				}
				if (!seen.add(member)) {
					throw new InvalidConfigurationPropertyValueException(prefix + ".members[" + i + "]", member,
							"Names a client the pool already has.");
				}
			}
			Duration probeInterval = pool.getValue().getProbeInterval();
			if (probeInterval.isNegative() || probeInterval.isZero()) {
				throw new InvalidConfigurationPropertyValueException(prefix + ".probe-interval", probeInterval,
						"Must be positive.");
			}
		}
	}

	/**
	 * One logical client over several named clients.
	 */
	public static class Pool {

		/**
		 * Names of the clients the pool routes to ('default' is the root client).
		 */
		private List<String> members = new ArrayList<>();

		/**
		 * How a call chooses its member: the one with the most headroom, or the first
		 * usable one in the order listed (primary and fallbacks).
		 */
		private OpenAiPool.Strategy strategy = OpenAiPool.Strategy.HEADROOM;

		/**
		 * How often a member taken out of rotation (quota, key, account or permission
		 * failure) is probed to bring it back.
		 */
		private Duration probeInterval = Duration.ofSeconds(30);

		public List<String> getMembers() {
			return this.members;
		}

		public void setMembers(List<String> members) {
			this.members = members;
		}

		public OpenAiPool.Strategy getStrategy() {
			return this.strategy;
		}

		public void setStrategy(OpenAiPool.Strategy strategy) {
			this.strategy = strategy;
		}

		public Duration getProbeInterval() {
			return this.probeInterval;
		}

		public void setProbeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
		}

	}

}
