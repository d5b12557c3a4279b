package io.github.openaiboot.core;

import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Decides the OpenAI account of each call from its Reactor {@link ContextView}, for
 * software that serves many customers with a key each: for example a tenant id that a
 * WebFlux filter put in the context, looked up in the application's own store.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
public interface OpenAiAccountResolver {

	/**
	 * Resolve the account of a call.
	 * @param context the Reactor context the call was subscribed with
	 * @return the account, or empty for the client's own configured account
	 */
	Mono<OpenAiAccount> resolve(ContextView context);

}
