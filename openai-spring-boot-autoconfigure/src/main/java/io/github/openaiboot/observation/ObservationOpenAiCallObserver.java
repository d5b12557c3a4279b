package io.github.openaiboot.observation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.openaiboot.audio.SpeechEvent;
import io.github.openaiboot.audio.Transcription;
import io.github.openaiboot.audio.TranscriptionEvent;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.finetuning.FineTuningJob;
import io.github.openaiboot.image.ImageResponse;
import io.github.openaiboot.moderation.ModerationResponse;
import io.github.openaiboot.realtime.RealtimeResponse;
import io.github.openaiboot.realtime.RealtimeServerEvent;
import io.github.openaiboot.responses.Response;
import io.github.openaiboot.responses.ResponseStreamEvent;
import io.github.openaiboot.responses.ResponseUsage;
import io.github.openaiboot.retry.OpenAiRetryListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.Usage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.observability.DefaultSignalListener;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * {@link OpenAiCallObserver} that wraps every call in a {@code gen_ai.client.operation}
 * observation. The observation is started on subscription and stopped when the call
 * ends: on the response, on the last chunk, on an error, or on cancellation. It is put
 * in the Reactor context, where {@link #retryListener()} records each retried attempt on
 * it and where each HTTP attempt's {@code http.client.requests} observation, when there
 * is one, finds its parent.
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

	private static final OpenAiRetryListener RETRY_LISTENER = new RetryRecorder();

	private final ObservationRegistry registry;

	private final @Nullable OpenAiObservationConvention convention;

	private final String clientName;

	private final @Nullable PricingTable pricingTable;

	/**
	 * Create an observer.
	 * @param registry the registry to observe into
	 * @param convention a convention replacing the default one, or {@code null}
	 * @param clientName the client name, the value of {@code openai.client}
	 */
	public ObservationOpenAiCallObserver(ObservationRegistry registry, @Nullable OpenAiObservationConvention convention,
			String clientName) {
		this(registry, convention, clientName, null);
	}

	/**
	 * Create an observer for a client with prices of its own.
	 * @param registry the registry to observe into
	 * @param convention a convention replacing the default one, or {@code null}
	 * @param clientName the client name, the value of {@code openai.client}
	 * @param pricingTable the client's prices, or {@code null} for the application's
	 */
	public ObservationOpenAiCallObserver(ObservationRegistry registry, @Nullable OpenAiObservationConvention convention,
			String clientName, @Nullable PricingTable pricingTable) {
		this.registry = registry;
		this.convention = convention;
		this.clientName = clientName;
		this.pricingTable = pricingTable;
	}

	@Override
	public <T> Mono<T> observe(OpenAiRequest<T> request, Mono<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return call.tap(() -> new CallListener<>(request, false));
	}

	@Override
	public <T> Flux<T> observeStream(OpenAiRequest<T> request, Flux<T> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return call.tap(() -> new CallListener<>(request, true));
	}

	/**
	 * Return the retry listener that records each retried attempt of a call on the
	 * call's observation, as a {@code gen_ai.client.retry} event and in the
	 * observation's context.
	 * @return the listener
	 */
	public static OpenAiRetryListener retryListener() {
		return RETRY_LISTENER;
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
			context.setServiceTier(completion.serviceTier());
			context.setUsage(completion.usage());
			List<String> reasons = new ArrayList<>(1);
			for (ChatCompletion.Choice choice : completion.choices()) {
				if (choice.finishReason() != null) {
					reasons.add(choice.finishReason());
				}
			}
			context.setFinishReasons(reasons);
		}
		else if (response instanceof EmbeddingResponse embeddings) {
			context.setResponseModel(embeddings.model());
			context.setUsage(embeddings.usage());
		}
		else if (response instanceof ImageResponse images) {
			context.setUsage(images.usage());
		}
		else if (response instanceof Response whole) {
			readResponseObject(context, whole);
		}
		else if (response instanceof FineTuningJob job
				&& context.getRequest().operation() == OpenAiOperation.FINE_TUNING_TRAINING) {
			context.setResponseId(job.id());
			context.setResponseModel(job.fineTunedModel());
			if (job.trainedTokens() != null) {
				context.setUsage(Usage.of((int) Math.min(Integer.MAX_VALUE, job.trainedTokens()), 0));
			}
		}
		else if (response instanceof Transcription transcription && transcription.usage() != null) {
			context.setUsage(transcription.usage().toUsage());
		}
		else if (response instanceof ModerationResponse moderation) {
			context.setResponseId(moderation.id());
			context.setResponseModel(moderation.model());
		}
		else if (response instanceof RealtimeServerEvent.ResponseEvent realtime) {
			readRealtimeResponse(context, realtime.response());
		}
	}

	/**
	 * Read a response of a realtime session, carried by {@code response.done}.
	 */
	private static void readRealtimeResponse(OpenAiObservationContext context, RealtimeResponse response) {
		if (response.id() != null) {
			context.setResponseId(response.id());
		}
		if (response.usage() != null) {
			context.setUsage(response.usage().toUsage());
		}
		if (response.status() != null) {
			context.setFinishReasons(List.of(response.status()));
		}
	}

	/**
	 * Read a response of the Responses API, whole or carried by a stream event. Only
	 * creating a response uses tokens: retrieving a stored one reports its usage again.
	 */
	private static void readResponseObject(OpenAiObservationContext context, Response response) {
		if (response.id() != null) {
			context.setResponseId(response.id());
		}
		if (response.model() != null) {
			context.setResponseModel(response.model());
		}
		if (response.serviceTier() != null) {
			context.setServiceTier(response.serviceTier());
		}
		ResponseUsage usage = response.usage();
		if (usage != null && context.getRequest().operation() == OpenAiOperation.RESPONSES) {
			context.setUsage(usage.toUsage());
		}
		if (response.status() != null && !"in_progress".equals(response.status())
				&& !"queued".equals(response.status())) {
			context.setFinishReasons(List.of(response.status()));
		}
	}

	private static void readChunk(OpenAiObservationContext context, Object chunk) {
		context.setResponse(chunk);
		// chat chunks first: they are most of the chunks streamed
		if (chunk instanceof ChatCompletionChunk completionChunk) {
			readChatChunk(context, completionChunk);
		}
		else if (chunk instanceof ResponseStreamEvent.Lifecycle event) {
			readResponseObject(context, event.response());
		}
		else if (chunk instanceof TranscriptionEvent.Done done && done.usage() != null) {
			context.setUsage(done.usage().toUsage());
		}
		else if (chunk instanceof SpeechEvent.Done done && done.usage() != null) {
			context.setUsage(done.usage().toUsage());
		}
	}

	private static void readChatChunk(OpenAiObservationContext context, ChatCompletionChunk completionChunk) {
		if (completionChunk.id() != null) {
			context.setResponseId(completionChunk.id());
		}
		if (completionChunk.model() != null) {
			context.setResponseModel(completionChunk.model());
		}
		if (completionChunk.serviceTier() != null) {
			context.setServiceTier(completionChunk.serviceTier());
		}
		if (completionChunk.usage() != null) {
			context.setUsage(completionChunk.usage());
		}
		List<String> reasons = null;
		for (ChatCompletionChunk.ChunkChoice choice : completionChunk.choices()) {
			if (choice.finishReason() != null) {
				reasons = (reasons != null) ? reasons : new ArrayList<>(1);
				reasons.add(choice.finishReason());
			}
		}
		if (reasons != null) {
			context.setFinishReasons(reasons);
		}
	}


	/**
	 * Records a retried attempt on the observation of the call, found in its Reactor
	 * context.
	 */
	private static final class RetryRecorder implements OpenAiRetryListener {

		@Override
		public void onRetry(OpenAiRequest<?> request, OpenAiException exception, int attempt, Duration delay) {
		}

		@Override
		public void onRetry(OpenAiRequest<?> request, OpenAiException exception, int attempt, Duration delay,
				ContextView context) {
			if (context.getOrDefault(OBSERVATION_KEY, null) instanceof Observation observation
					&& observation.getContext() instanceof OpenAiObservationContext openAiContext) {
				openAiContext.addRetriedAttempt(exception);
				observation.event(Observation.Event.of(OpenAiObservationDocumentation.Events.RETRY.getName(),
						describe(exception, attempt, delay)));
			}
		}

		private static String describe(OpenAiException exception, int attempt, Duration delay) {
			StringBuilder description = new StringBuilder("attempt ").append(attempt).append(" failed: ");
			if (exception.statusCode() > 0) {
				description.append(exception.statusCode()).append(' ');
			}
			description.append(exception.kind().name());
			if (exception.requestId() != null) {
				description.append(" (").append(exception.requestId()).append(')');
			}
			return description.append(", retried in ").append(delay.toMillis()).append(" ms").toString();
		}

		@Override
		public String toString() {
			return "the gen_ai.client.operation observation of the call";
		}

	}

	/**
	 * The observation of one subscription to a call: started when the call is
	 * subscribed to, put in the Reactor context for the HTTP attempts, and stopped once,
	 * before the terminal signal reaches the subscriber so that whoever reads the meters
	 * after the call sees them: on a single response, on the end of a stream, on an
	 * error, or on cancellation.
	 */
	private final class CallListener<T> extends DefaultSignalListener<T> {

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<CallListener> STOPPED = AtomicIntegerFieldUpdater
			.newUpdater(CallListener.class, "stopped");

		private final OpenAiObservationContext context;

		private final Observation observation;

		private final boolean streaming;

		private long started;

		private boolean first = true;

		private volatile int stopped;

		CallListener(OpenAiRequest<?> request, boolean streaming) {
			this.context = new OpenAiObservationContext(request, ObservationOpenAiCallObserver.this.clientName,
					streaming, ObservationOpenAiCallObserver.this.pricingTable);
			this.observation = observation(this.context);
			this.streaming = streaming;
		}

		@Override
		public void doFirst() {
			this.observation.start();
			this.started = System.nanoTime();
		}

		@Override
		public void doOnNext(T value) {
			if (!this.streaming) {
				readResponse(this.context, value);
				stop();
				return;
			}
			if (this.first) {
				this.first = false;
				this.context.setTimeToFirstChunk(Duration.ofNanos(System.nanoTime() - this.started));
				this.observation.event(OpenAiObservationDocumentation.Events.FIRST_CHUNK);
			}
			readChunk(this.context, value);
		}

		@Override
		public void doOnComplete() {
			stop();
		}

		@Override
		public void doOnError(Throwable error) {
			if (this.stopped == 0) {
				this.observation.error(error);
			}
			stop();
		}

		@Override
		public void doOnCancel() {
			stop();
		}

		@Override
		public Context addToContext(Context originalContext) {
			return originalContext.put(OBSERVATION_KEY, this.observation);
		}

		private void stop() {
			if (STOPPED.compareAndSet(this, 0, 1)) {
				this.observation.stop();
			}
		}

	}

}
