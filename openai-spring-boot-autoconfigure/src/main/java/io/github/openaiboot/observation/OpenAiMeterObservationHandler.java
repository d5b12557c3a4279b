package io.github.openaiboot.observation;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.openaiboot.audio.SpeechEvent;
import io.github.openaiboot.audio.SpeechRequest;
import io.github.openaiboot.audio.SpeechUsage;
import io.github.openaiboot.audio.Transcription;
import io.github.openaiboot.audio.TranscriptionEvent;
import io.github.openaiboot.audio.TranscriptionUsage;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.embedding.EmbeddingResponse;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.image.ImageResponse;
import io.github.openaiboot.observation.OpenAiObservationDocumentation.LowCardinalityKeyNames;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The one place where the meters of an OpenAI call are recorded: the
 * {@code gen_ai.client.operation} timer and its {@code .active} long task timer (the
 * meters Micrometer's {@code DefaultMeterObservationHandler} would record, with the same
 * names and tags, {@code error} included), and, when the call's observation stops,
 * {@code gen_ai.client.token.usage} (input and output), {@code openai.client.cost}
 * (priced by the {@link PricingTable} at the service tier the response reports) and, for
 * streams,
 * {@code gen_ai.client.time_to_first_chunk}.
 * <p>
 * Every meter is looked up once per set of tags and then kept, rather than built and
 * looked up in the registry on every call. Registered ahead of the default meter handler
 * (Spring Boot runs the first {@link MeterObservationHandler} that supports a context),
 * it takes over OpenAI observations from it; other observations are left to the default
 * handler.
 *
 * @author openai-spring-boot
 */
public final class OpenAiMeterObservationHandler implements MeterObservationHandler<OpenAiObservationContext> {

	/**
	 * Name of the token usage distribution summary.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/**
	 * Name of the cost counter.
	 */
	public static final String COST = "openai.client.cost";

	/**
	 * Name of the time to first chunk timer.
	 */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.time_to_first_chunk";

	/**
	 * Suffix of the long task timer of calls in progress.
	 */
	public static final String ACTIVE_SUFFIX = ".active";

	private static final String ERROR_TAG = "error";

	private final MeterRegistry meterRegistry;

	private final PricingTable pricingTable;

	private final boolean longTaskTimer;

	private final BoundedCache<MeterKey, Meters> meters = new BoundedCache<>();

	private final BoundedCache<KeyValues, LongTaskTimer> activeTimers = new BoundedCache<>();

	private final BoundedCache<TimerKey, Timer> timers = new BoundedCache<>();

	/**
	 * Create a handler that records a long task timer of calls in progress.
	 * @param meterRegistry the registry to record into
	 * @param pricingTable the prices to compute costs with
	 */
	public OpenAiMeterObservationHandler(MeterRegistry meterRegistry, PricingTable pricingTable) {
		this(meterRegistry, pricingTable, true);
	}

	/**
	 * Create a handler.
	 * @param meterRegistry the registry to record into
	 * @param pricingTable the prices to compute costs with
	 * @param longTaskTimer whether to record the {@code .active} long task timer of calls
	 * in progress
	 */
	public OpenAiMeterObservationHandler(MeterRegistry meterRegistry, PricingTable pricingTable,
			boolean longTaskTimer) {
		this.meterRegistry = meterRegistry;
		this.pricingTable = pricingTable;
		this.longTaskTimer = longTaskTimer;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof OpenAiObservationContext;
	}

	@Override
	public void onStart(OpenAiObservationContext context) {
		if (this.longTaskTimer) {
			context.activeSample = activeTimer(context.getLowCardinalityKeyValues(), context.getName()).start();
		}
		context.startNanos = this.meterRegistry.config().clock().monotonicTime();
	}

