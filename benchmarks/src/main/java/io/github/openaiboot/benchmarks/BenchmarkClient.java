package io.github.openaiboot.benchmarks;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The three exchanges the benchmarks drive, each checked so that a wrong answer counts
 * as an error rather than as throughput.
 *
 * @author openai-spring-boot
 */
public interface BenchmarkClient {

	/**
	 * The conversation every chat call sends.
	 */
	ChatRequest CHAT_REQUEST = ChatRequest.builder()
		.model("gpt-4o-mini")
		.system("You are a concise assistant for Java developers. Answer in two sentences at most.")
		.user("Why do reactive HTTP clients scale better than blocking ones when most of the time is spent "
				+ "waiting for a language model to answer? Mention event loops and back-pressure.")
		.build();

	/**
	 * The text every embedding call sends.
	 */
	String EMBEDDING_INPUT = "Reactive clients keep threads free while the model thinks.";

	/**
	 * Complete a chat request.
	 * @return 1, once the answer is checked
	 */
	Mono<Integer> chat();

	/**
	 * Stream a chat answer.
	 * @return the number of chunks, once all are received and checked
	 */
	Mono<Integer> stream();

	/**
	 * Embed a text.
	 * @return 1, once the vector is checked
	 */
	Mono<Integer> embed();

	/**
	 * Check a completion.
	 * @param completion the completion
	 * @return 1
	 */
	static int check(ChatCompletion completion) {
		String content = completion.content();
		if (content == null || content.isEmpty() || completion.usage() == null) {
			throw new IllegalStateException("Unexpected completion " + completion);
		}
		return 1;
	}

	/**
	 * Count the chunks of a stream and check that they hold the whole answer and its
	 * usage.
	 * @param chunks the chunks
	 * @return the number of chunks
	 */
	static Mono<Integer> check(Flux<ChatCompletionChunk> chunks) {
		return chunks.reduce(new int[2], (state, chunk) -> {
			state[0]++;
			state[1] += chunk.content().length();
			if (chunk.usage() != null) {
				state[1] += 1_000_000;
			}
			return state;
		}).map((state) -> {
			if (state[0] != CannedResponses.CHUNKS_PER_STREAM || state[1] < 1_000_000 + 20) {
				throw new IllegalStateException(
						"Unexpected stream of " + state[0] + " chunks, " + (state[1] % 1_000_000) + " characters");
			}
			return state[0];
		});
	}

	/**
	 * Check an embedding.
	 * @param response the response
	 * @return 1
	 */
	static int check(EmbeddingResponse response) {
		if (response.data().size() != 1
				|| response.data().get(0).embedding().length != CannedResponses.DIMENSIONS) {
			throw new IllegalStateException("Unexpected embedding response " + response);
		}
		return 1;
	}

	/**
	 * Return the chat request a plain client sends to stream, the same as the starter
	 * sends.
	 * @return the request
	 */
	static ChatRequest streamingChatRequest() {
		ChatRequest r = CHAT_REQUEST;
		return new ChatRequest(r.model(), r.messages(), r.temperature(), r.topP(), r.n(), r.stop(),
				r.maxCompletionTokens(), r.presencePenalty(), r.frequencyPenalty(), r.logitBias(), r.logprobs(),
				r.topLogprobs(), r.seed(), r.user(), r.responseFormat(), r.tools(), r.toolChoice(),
				r.parallelToolCalls(), r.reasoningEffort(), r.serviceTier(), true, new ChatRequest.StreamOptions(true));
	}

}
