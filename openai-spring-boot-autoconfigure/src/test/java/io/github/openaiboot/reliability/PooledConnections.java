package io.github.openaiboot.reliability;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;

import static org.awaitility.Awaitility.await;

/**
 * A Reactor Netty connection pool whose {@link ConnectionPoolMetrics} a test can read:
 * hand {@link #connectorBuilder()} to the context as a bean and the clients open their
 * connections from it.
 */
final class PooledConnections {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	private final ConnectionProvider provider;

	PooledConnections(String name) {
		this.provider = ConnectionProvider.builder(name)
			.maxConnections(64)
			.pendingAcquireTimeout(Duration.ofSeconds(10))
			.metrics(true, () -> new Registrar(this.pools))
			.build();
	}

	ClientHttpConnectorBuilder<?> connectorBuilder() {
		return ClientHttpConnectorBuilder.reactor().withHttpClientFactory(() -> HttpClient.create(this.provider));
	}

	/**
	 * Wait until no connection is acquired or waited for: every exchange, failed or
	 * cancelled, gave its connection back (or closed it).
	 * @return the pools' figures once settled
	 */
	String awaitSettled() {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> acquired() == 0 && pending() == 0);
		return describe();
	}

	int acquired() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::acquiredSize).sum();
	}

	int pending() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::pendingAcquireSize).sum();
	}

	int allocated() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::allocatedSize).sum();
	}

	int idle() {
		return this.pools.values().stream().mapToInt(ConnectionPoolMetrics::idleSize).sum();
	}

	boolean isObserved() {
		return !this.pools.isEmpty();
	}

	String describe() {
		return "acquired=" + acquired() + ", pending=" + pending() + ", allocated=" + allocated() + ", idle="
				+ idle();
	}

	void dispose() {
		this.provider.dispose();
	}

	private record Registrar(Map<String, ConnectionPoolMetrics> pools) implements ConnectionProvider.MeterRegistrar {

		@Override
		public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
				ConnectionPoolMetrics metrics) {
			this.pools.put(id + "@" + remoteAddress, metrics);
		}

	}

}
