package io.github.openaiboot.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Values that are the same on every call for a key, such as meters and key values, kept
 * so that they are made once rather than per call. Bounded, so that an unexpected number
 * of keys (a new model name on every request, say) cannot grow it without end: past the
 * bound, values are made on each call and not kept. Lookups allocate nothing, which is
 * why this is not {@code computeIfAbsent} with a capturing lambda.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @author openai-spring-boot
 */
final class BoundedCache<K, V> {

	private static final int MAX_SIZE = 1000;

	private final Map<K, V> values = new ConcurrentHashMap<>();

	/**
	 * Return the value kept for a key.
	 * @param key the key
	 * @return the value, or {@code null} when none is kept
	 */
	@Nullable V get(K key) {
		return this.values.get(key);
	}

	/**
	 * Keep a value for a key, unless the cache is full.
	 * @param key the key
	 * @param value the value
	 * @return the value
	 */
	V keep(K key, V value) {
		if (this.values.size() < MAX_SIZE) {
			this.values.put(key, value);
		}
		return value;
	}

}
