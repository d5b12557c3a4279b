package io.github.openaiboot.observation;

import java.math.BigDecimal;
import java.util.Optional;

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

	private final PricingTable pricingTable;

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
		Tags tags = Tags.of(
				LowCardinalityKeyNames.OPERATION_NAME.asString(),
				context.getRequest().operation().operationName(), LowCardinalityKeyNames.REQUEST_MODEL.asString(),
				requestModel(context), LowCardinalityKeyNames.CLIENT_NAME.asString(), context.getClientName());
		Usage usage = context.getUsage();
		if (usage != null) {
			recordTokens(tags, "input", usage.promptTokens());
			if (context.getRequest().operation() != OpenAiOperation.EMBEDDINGS) {
				recordTokens(tags, "output", usage.completionTokens());
			}
		}
		cost(context, usage).ifPresent((cost) -> {
			context.setCost(cost);
			Counter.builder(COST)
				.description("Cost of OpenAI calls at list prices")
				.baseUnit("usd")
				.tags(tags)
				.register(this.meterRegistry)
				.increment(cost.doubleValue());
		});
		if (context.getTimeToFirstChunk() != null) {
			Timer.builder(TIME_TO_FIRST_CHUNK)
				.description("Time from the start of a streamed OpenAI call to its first chunk")
				.tags(tags)
				.register(this.meterRegistry)
				.record(context.getTimeToFirstChunk());
		}
	}

	private Optional<BigDecimal> cost(OpenAiObservationContext context, @org.jspecify.annotations.Nullable Usage usage) {
		if (context.getRequest().operation() == OpenAiOperation.IMAGE_GENERATION
				&& context.getRequest().body() instanceof ImageRequest request
				&& context.getResponse() instanceof ImageResponse response && usage == null) {
			return this.pricingTable.imageCost(context.getPricedModel(), request.size(), request.quality(),
					response.data().size());
		}
		return (usage != null) ? this.pricingTable.cost(context.getPricedModel(), usage) : Optional.empty();
	}

	private void recordTokens(Tags tags, String type, int tokens) {
		DistributionSummary.builder(TOKEN_USAGE)
			.description("Tokens used by OpenAI calls")
			.baseUnit("tokens")
			.tags(tags)
			.tag("gen_ai.token.type", type)
			.register(this.meterRegistry)
			.record(tokens);
	}

	private static String requestModel(OpenAiObservationContext context) {
		String model = context.getRequestModel();
		return (model != null) ? model : DefaultOpenAiObservationConvention.UNKNOWN;
	}

}
