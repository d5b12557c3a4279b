package io.github.openaiboot.moderation;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import reactor.core.publisher.Mono;

/**
 * {@link ModerationClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultModerationClient implements ModerationClient {

	private final OpenAiTransport pipeline;

	private final String defaultModel;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaultModel the model of requests that name none
	 */
	public DefaultModerationClient(OpenAiTransport pipeline, String defaultModel) {
		this.pipeline = pipeline;
		this.defaultModel = defaultModel;
	}

	@Override
	public Mono<ModerationResponse> moderate(ModerationRequest request) {
		ModerationRequest completed = (request.model() != null) ? request : request.withModel(this.defaultModel);
		return this.pipeline.exchange(OpenAiRequest.post(OpenAiOperation.MODERATION, "/moderations", completed,
				ModerationResponse.class, completed.model()));
	}

}
