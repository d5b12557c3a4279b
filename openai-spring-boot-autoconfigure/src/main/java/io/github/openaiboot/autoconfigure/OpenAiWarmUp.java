package io.github.openaiboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.embedding.EncodingFormat;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.ratelimit.TokenEstimator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the application is ready, off the main thread, builds what the first calls would
 * otherwise build: the WebClient of each OpenAI client (whose connector starts Reactor
 * Netty's event loops, buffer allocator and resolver), which the clients leave out of
 * start-up, the OpenAI JSON mapper's serializers and deserializers of the requests and
 * responses of chat and embeddings calls (introspecting those records is most of a first
 * call's time of its own), for clients that connect over TLS with Reactor Netty's defaults
 * (no SSL bundle), its default client SSL contexts and a first handshake message written
 * into memory ({@link ReactorNettyTls}: over HTTPS, most of a first call's time), and,
 * when the first calls will count tokens, the chat model's tokenizer. After readiness
 * rather than during start-up, so that start-up is not made longer on a machine with few
 * cores. {@code openai.warm-up=false} switches it off: each client's first call then
 * does it.
 * <p>
 * It does not run calls through a pipeline answering in memory: such calls cut the
 * clients' throughput under load to a third, their in-memory responses and buffers
 * leaving the JIT compiler's profiles of the shared call path with types real calls
 * never bring.
 *
 * @author openai-spring-boot
 */
final class OpenAiWarmUp implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(OpenAiWarmUp.class);

	static final String CHAT_COMPLETION = """
			{"id":"chatcmpl-0","object":"chat.completion","created":0,"model":"gpt-4o-mini",
			 "choices":[{"index":0,"message":{"role":"assistant","content":"","refusal":null,"annotations":[]},
			  "logprobs":null,"finish_reason":"stop"}],
			 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,
			  "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
			  "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}},
			 "service_tier":"default","system_fingerprint":"fp_0"}""";

	static final String CHAT_CHUNK = """
			{"id":"chatcmpl-0","object":"chat.completion.chunk","created":0,"model":"gpt-4o-mini",
			 "choices":[{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}],
			 "usage":null}""";

	static final String EMBEDDINGS = """
			{"object":"list","data":[{"object":"embedding","index":0,"embedding":"AACAPwAAAEA="},
			 {"object":"embedding","index":1,"embedding":[1.0,2.0]}],
			 "model":"text-embedding-3-small","usage":{"prompt_tokens":1,"total_tokens":1}}""";

	private final Executor executor;

	private final Supplier<Stream<OpenAiPipeline>> pipelines;

	private final Runnable tls;

	private final Runnable tokenizer;

	/**
	 * Create a warm-up that runs on a thread of its own, which ends with it, as Spring
	 * Boot's background pre-initialization does: on one of Reactor's schedulers it would
	 * start threads that outlive it (the bounded elastic scheduler's evictor lives as
	 * long as the JVM).
	 * @param pipelines the pipelines whose WebClient to build
	 * @param tls builds what the first connection over TLS will need, if a client will
	 * make one with Reactor Netty's defaults
	 * @param tokenizer loads the tokenizer the first calls will use, if they will
	 */
	OpenAiWarmUp(Supplier<Stream<OpenAiPipeline>> pipelines, Runnable tls, Runnable tokenizer) {
		this(OpenAiWarmUp::runOnItsOwnThread, pipelines, tls, tokenizer);
	}

	OpenAiWarmUp(Executor executor, Supplier<Stream<OpenAiPipeline>> pipelines, Runnable tls, Runnable tokenizer) {
		this.executor = executor;
		this.pipelines = pipelines;
		this.tls = tls;
		this.tokenizer = tokenizer;
	}

	/**
	 * Load the tokenizer of a chat model when the application's calls will count their
	 * tokens from the first: a pacer on a shared store counts every request's tokens
	 * precisely, since asking its buckets for headroom would cost a round trip, and
	 * loading a tokenizer's ranks took about 220 ms of a first call. Otherwise the
	 * tokenizer, and the memory it holds, is left to the first call that needs it.
	 * @param beanFactory where the pacer and the token estimator are
	 * @param model the chat model whose tokenizer to load
	 * @return whether the tokenizer was asked to count
	 */
	static boolean warmUpTokenizer(ListableBeanFactory beanFactory, String model) {
		TokenBucketPacer pacer = beanFactory.getBeanProvider(TokenBucketPacer.class).getIfUnique();
		TokenEstimator estimator = beanFactory.getBeanProvider(TokenEstimator.class).getIfUnique();
		if (pacer == null || pacer.storeStatus() == null || estimator == null) {
			return false;
		}
		estimator.estimate(OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions",
				ChatRequest.builder().model(model).user("").build(), ChatCompletion.class, model));
		return true;
	}

	private static void runOnItsOwnThread(Runnable task) {
		Thread thread = new Thread(task, "openai-warm-up");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.executor.execute(() -> {
			try {
				this.pipelines.get().forEach(OpenAiPipeline::warmUp);
			}
			catch (RuntimeException ex) {
				// the first call builds what could not be built here, and fails if it cannot
				logger.debug("Could not build the WebClient of an OpenAI client ahead of its first call", ex);
			}
			try {
				warmUp();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not warm up the OpenAI JSON mapper", ex);
			}
			try {
				this.tls.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not build the TLS contexts ahead of the first connection", ex);
			}
			try {
				this.tokenizer.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not load the tokenizer ahead of the first call", ex);
			}
		});
	}

	/**
	 * Write and read each JSON document as the calls do, from the same kinds of input
	 * (the bytes of a response, the text of a stream's event), so that the warm-up leaves
	 * the JIT compiler no parser a real call does not use.
	 */
	void warmUp() {
		JsonMapper mapper = OpenAiJson.mapper();
		mapper.writeValueAsBytes(ChatRequest.builder().model("gpt-4o-mini").system("").user("").build());
		mapper.readValue(CHAT_COMPLETION.getBytes(StandardCharsets.UTF_8), ChatCompletion.class);
		mapper.readValue(CHAT_CHUNK, ChatCompletionChunk.class);
		mapper.writeValueAsBytes(new EmbeddingRequest("text-embedding-3-small", List.of(""), null,
				EncodingFormat.BASE64, null));
		mapper.readValue(EMBEDDINGS.getBytes(StandardCharsets.UTF_8), EmbeddingResponse.class);
	}

}
