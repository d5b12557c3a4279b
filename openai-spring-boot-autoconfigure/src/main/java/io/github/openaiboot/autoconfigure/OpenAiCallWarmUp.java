package io.github.openaiboot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Queue;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatDefaults;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.embedding.DefaultEmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingDefaults;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.observation.ObservationOpenAiCallObserver;
import io.github.openaiboot.observation.OpenAiMeterObservationHandler;
import io.github.openaiboot.ratelimit.RateLimiter;
import io.github.openaiboot.ratelimit.TokenBucketPacer;
import io.github.openaiboot.usage.PricingTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What an application's first call loads and initializes, done by calls that never leave
 * the JVM: a chat call, a chat stream and an embeddings call through a pipeline of their
 * own whose WebClient answers in memory, and, with Reactor Netty, one HTTP exchange
 * through Netty's codec on an in-memory channel. A first call is mostly loading classes
 * (about 960 of them on a first chat call, half of them Netty's); these calls load most
 * of them while nothing waits.
 * <p>
 * The calls' pipeline has its own pacer, observation registry and meter registry, and
 * is dropped afterwards: nothing is sent, and the application's clients, meters,
 * observations and rate-limit budget do not see these calls.
 *
 * @author openai-spring-boot
 */
final class OpenAiCallWarmUp {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final String MODEL = "gpt-4o-mini";

	private static final boolean OBSERVATION_PRESENT = ClassUtils
		.isPresent("io.micrometer.observation.ObservationRegistry", null)
			&& ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", null);

	private static final boolean NETTY_PRESENT = ClassUtils.isPresent("io.netty.channel.embedded.EmbeddedChannel",
			null) && ClassUtils.isPresent("io.netty.handler.codec.http.HttpClientCodec", null);

	static final String CHUNK_EVENTS = "data: " + OpenAiWarmUp.CHAT_CHUNK.replace("\n", "") + "\n\ndata: [DONE]\n\n";

	private OpenAiCallWarmUp() {
	}

	/**
	 * Run a chat call, a chat stream and an embeddings call through a pipeline whose
	 * WebClient answers in memory.
	 * @param paced whether the calls go through a pacer of their own, as the
	 * application's do when {@code openai.rate-limit.enabled}
	 * @return what the calls answered
	 */
	static Exercised exerciseCalls(boolean paced) {
		Observed observed = OBSERVATION_PRESENT ? new Observed() : null;
		RateLimiter rateLimiter = paced ? TokenBucketPacer.builder().build() : RateLimiter.unlimited();
		OpenAiPipeline pipeline = OpenAiPipeline
			.builder(WebClient.builder().exchangeFunction(OpenAiCallWarmUp::answer).build())
			.rateLimiter(rateLimiter)
			.callObserver((observed != null) ? observed.observer() : OpenAiCallObserver.NONE)
			.build();
		try {
			ChatClient chat = new DefaultChatClient(pipeline, ChatDefaults.of(MODEL));
			ChatRequest request = ChatRequest.builder().system("").user("").maxCompletionTokens(1).build();
			ChatCompletion completion = Objects.requireNonNull(chat.complete(request).block(TIMEOUT));
			long chunks = Objects.requireNonNull(chat.stream(request).count().block(TIMEOUT));
			EmbeddingResponse embeddings = Objects
				.requireNonNull(new DefaultEmbeddingClient(pipeline, EmbeddingDefaults.of("text-embedding-3-small"))
					.embed(EmbeddingRequest.of("", ""))
					.block(TIMEOUT));
			return new Exercised(completion, chunks, embeddings, (observed != null) ? observed.meters() : 0);
		}
		finally {
			if (observed != null) {
				observed.close();
			}
		}
	}

	/**
	 * Send a chat request and read its answer through Netty's HTTP client codec and
	 * decompressor on an in-memory channel, with Netty's default buffer allocator, as
	 * Reactor Netty's connections do.
	 * @return the answer's status, or {@code null} without Reactor Netty
	 */
	static @Nullable Integer exerciseNetty() {
		return NETTY_PRESENT ? NettyExchange.exchange() : null;
	}

	private static Mono<ClientResponse> answer(ClientRequest request) {
		String path = request.url().getPath();
		ClientResponse.Builder response = ClientResponse.create(HttpStatus.OK)
			.header("x-request-id", "req_warm_up")
			.header("x-ratelimit-limit-requests", "10000")
			.header("x-ratelimit-remaining-requests", "9999")
			.header("x-ratelimit-reset-requests", "6ms")
			.header("x-ratelimit-limit-tokens", "10000000")
			.header("x-ratelimit-remaining-tokens", "9999990")
			.header("x-ratelimit-reset-tokens", "0s");
		if (path.endsWith("/embeddings")) {
			response.header("Content-Type", MediaType.APPLICATION_JSON_VALUE).body(OpenAiWarmUp.EMBEDDINGS);
		}
		else if (request.headers().getAccept().contains(MediaType.TEXT_EVENT_STREAM)) {
			response.header("Content-Type", MediaType.TEXT_EVENT_STREAM_VALUE).body(CHUNK_EVENTS);
		}
		else {
			response.header("Content-Type", MediaType.APPLICATION_JSON_VALUE).body(OpenAiWarmUp.CHAT_COMPLETION);
		}
		return Mono.just(response.build());
	}

	/**
	 * What the calls answered.
	 *
	 * @param completion the chat call's completion
	 * @param chunks the number of the chat stream's chunks
	 * @param embeddings the embeddings call's response
	 * @param meters the number of meters the calls recorded in their own registry
	 */
	record Exercised(ChatCompletion completion, long chunks, EmbeddingResponse embeddings, int meters) {

	}

	/**
	 * The calls' own observation registry, whose meters are the starter's, in a registry
	 * of their own.
	 */
	private static final class Observed {

		private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

		OpenAiCallObserver observer() {
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig()
				.observationHandler(new OpenAiMeterObservationHandler(this.meters, PricingTable.builtIn()));
			return new ObservationOpenAiCallObserver(observations, null, "warm-up");
		}

		int meters() {
			return this.meters.getMeters().size();
		}

		void close() {
			this.meters.close();
		}

	}

	/**
	 * One exchange through Netty's HTTP codec on an {@link EmbeddedChannel}.
	 */
	private static final class NettyExchange {

		static int exchange() {
			EmbeddedChannel channel = new EmbeddedChannel(new HttpClientCodec(), new HttpContentDecompressor(0),
					new HttpObjectAggregator(1 << 16));
			try {
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
						"/v1/chat/completions", Unpooled.wrappedBuffer(body));
				request.headers()
					.set(HttpHeaderNames.HOST, "localhost")
					.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.set(HttpHeaderNames.CONTENT_LENGTH, body.length)
					.set(HttpHeaderNames.ACCEPT_ENCODING, "gzip");
				channel.writeOutbound(request);
				releaseAll(channel.outboundMessages());
				byte[] answer = ("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: "
						+ OpenAiWarmUp.CHAT_COMPLETION.length() + "\r\n\r\n" + OpenAiWarmUp.CHAT_COMPLETION)
					.getBytes(StandardCharsets.UTF_8);
				channel.writeInbound(ByteBufAllocator.DEFAULT.buffer(answer.length).writeBytes(answer));
				Object response = channel.readInbound();
				try {
					return ((FullHttpResponse) Objects.requireNonNull(response)).status().code();
				}
				finally {
					ReferenceCountUtil.release(response);
				}
			}
			finally {
				channel.finishAndReleaseAll();
			}
		}

		private static void releaseAll(Queue<Object> messages) {
			Object message;
			while ((message = messages.poll()) != null) {
				ReferenceCountUtil.release(message);
			}
		}

	}

}
