package io.github.openaiboot.observation;

import java.util.ArrayList;
import java.util.List;

import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.observation.OpenAiObservationDocumentation.HighCardinalityKeyNames;
import io.github.openaiboot.observation.OpenAiObservationDocumentation.LowCardinalityKeyNames;
import io.github.openaiboot.usage.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default {@link OpenAiObservationConvention}: the observation {@code
 * gen_ai.client.operation}, with OpenTelemetry GenAI key names.
 *
 * @author openai-spring-boot
 */
public class DefaultOpenAiObservationConvention implements OpenAiObservationConvention {

	/**
	 * Name of the observation, and of the timer it produces.
	 */
	public static final String NAME = "gen_ai.client.operation";

	/**
	 * Value of {@code gen_ai.provider.name}.
	 */
	public static final String PROVIDER = "openai";

	/**
	 * Value of {@code error.type} for calls that did not fail.
	 */
	public static final String NO_ERROR = "none";

	/**
	 * Value of a key whose value is not known, such as the model of a models listing.
	 */
	public static final String UNKNOWN = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(OpenAiObservationContext context) {
		String model = context.getRequestModel();
		String operation = context.getRequest().operation().operationName();
		return (model != null) ? operation + " " + model : operation;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OpenAiObservationContext context) {
		return KeyValues.of(
				LowCardinalityKeyNames.OPERATION_NAME.withValue(context.getRequest().operation().operationName()),
				LowCardinalityKeyNames.PROVIDER_NAME.withValue(PROVIDER), requestModel(context), errorType(context),
				LowCardinalityKeyNames.CLIENT_NAME.withValue(context.getClientName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(OpenAiObservationContext context) {
		// collected first and sorted once, since KeyValues#and copies and sorts each time
		List<KeyValue> values = new ArrayList<>(8);
		if (context.getError() instanceof OpenAiException ex && ex.requestId() != null) {
			values.add(HighCardinalityKeyNames.REQUEST_ID.withValue(ex.requestId()));
		}
		if (context.getResponseId() != null) {
			values.add(HighCardinalityKeyNames.RESPONSE_ID.withValue(context.getResponseId()));
		}
		if (context.getResponseModel() != null) {
			values.add(HighCardinalityKeyNames.RESPONSE_MODEL.withValue(context.getResponseModel()));
		}
		if (!context.getFinishReasons().isEmpty()) {
			values.add(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS
				.withValue(String.join(",", context.getFinishReasons())));
		}
		if (context.getRequest().body() instanceof ChatRequest chat) {
			if (chat.temperature() != null) {
				values.add(HighCardinalityKeyNames.REQUEST_TEMPERATURE.withValue(String.valueOf(chat.temperature())));
			}
			if (chat.maxCompletionTokens() != null) {
				values.add(
						HighCardinalityKeyNames.REQUEST_MAX_TOKENS.withValue(String.valueOf(chat.maxCompletionTokens())));
			}
		}
		Usage usage = context.getUsage();
		if (usage != null) {
			values.add(HighCardinalityKeyNames.USAGE_INPUT_TOKENS.withValue(String.valueOf(usage.promptTokens())));
			values.add(
					HighCardinalityKeyNames.USAGE_OUTPUT_TOKENS.withValue(String.valueOf(usage.completionTokens())));
		}
		return KeyValues.of(values);
	}

	protected KeyValue requestModel(OpenAiObservationContext context) {
		String model = context.getRequestModel();
		return LowCardinalityKeyNames.REQUEST_MODEL.withValue((model != null) ? model : UNKNOWN);
	}

	protected KeyValue errorType(OpenAiObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return LowCardinalityKeyNames.ERROR_TYPE.withValue(NO_ERROR);
		}
		OpenAiErrorKind kind = (error instanceof OpenAiException ex) ? ex.kind() : OpenAiErrorKind.UNKNOWN;
		return LowCardinalityKeyNames.ERROR_TYPE.withValue(kind.name());
	}

}
