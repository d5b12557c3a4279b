package io.github.openaiboot.image;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.OpenAiRequest;
import reactor.core.publisher.Mono;

/**
 * {@link ImageClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultImageClient implements ImageClient {

	private final OpenAiTransport pipeline;

	private final ImageDefaults defaults;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultImageClient(OpenAiTransport pipeline, ImageDefaults defaults) {
		this.pipeline = pipeline;
		this.defaults = defaults;
	}

	@Override
	public Mono<ImageResponse> generate(ImageRequest request) {
		ImageRequest completed = this.defaults.applyTo(request);
		return this.pipeline.exchange(OpenAiRequest.post(OpenAiOperation.IMAGE_GENERATION, "/images/generations",
				completed, ImageResponse.class, completed.model()));
	}

}
