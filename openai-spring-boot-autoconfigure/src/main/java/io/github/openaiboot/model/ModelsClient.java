package io.github.openaiboot.model;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive client for the models available to the organization. Listing costs no
 * tokens, which makes it the natural health probe.
 *
 * @author openai-spring-boot
 */
public interface ModelsClient {

	/**
	 * List the models.
	 * @return the models
	 */
	Flux<ModelInfo> list();

	/**
	 * Retrieve one model.
	 * @param id the model's id
	 * @return the model; fails with an {@code InvalidRequestException} of kind
	 * {@code MODEL_NOT_FOUND} when it does not exist
	 */
	Mono<ModelInfo> retrieve(String id);

}
