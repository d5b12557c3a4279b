package io.github.openaiboot.pool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link OpenAiClients} over a map of the clients of each name.
 *
 * @author openai-spring-boot
 */
public final class MapOpenAiClients implements OpenAiClients {

	private final Map<String, Map<Class<?>, Object>> clients;

	private final Map<String, List<String>> pools;

	/**
	 * Create a registry.
	 * @param clients the clients of each name, by type
	 */
	public MapOpenAiClients(Map<String, Map<Class<?>, Object>> clients) {
		this(clients, Map.of());
	}

	/**
	 * Create a registry that knows which names are pools, so that asking a pool for a
	 * client it cannot have (one of what belongs to one account) names its members.
	 * @param clients the clients of each name, by type
	 * @param pools the members of each pool
	 */
	public MapOpenAiClients(Map<String, Map<Class<?>, Object>> clients, Map<String, List<String>> pools) {
		Map<String, Map<Class<?>, Object>> copy = new LinkedHashMap<>();
		clients.forEach((name, byType) -> copy.put(name, Map.copyOf(byType)));
		this.clients = Collections.unmodifiableMap(copy);
		this.pools = Map.copyOf(pools);
	}

	@Override
	public <T> T client(String name, Class<T> type) {
		Map<Class<?>, Object> byType = this.clients.get(name);
		if (byType == null) {
			throw new IllegalArgumentException(
					"No OpenAI client or pool is named '" + name + "'; configured: " + this.clients.keySet());
		}
		Object client = byType.get(type);
		if (client instanceof Unavailable unavailable) {
			throw new IllegalArgumentException(unavailable.reason());
		}
		if (client == null) {
			throw new IllegalArgumentException("The OpenAI client '" + name + "' has no " + type.getSimpleName());
		}
		return type.cast(client);
	}

	@Override
	public Set<String> names() {
		return this.clients.keySet();
	}

	@Override
	public String toString() {
		return "OpenAiClients" + this.clients.keySet();
	}

	/**
	 * Stands, in a name's clients, for a client of a type that name cannot have, and
	 * says why: asking for it fails with the reason.
	 *
	 * @param reason why there is no such client
	 */
	public record Unavailable(String reason) {

	}

}