	@Override
	public void onStop(OpenAiObservationContext context) {
		long duration = this.meterRegistry.config().clock().monotonicTime() - context.startNanos;
		timer(context).record(duration, TimeUnit.NANOSECONDS);
		if (context.activeSample instanceof LongTaskTimer.Sample active) {
			active.stop();
		}
		OpenAiOperation operation = context.getRequest().operation();
		Meters meters = meters(operation, requestModel(context), context.getClientName());
		Usage usage = context.getUsage();
		if (usage != null) {
			meters.inputTokens().record(usage.promptTokens());
			// embeddings and training have no output, even when answered in a batch
			if (operation != OpenAiOperation.EMBEDDINGS && operation != OpenAiOperation.FINE_TUNING_TRAINING
					&& !(context.getResponse() instanceof EmbeddingResponse)) {
				meters.outputTokens().record(usage.completionTokens());
			}
		}
		cost(context, usage).ifPresent((cost) -> {
			context.setCost(cost);
			meters.cost().increment(cost.doubleValue());
		});
		if (context.getTimeToFirstChunk() != null) {
			meters.timeToFirstChunk().record(context.getTimeToFirstChunk());
		}
	}

	// Events are not counted: the first chunk of a stream is timed by
	// gen_ai.client.time_to_first_chunk.

	private LongTaskTimer activeTimer(KeyValues keyValues, @Nullable String name) {
		LongTaskTimer timer = this.activeTimers.get(keyValues);
		return (timer != null) ? timer : this.activeTimers.keep(keyValues,
				LongTaskTimer.builder(name + ACTIVE_SUFFIX).tags(tags(keyValues)).register(this.meterRegistry));
	}

	private Timer timer(OpenAiObservationContext context) {
		Throwable error = context.getError();
		TimerKey key = new TimerKey(context.getLowCardinalityKeyValues(),
				(error != null) ? error.getClass().getSimpleName() : KeyValue.NONE_VALUE);
		Timer timer = this.timers.get(key);
		return (timer != null) ? timer : this.timers.keep(key, Timer.builder(context.getName())
			.tags(tags(key.keyValues()))
			.tag(ERROR_TAG, key.error())
			.register(this.meterRegistry));
	}

	private static Tags tags(KeyValues keyValues) {
		Tags tags = Tags.empty();
		for (KeyValue keyValue : keyValues) {
			tags = tags.and(keyValue.getKey(), keyValue.getValue());
		}
		return tags;
	}

	// Meters are looked up once per operation, model and client, not on every call.
	private Meters meters(OpenAiOperation operation, String model, String client) {
		MeterKey key = new MeterKey(operation, model, client);
		Meters meters = this.meters.get(key);
		return (meters != null) ? meters : this.meters.keep(key,
				new Meters(this.meterRegistry, Tags.of(LowCardinalityKeyNames.OPERATION_NAME.asString(),
						operation.operationName(), LowCardinalityKeyNames.REQUEST_MODEL.asString(), model,
						LowCardinalityKeyNames.CLIENT_NAME.asString(), client)));
	}

	private Optional<BigDecimal> cost(OpenAiObservationContext context, @Nullable Usage usage) {
		PricingTable own = context.getPricingTable();
		PricingTable pricingTable = (own != null) ? own : this.pricingTable;
		Optional<BigDecimal> audio = audioCost(pricingTable, context);
		if (audio != null) {
			return audio;
		}
		if (context.getRequest().operation() == OpenAiOperation.IMAGE_GENERATION
				&& context.getRequest().body() instanceof ImageRequest request
				&& context.getResponse() instanceof ImageResponse response && usage == null) {
			return pricingTable.imageCost(context.getPricedModel(), request.size(), request.quality(),
					response.data().size());
		}
		if (context.getRequest().operation() == OpenAiOperation.FINE_TUNING_TRAINING) {
			return (usage != null) ? pricingTable.trainingCost(context.getRequestModel(), usage.promptTokens())
					: Optional.empty();
		}
		return (usage != null) ? pricingTable.cost(context.getPricedModel(), usage, context.getPricedServiceTier())
				: Optional.empty();
	}

	/**
	 * Return the cost of an audio or moderation call, priced in its own unit, or
	 * {@code null} for other calls: moderation is free, transcriptions are priced per
	 * minute of their duration or per token of their usage, speech per character of its
	 * input.
	 */
	private static @Nullable Optional<BigDecimal> audioCost(PricingTable pricingTable,
			OpenAiObservationContext context) {
		OpenAiOperation operation = context.getRequest().operation();
		String model = context.getPricedModel();
		switch (operation) {
			case MODERATION:
				return (context.getError() == null) ? Optional.of(BigDecimal.ZERO) : Optional.empty();
			case SPEECH:
				if (context.getResponse() instanceof SpeechEvent.Done done && done.usage() != null) {
					SpeechUsage usage = done.usage();
					return pricingTable.speechTokenCost(model, (usage.inputTokens() != null) ? usage.inputTokens() : 0,
							(usage.outputTokens() != null) ? usage.outputTokens() : 0);
				}
				if (context.getError() == null && context.getRequest().body() instanceof SpeechRequest speech) {
					return pricingTable.speechCharacterCost(model, speech.input().length());
				}
				return Optional.empty();
			case TRANSCRIPTION:
			case TRANSLATION:
				return transcriptionCost(pricingTable, model, context.getResponse());
			default:
				return null;
		}
	}

