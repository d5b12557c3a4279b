package io.github.openaiboot.embedding;

import java.util.ArrayList;
import java.util.List;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.usage.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link EmbeddingClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultEmbeddingClient implements EmbeddingClient {

	private static final String PATH = "/embeddings";

	private final OpenAiTransport pipeline;

	private final EmbeddingDefaults defaults;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultEmbeddingClient(OpenAiTransport pipeline, EmbeddingDefaults defaults) {
		this.pipeline = pipeline;
		this.defaults = defaults;
	}

	@Override
	public Mono<EmbeddingResponse> embed(EmbeddingRequest request) {
		EmbeddingRequest completed = this.defaults.applyTo(request);
		List<String> input = completed.input();
		if (input.size() <= EmbeddingRequest.MAX_INPUTS_PER_CALL) {
			return call(completed).map(DefaultEmbeddingClient::sorted);
		}
		List<EmbeddingRequest> batches = new ArrayList<>();
		for (int from = 0; from < input.size(); from += EmbeddingRequest.MAX_INPUTS_PER_CALL) {
			int to = Math.min(from + EmbeddingRequest.MAX_INPUTS_PER_CALL, input.size());
			batches.add(completed.withInput(input.subList(from, to)));
		}
		// One batch at a time: batches share the organization's tokens-per-minute budget.
		return Flux.fromIterable(batches)
			.index()
			.concatMap((batch) -> call(batch.getT2())
				.map((response) -> offset(sorted(response), (int) (batch.getT1() * EmbeddingRequest.MAX_INPUTS_PER_CALL))))
			.reduce(DefaultEmbeddingClient::merge);
	}

	/**
	 * Return a request as {@link #embed(EmbeddingRequest)} sends it, defaults filled. The
	 * Batch API sends the same bodies.
	 * @param request the request
	 * @return the request as sent, before any split into calls of at most
	 * {@link EmbeddingRequest#MAX_INPUTS_PER_CALL} inputs
	 */
	public EmbeddingRequest requestBody(EmbeddingRequest request) {
		return this.defaults.applyTo(request);
	}

	@Override
	public Mono<float[]> embed(String text) {
		return embed(EmbeddingRequest.of(text)).map((response) -> response.data().get(0).embedding());
	}

	private Mono<EmbeddingResponse> call(EmbeddingRequest request) {
		return this.pipeline.exchange(OpenAiRequest.post(OpenAiOperation.EMBEDDINGS, PATH, request,
				EmbeddingResponse.class, request.model()));
	}

	private static EmbeddingResponse sorted(EmbeddingResponse response) {
		List<Embedding> data = new ArrayList<>(response.data());
		data.sort((left, right) -> Integer.compare(left.index(), right.index()));
		return new EmbeddingResponse(response.model(), data, response.usage());
	}

	private static EmbeddingResponse offset(EmbeddingResponse response, int offset) {
		List<Embedding> data = response.data()
			.stream()
			.map((embedding) -> new Embedding(embedding.index() + offset, embedding.embedding()))
			.toList();
		return new EmbeddingResponse(response.model(), data, response.usage());
	}

	private static EmbeddingResponse merge(EmbeddingResponse left, EmbeddingResponse right) {
		List<Embedding> data = new ArrayList<>(left.data());
		data.addAll(right.data());
		Usage usage = (left.usage() == null) ? right.usage()
				: (right.usage() == null) ? left.usage() : left.usage().plus(right.usage());
		return new EmbeddingResponse(left.model(), data, usage);
	}

}
