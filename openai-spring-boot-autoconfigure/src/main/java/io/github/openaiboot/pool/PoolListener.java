package io.github.openaiboot.pool;

import io.github.openaiboot.error.OpenAiErrorKind;

/**
 * Told when a pool moves a call from one member to another, such as to count failovers.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
public interface PoolListener {

	/**
	 * A listener that does nothing.
	 */
	PoolListener NONE = (pool, from, kind) -> {
	};

	/**
	 * Called when an attempt on a member failed in a way that sends the call on to
	 * another member.
	 * @param pool the name of the pool
	 * @param from the name of the member that failed
	 * @param kind the kind of its failure
	 */
	void onFailover(String pool, String from, OpenAiErrorKind kind);

}
