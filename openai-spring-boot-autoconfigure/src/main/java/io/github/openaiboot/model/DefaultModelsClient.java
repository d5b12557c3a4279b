package io.github.openaiboot.model;

import java.util.List;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.OpenAiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.util.UriUtils;

/**
 * {@link ModelsClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultModelsClient implements ModelsClient {

	private final OpenAiTransport pipeline;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 */
	public DefaultModelsClient(OpenAiTransport pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public Flux<ModelInfo> list() {
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.MODELS, "/models", ModelList.class))
			.flatMapIterable(ModelList::data);
	}

	@Override
	public Mono<ModelInfo> retrieve(String id) {
		if (id.isBlank()) {
			return Mono.error(new IllegalArgumentException("'id' must not be blank"));
		}
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.MODELS,
				"/models/" + UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8),
				ModelInfo.class));
	}

	record ModelList(List<ModelInfo> data) {

		ModelList {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

}
