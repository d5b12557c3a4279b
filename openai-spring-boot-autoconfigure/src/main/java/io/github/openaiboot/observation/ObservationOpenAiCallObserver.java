package io.github.openaiboot.observation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.image.ImageResponse;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link OpenAiCallObserver} that wraps every call in a {@code gen_ai.client.operation}
 * observation. The observation is started on subscription and stopped when the call
 * ends: on the response, on the last chunk, on an error, or on cancellation. It is put
 * in the Reactor context so that each HTTP attempt's {@code http.client.requests}
 * observation becomes its child.
 *
 * @author openai-spring-boot
 */
public final class ObservationOpenAiCallObserver implements OpenAiCallObserver {

	/**
	 * Key of the current observation in the Reactor context, the one Spring's
	 * {@code WebClient} reads its parent observation from.
	 */
	private static final String OBSERVATION_KEY = "micrometer.observation";

	private static final OpenAiObservationConvention DEFAULT_CONVENTION = new DefaultOpenAiObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable OpenAiObservationConvention convention;

	private final String clientName;

	/**
	 * Create an observer.
	 * @param registry the registry to observe into
	 * @param convention a convention replacing the default one, or {@code null}
	 * @param clientName the client name, the value of {@code openai.client}
	 */
	public ObservationOpenAiCallObserver(ObservationRegistry registry, @Nullable OpenAiObservationConvention convention,
			String clientName) {
		this.registry = registry;
		this.convention = convention;
		this.clientName = clientName;
	}

	@Override
	public <T> Mono<T> observe(OpenAiRequest<T> request, Mono<T> call) {
		return Mono.defer(() -> {
			OpenAiObservationContext context = new OpenAiObservationContext(request, this.clientName, false);
			Observation observation = observation(context).start();
			Runnable stop = stopOnce(observation);
			return call.doOnSuccess((response) -> {
				if (response != null) {
					readResponse(context, response);
				}
				stop.run();
			}).doOnError((ex) -> {
				observation.error(ex);
				stop.run();
			}).doOnCancel(stop).contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
		});
	}

	@Override
	public <T> Flux<T> observeStream(OpenAiRequest<T> request, Flux<T> call) {
		return Flux.defer(() -> {
			OpenAiObservationContext context = new OpenAiObservationContext(request, this.clientName, true);
			Observation observation = observation(context).start();
			long started = System.nanoTime();
			AtomicBoolean first = new AtomicBoolean(true);
			Runnable stop = stopOnce(observation);
			return call.doOnNext((chunk) -> {
				if (first.compareAndSet(true, false)) {
					context.setTimeToFirstChunk(Duration.ofNanos(System.nanoTime() - started));
					observation.event(OpenAiObservationDocumentation.Events.FIRST_CHUNK);
				}
				readChunk(context, chunk);
			})
				.doOnComplete(stop)
				.doOnError((ex) -> {
					observation.error(ex);
					stop.run();
				})
				.doOnCancel(stop)
				.contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
		});
	}

	/**
	 * Stop the observation before the terminal signal reaches the subscriber, so that
	 * whoever reads the meters after the call sees them, and only once.
	 */
	private static Runnable stopOnce(Observation observation) {
		AtomicBoolean stopped = new AtomicBoolean();
		return () -> {
			if (stopped.compareAndSet(false, true)) {
				observation.stop();
			}
		};
	}

	private Observation observation(OpenAiObservationContext context) {
		return OpenAiObservationDocumentation.CLIENT_OPERATION.observation(this.convention, DEFAULT_CONVENTION,
				() -> context, this.registry);
	}

	private static void readResponse(OpenAiObservationContext context, Object response) {
		context.setResponse(response);
		if (response instanceof ChatCompletion completion) {
			context.setResponseId(completion.id());
			context.setResponseModel(completion.model());
			context.setUsage(completion.usage());
			context.setFinishReasons(completion.choices()
				.stream()
				.map(ChatCompletion.Choice::finishReason)
				.filter(Objects::nonNull)
				.toList());
		}
		else if (response instanceof EmbeddingResponse embeddings) {
			context.setResponseModel(embeddings.model());
			context.setUsage(embeddings.usage());
		}
		else if (response instanceof ImageResponse images) {
			context.setUsage(images.usage());
		}
	}

	private static void readChunk(OpenAiObservationContext context, Object chunk) {
		context.setResponse(chunk);
		if (chunk instanceof ChatCompletionChunk completionChunk) {
			if (completionChunk.id() != null) {
				context.setResponseId(completionChunk.id());
			}
			if (completionChunk.model() != null) {
				context.setResponseModel(completionChunk.model());
			}
			if (completionChunk.usage() != null) {
				context.setUsage(completionChunk.usage());
			}
			List<String> reasons = completionChunk.choices()
				.stream()
				.map(ChatCompletionChunk.ChunkChoice::finishReason)
				.filter(Objects::nonNull)
				.toList();
			if (!reasons.isEmpty()) {
				context.setFinishReasons(reasons);
			}
		}
	}

}
