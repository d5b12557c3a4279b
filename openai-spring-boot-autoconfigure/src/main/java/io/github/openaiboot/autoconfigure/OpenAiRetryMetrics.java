package io.github.openaiboot.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Counts retries of OpenAI calls in the {@code openai.client.retries} counter, tagged
 * with {@code error.type} (the error kind, lower case) and {@code openai.client}.
 *
 * @author openai-spring-boot
 */
public final class OpenAiRetryMetrics implements OpenAiRetryListener {

	/**
	 * Name of the counter.
	 */
	public static final String METER_NAME = "openai.client.retries";

	private final Supplier<? extends @Nullable MeterRegistry> registry;

	private final String client;

	/**
	 * Create a listener that counts in the given registry.
	 * @param registry the registry
	 * @param client the value of the {@code openai.client} tag
	 */
	public OpenAiRetryMetrics(MeterRegistry registry, String client) {
		this(() -> registry, client);
	}

	/**
	 * Create a listener that counts in the registry the supplier returns, looked up at
	 * each retry, so that it may be created after this listener; nothing is counted while
	 * it returns {@code null}.
	 * @param registry the supplier of the registry
	 * @param client the value of the {@code openai.client} tag
	 */
	OpenAiRetryMetrics(Supplier<? extends @Nullable MeterRegistry> registry, String client) {
		this.registry = registry;
		this.client = client;
	}

	@Override
	public void onRetry(OpenAiRequest<?> request, OpenAiException exception, int attempt, Duration delay) {
		MeterRegistry registry = this.registry.get();
		if (registry == null) {
			return;
		}
		Counter.builder(METER_NAME)
			.description("Retries of OpenAI calls")
			.tag("error.type", exception.kind().name())
			.tag("openai.client", this.client)
			.register(registry)
			.increment();
	}

}
