package io.github.openaiboot.image;

import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI image generation.
 *
 * @author openai-spring-boot
 */
public interface ImageClient {

	/**
	 * Generate images from a prompt.
	 * @param request the request
	 * @return the images
	 */
	Mono<ImageResponse> generate(ImageRequest request);

}
