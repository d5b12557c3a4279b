package io.github.openaiboot.chat;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ChatClient} over the {@link OpenAiPipeline}.
 *
 * @author openai-spring-boot
 */
public final class DefaultChatClient implements ChatClient {

	private static final String PATH = "/chat/completions";

	private final OpenAiPipeline pipeline;

	private final ChatDefaults defaults;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultChatClient(OpenAiPipeline pipeline, ChatDefaults defaults) {
		this.pipeline = pipeline;
		this.defaults = defaults;
	}

	@Override
	public Mono<ChatCompletion> complete(ChatRequest request) {
		// at most one copy per call, defaults and stream flags together, none when neither
		// changes the request
		ChatRequest completed = (this.defaults.changes(request) || request.stream() != null
				|| request.streamOptions() != null) ? this.defaults.fill(request).stream(false, false).build()
						: request;
		return this.pipeline.exchange(
				OpenAiRequest.post(OpenAiOperation.CHAT, PATH, completed, ChatCompletion.class, completed.model()));
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
