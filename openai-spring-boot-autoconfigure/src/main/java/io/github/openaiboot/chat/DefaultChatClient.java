package io.github.openaiboot.chat;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.error.ContentFilterException;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.core.OpenAiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;

/**
 * {@link ChatClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultChatClient implements ChatClient {

	private static final String PATH = "/chat/completions";

	private static final String CONTENT_FILTER = "content_filter";

	private final OpenAiTransport pipeline;

	private final ChatDefaults defaults;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultChatClient(OpenAiTransport pipeline, ChatDefaults defaults) {
		this.pipeline = pipeline;
		this.defaults = defaults;
	}

	@Override
	public Mono<ChatCompletion> complete(ChatRequest request) {
		ChatRequest completed = requestBody(request);
		return this.pipeline
			.exchange(OpenAiRequest.post(OpenAiOperation.CHAT, PATH, completed, ChatCompletion.class,
					completed.model()))
			.handle(DefaultChatClient::failFiltered);
	}

	/**
	 * An answer the content filter cut ({@code finish_reason: content_filter}) fails with
	 * a {@link ContentFilterException} naming the categories, rather than arriving as a
	 * truncated or empty answer.
	 */
	private static void failFiltered(ChatCompletion completion, SynchronousSink<ChatCompletion> sink) {
		for (ChatCompletion.Choice choice : completion.choices()) {
			if (CONTENT_FILTER.equals(choice.finishReason())) {
				sink.error(new ContentFilterException(200,
						new OpenAiError("The answer was filtered by the content filter (finish_reason: content_filter)",
								null, null, "content_filter"),
						null, ContentFilterException.filterResults(choice.contentFilterResults())));
				return;
			}
		}
		sink.next(completion);
	}

	/**
	 * Return a request as {@link #complete(ChatRequest)} sends it: defaults filled, not
	 * streamed. The Batch API sends the same bodies.
	 * @param request the request
	 * @return the request as sent
	 */
	public ChatRequest requestBody(ChatRequest request) {
		// at most one copy per call, defaults and stream flags together, none when neither
		// changes the request
		return (this.defaults.changes(request) || request.stream() != null || request.streamOptions() != null)
				? this.defaults.fill(request).stream(false, false).build() : request;
	}

	@Override
	public Flux<ChatCompletionChunk> stream(ChatRequest request) {
		ChatRequest completed = this.defaults.fill(request).stream(true, this.defaults.includeUsage()).build();
		return this.pipeline.stream(OpenAiRequest.post(OpenAiOperation.CHAT, PATH, completed,
				ChatCompletionChunk.class, completed.model()));
	}

	@Override
	public Mono<String> ask(String userMessage) {
		return complete(ChatRequest.builder().user(userMessage).build())
			.mapNotNull(ChatCompletion::content);
	}

}
