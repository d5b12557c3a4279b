package io.github.openaiboot.embedding;

import java.util.ArrayList;
import java.util.List;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.usage.Usage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * {@link EmbeddingClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultEmbeddingClient implements EmbeddingClient {

	/**
	 * Calls {@link #embedAll(Flux, EmbedAllOptions)} keeps in flight unless told
	 * otherwise.
	 */
	public static final int DEFAULT_CONCURRENCY = 4;

	/**
	 * The most tokens OpenAI accepts in one embeddings call, summed over its inputs.
	 */
	public static final int DEFAULT_MAX_TOKENS_PER_CALL = 300_000;

	private static final String PATH = "/embeddings";

	private final OpenAiTransport pipeline;

	private final EmbeddingDefaults defaults;

	private final int concurrency;

	private final int maxTokensPerCall;

	/**
	 * Create a client that keeps {@value #DEFAULT_CONCURRENCY} calls in flight and
	 * sends at most {@value #DEFAULT_MAX_TOKENS_PER_CALL} tokens per call.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultEmbeddingClient(OpenAiTransport pipeline, EmbeddingDefaults defaults) {
		this(pipeline, defaults, DEFAULT_CONCURRENCY, DEFAULT_MAX_TOKENS_PER_CALL);
	}

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 * @param concurrency how many calls a request of several batches keeps in flight
	 * @param maxTokensPerCall the most tokens one call may carry
	 * @since 0.2.0
	 */
	public DefaultEmbeddingClient(OpenAiTransport pipeline, EmbeddingDefaults defaults, int concurrency,
			int maxTokensPerCall) {
		if (concurrency <= 0) {
			throw new IllegalArgumentException("'concurrency' must be positive but was " + concurrency);
		}
		if (maxTokensPerCall <= 0) {
			throw new IllegalArgumentException("'maxTokensPerCall' must be positive but was " + maxTokensPerCall);
		}
		this.pipeline = pipeline;
		this.defaults = defaults;
		this.concurrency = concurrency;
		this.maxTokensPerCall = maxTokensPerCall;
	}

	@Override
	public Mono<EmbeddingResponse> embed(EmbeddingRequest request) {
		EmbeddingRequest completed = this.defaults.applyTo(request);
		List<String> input = completed.input();
		if (fitsOneCall(input)) {
			return call(completed).map(DefaultEmbeddingClient::sorted);
		}
		return batches(Flux.fromIterable(input), completed, this.concurrency, this.maxTokensPerCall)
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

	/**
	 * Whether the texts fit in one call, counting their UTF-8 bytes only when three
	 * bytes per char (the most a char takes) could exceed the limit.
	 */
	private boolean fitsOneCall(List<String> input) {
		if (input.size() > EmbeddingRequest.MAX_INPUTS_PER_CALL) {
			return false;
		}
		if (input.size() == 1) {
			return true;
		}
		long chars = 0;
		for (String text : input) {
			chars += text.length();
		}
		return chars * 3 <= this.maxTokensPerCall || TextBatcher.utf8Length(input) <= this.maxTokensPerCall;
	}

	@Override
	public Mono<float[]> embed(String text) {
		return embed(EmbeddingRequest.of(text)).map((response) -> response.data().get(0).embedding());
	}

	@Override
	public Flux<Embedding> embedAll(Flux<String> texts, EmbedAllOptions options) {
		EmbeddingRequest template = this.defaults.applyTo(new EmbeddingRequest(options.model(), List.of(""),
				options.dimensions(), options.encodingFormat(), options.user()));
		int concurrency = (options.concurrency() != null) ? options.concurrency() : this.concurrency;
		int maxTokens = (options.maxTokensPerCall() != null) ? options.maxTokensPerCall() : this.maxTokensPerCall;
		return batches(texts, template, concurrency, maxTokens)
			.concatMapIterable(EmbeddingResponse::data);
	}

	/**
	 * Send the texts in calls of at most {@value EmbeddingRequest#MAX_INPUTS_PER_CALL}
	 * texts and {@code maxTokens} tokens, {@code concurrency} at a time, and return
	 * each call's response in input order, its indexes counted from the first text.
	 */
	private Flux<EmbeddingResponse> batches(Flux<String> texts, EmbeddingRequest template, int concurrency,
			int maxTokens) {
		return Flux.defer(() -> {
			TextBatcher batcher = new TextBatcher(EmbeddingRequest.MAX_INPUTS_PER_CALL, maxTokens);
			return texts.map(batcher::accept)
				.bufferUntil(TextBatcher.Text::startsBatch, true)
				.map(batcher::batch)
				.flatMapSequential((batch) -> callPatiently(template.withInput(batch.texts()))
					.map((response) -> offset(sorted(response), batch.firstIndex())), concurrency, 1);
		});
	}

	/**
	 * Call, and when the pacer refuses the call because its wait for this minute's
	 * tokens or requests would be too long, wait that long and ask again: several calls
	 * of a bulk request queue behind each other by design. A daily limit, or any other
	 * failure, ends the call.
	 */
	private Mono<EmbeddingResponse> callPatiently(EmbeddingRequest request) {
		return call(request).retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (failure instanceof RateLimitException refusal && refusal.isLocal()
					&& refusal.dimension().map((dimension) -> !dimension.isDaily()).orElse(false)
					&& refusal.retryAfter().isPresent()) {
				return Mono.delay(refusal.retryAfter().get());
			}
			return Mono.error(failure);
		})));
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
		if (offset == 0) {
			return response;
		}
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
