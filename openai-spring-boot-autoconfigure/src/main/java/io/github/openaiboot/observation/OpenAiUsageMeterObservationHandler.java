package io.github.openaiboot.observation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.image.ImageResponse;
import io.github.openaiboot.observation.OpenAiObservationDocumentation.LowCardinalityKeyNames;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * The one place where tokens, dollars and time to first chunk are recorded: when an
 * OpenAI call's observation stops, it records {@code gen_ai.client.token.usage} (input
 * and output), {@code openai.client.cost} (priced by the {@link PricingTable}) and, for
 * streams, {@code gen_ai.client.time_to_first_chunk}.
 *
 * @author openai-spring-boot
 */
public final class OpenAiUsageMeterObservationHandler implements ObservationHandler<OpenAiObservationContext> {

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

	private final MeterRegistry meterRegistry;

	private static final int MAX_CACHED_METERS = 1000;

	private final PricingTable pricingTable;

	private final Map<MeterKey, Meters> meters = new ConcurrentHashMap<>();

	/**
	 * Create a handler.
	 * @param meterRegistry the registry to record into
	 * @param pricingTable the prices to compute costs with
	 */
	public OpenAiUsageMeterObservationHandler(MeterRegistry meterRegistry, PricingTable pricingTable) {
		this.meterRegistry = meterRegistry;
		this.pricingTable = pricingTable;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof OpenAiObservationContext;
	}

	@Override
	public void onStop(OpenAiObservationContext context) {
		OpenAiOperation operation = context.getRequest().operation();
		Meters meters = meters(operation, requestModel(context), context.getClientName());
		Usage usage = context.getUsage();
		if (usage != null) {
			meters.inputTokens().record(usage.promptTokens());
			if (operation != OpenAiOperation.EMBEDDINGS) {
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

	// Meters are looked up once per operation, model and client, not on every call.
	private Meters meters(OpenAiOperation operation, String model, String client) {
		MeterKey key = new MeterKey(operation, model, client);
		Meters meters = this.meters.get(key);
		if (meters == null) {
			meters = new Meters(this.meterRegistry, Tags.of(LowCardinalityKeyNames.OPERATION_NAME.asString(),
					operation.operationName(), LowCardinalityKeyNames.REQUEST_MODEL.asString(), model,
					LowCardinalityKeyNames.CLIENT_NAME.asString(), client));
			if (this.meters.size() < MAX_CACHED_METERS) {
				this.meters.put(key, meters);
			}
		}
		return meters;
	}

	private Optional<BigDecimal> cost(OpenAiObservationContext context, @Nullable Usage usage) {
		if (context.getRequest().operation() == OpenAiOperation.IMAGE_GENERATION
				&& context.getRequest().body() instanceof ImageRequest request
				&& context.getResponse() instanceof ImageResponse response && usage == null) {
			return this.pricingTable.imageCost(context.getPricedModel(), request.size(), request.quality(),
					response.data().size());
		}
		return (usage != null) ? this.pricingTable.cost(context.getPricedModel(), usage) : Optional.empty();
	}

	private static String requestModel(OpenAiObservationContext context) {
		String model = context.getRequestModel();
		return (model != null) ? model : DefaultOpenAiObservationConvention.UNKNOWN;
	}

	private record MeterKey(OpenAiOperation operation, String model, String client) {

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