	private static Optional<BigDecimal> transcriptionCost(PricingTable pricingTable, @Nullable String model,
			@Nullable Object response) {
		TranscriptionUsage usage = null;
		Double duration = null;
		if (response instanceof Transcription transcription) {
			usage = transcription.usage();
			duration = transcription.duration();
		}
		else if (response instanceof TranscriptionEvent.Done done) {
			usage = done.usage();
		}
		if (usage != null && usage.isTokens()) {
			TranscriptionUsage.InputTokenDetails details = usage.inputTokenDetails();
			int input = (usage.inputTokens() != null) ? usage.inputTokens() : 0;
			int audio = (details != null && details.audioTokens() != null) ? details.audioTokens() : input;
			int text = (details != null && details.textTokens() != null) ? details.textTokens() : input - audio;
			int output = (usage.outputTokens() != null) ? usage.outputTokens() : 0;
			return pricingTable.audioTokenCost(model, text, audio, output);
		}
		// billed on the rounded-up seconds of usage when sent, else on the duration
		Double seconds = (usage != null && usage.seconds() != null) ? usage.seconds() : duration;
		return (seconds != null) ? pricingTable.audioMinuteCost(model, seconds) : Optional.empty();
	}

	private static String requestModel(OpenAiObservationContext context) {
		String model = context.getRequestModel();
		return (model != null) ? model : DefaultOpenAiObservationConvention.UNKNOWN;
	}

	private record MeterKey(OpenAiOperation operation, String model, String client) {

	}

	private record TimerKey(KeyValues keyValues, String error) {

	}

	/**
	 * The meters of one operation, model and client, each registered on first use so
	 * that no empty meter appears (no cost meter for a model without a price, no output
	 * tokens for embeddings).
	 */
	private static final class Meters {

		private final MeterRegistry registry;

		private final Tags tags;

		private volatile @Nullable DistributionSummary inputTokens;

		private volatile @Nullable DistributionSummary outputTokens;

		private volatile @Nullable Counter cost;

		private volatile @Nullable Timer timeToFirstChunk;

		Meters(MeterRegistry registry, Tags tags) {
			this.registry = registry;
			this.tags = tags;
		}

		// Registering is idempotent, so a race only registers the same meter twice.
		DistributionSummary inputTokens() {
			DistributionSummary summary = this.inputTokens;
			if (summary == null) {
				summary = tokens("input");
				this.inputTokens = summary;
			}
			return summary;
		}

		DistributionSummary outputTokens() {
			DistributionSummary summary = this.outputTokens;
			if (summary == null) {
				summary = tokens("output");
				this.outputTokens = summary;
			}
			return summary;
		}

		Counter cost() {
			Counter counter = this.cost;
			if (counter == null) {
				counter = Counter.builder(COST)
					.description("Cost of OpenAI calls at list prices")
					.baseUnit("usd")
					.tags(this.tags)
					.register(this.registry);
				this.cost = counter;
			}
			return counter;
		}

		Timer timeToFirstChunk() {
			Timer timer = this.timeToFirstChunk;
			if (timer == null) {
				timer = Timer.builder(TIME_TO_FIRST_CHUNK)
					.description("Time from the start of a streamed OpenAI call to its first chunk")
					.tags(this.tags)
					.register(this.registry);
				this.timeToFirstChunk = timer;
			}
			return timer;
		}

		private DistributionSummary tokens(String type) {
			return DistributionSummary.builder(TOKEN_USAGE)
				.description("Tokens used by OpenAI calls")
				.baseUnit("tokens")
				.tags(this.tags)
				.tag("gen_ai.token.type", type)
				.register(this.registry);
		}

	}

}
