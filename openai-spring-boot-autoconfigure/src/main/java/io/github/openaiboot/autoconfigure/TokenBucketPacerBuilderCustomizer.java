package io.github.openaiboot.autoconfigure;

import io.github.openaiboot.ratelimit.TokenBucketPacer;

/**
 * Callback to customize the auto-configured {@link TokenBucketPacer} before it is built,
 * for example to set the scheduler it waits on.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
public interface TokenBucketPacerBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder
	 */
	void customize(TokenBucketPacer.Builder builder);

}
