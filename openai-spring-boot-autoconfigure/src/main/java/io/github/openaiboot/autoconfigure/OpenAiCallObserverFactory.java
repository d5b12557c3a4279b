package io.github.openaiboot.autoconfigure;

import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.usage.PricingTable;

/**
 * Makes the observation stage of one named client or pool, made by the observation
 * auto-configuration when observations are on.
 *
 * @author openai-spring-boot
 */
@FunctionalInterface
interface OpenAiCallObserverFactory {

	/**
	 * Create the observer of a client.
	 * @param client the client name, the value of the {@code openai.client} key
	 * @param pricingTable the client's prices
	 * @return the observer
	 */
	OpenAiCallObserver create(String client, PricingTable pricingTable);

}
