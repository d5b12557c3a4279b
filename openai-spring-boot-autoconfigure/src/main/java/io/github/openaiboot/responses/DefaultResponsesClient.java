package io.github.openaiboot.responses;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * {@link ResponsesClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultResponsesClient implements ResponsesClient {

	private static final String PATH = "/responses";

	private static final int PAGE_SIZE = 100;

	private final OpenAiTransport pipeline;

	private final ResponseDefaults defaults;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultResponsesClient(OpenAiTransport pipeline, ResponseDefaults defaults) {
		this.pipeline = pipeline;
		this.defaults = defaults;
	}

	@Override
	public Mono<Response> create(ResponseRequest request) {
		ResponseRequest completed = (this.defaults.changes(request) || request.stream() != null)
				? this.defaults.fill(request).stream(false).build() : request;
		return this.pipeline.exchange(
				OpenAiRequest.post(OpenAiOperation.RESPONSES, PATH, completed, Response.class, completed.model()));
	}

	@Override
	public Flux<ResponseStreamEvent> stream(ResponseRequest request) {
		ResponseRequest completed = this.defaults.fill(request).stream(true).build();
		return this.pipeline.stream(OpenAiRequest.post(OpenAiOperation.RESPONSES, PATH, completed,
				ResponseStreamEvent.class, completed.model()));
	}

	@Override
	public Mono<Response> retrieve(String id) {
		return Mono.defer(() -> this.pipeline
			.exchange(OpenAiRequest.get(OpenAiOperation.STORED_RESPONSES, path(id), Response.class)));
	}

	@Override
	public Mono<ResponseDeletion> delete(String id) {
		return Mono.defer(() -> this.pipeline.exchange(new OpenAiRequest<>(OpenAiOperation.STORED_RESPONSES,
				HttpMethod.DELETE, path(id), null, ResponseDeletion.class, null)));
	}

	@Override
	public Mono<Response> cancel(String id) {
		return Mono.defer(() -> this.pipeline.exchange(new OpenAiRequest<>(OpenAiOperation.STORED_RESPONSES,
				HttpMethod.POST, path(id) + "/cancel", null, Response.class, null)));
	}

	@Override
	public Flux<ResponseItem> inputItems(String id) {
		return Flux.defer(() -> page(path(id) + "/input_items?order=asc&limit=" + PAGE_SIZE, null));
	}

	private Flux<ResponseItem> page(String path, @Nullable String after) {
		String uri = (after != null) ? path + "&after=" + UriUtils.encodeQueryParam(after, StandardCharsets.UTF_8)
				: path;
		return this.pipeline.exchange(OpenAiRequest.get(OpenAiOperation.STORED_RESPONSES, uri, ItemPage.class))
			.flatMapMany((page) -> {
				Flux<ResponseItem> items = Flux.fromIterable(page.data());
				String last = page.lastId();
				// the next page is asked for only once this one's items are consumed
				return (page.hasMore() && last != null && !page.data().isEmpty())
						? items.concatWith(Flux.defer(() -> page(path, last))) : items;
			});
	}

	private static String path(String id) {
		if (id.isBlank()) {
			throw new IllegalArgumentException("'id' must not be blank");
		}
		return PATH + "/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
	}

	/**
	 * One page of a list of items.
	 */
	record ItemPage(List<ResponseItem> data, @Nullable String firstId, @Nullable String lastId, boolean hasMore) {

		ItemPage {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

}
