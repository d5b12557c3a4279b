package io.github.openaiboot.observation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.observation.OpenAiObservationDocumentation.HighCardinalityKeyNames;
import io.github.openaiboot.observation.OpenAiObservationDocumentation.LowCardinalityKeyNames;
import io.github.openaiboot.responses.ResponseRequest;
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

	private static final KeyValue PROVIDER_KEY_VALUE = LowCardinalityKeyNames.PROVIDER_NAME.withValue(PROVIDER);

	private static final KeyValue NO_ERROR_KEY_VALUE = LowCardinalityKeyNames.ERROR_TYPE.withValue(NO_ERROR);

	private static final Map<OpenAiOperation, KeyValue> OPERATIONS = keyValues(OpenAiOperation.class,
			LowCardinalityKeyNames.OPERATION_NAME, OpenAiOperation::operationName);

	private static final Map<OpenAiErrorKind, KeyValue> ERROR_KINDS = keyValues(OpenAiErrorKind.class,
			LowCardinalityKeyNames.ERROR_TYPE, OpenAiErrorKind::name);

	// Key values of models and client names are the same on every call: made once each
	private final BoundedCache<String, KeyValue> models = new BoundedCache<>();

	private final BoundedCache<String, KeyValue> clients = new BoundedCache<>();

	// and so are contextual names, per operation and model
	private final Map<OpenAiOperation, BoundedCache<String, String>> contextualNames = contextualNames();

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(OpenAiObservationContext context) {
		String model = context.getRequestModel();
		OpenAiOperation operation = context.getRequest().operation();
		if (model == null) {
			return operation.operationName();
		}
		BoundedCache<String, String> names = this.contextualNames.get(operation);
		String name = names.get(model);
		return (name != null) ? name : names.keep(model, operation.operationName() + " " + model);
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OpenAiObservationContext context) {
		return KeyValues.of(OPERATIONS.get(context.getRequest().operation()), PROVIDER_KEY_VALUE, requestModel(context),
				errorType(context), cached(this.clients, LowCardinalityKeyNames.CLIENT_NAME, context.getClientName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(OpenAiObservationContext context) {
		// collected first and sorted once, since KeyValues#and copies and sorts each time
		List<KeyValue> values = new ArrayList<>(8);
		if (context.getError() instanceof OpenAiException ex) {
			if (ex.requestId() != null) {
				values.add(HighCardinalityKeyNames.REQUEST_ID.withValue(ex.requestId()));
			}
			if (ex.statusCode() > 0) {
				values.add(HighCardinalityKeyNames.RESPONSE_STATUS_CODE.withValue(String.valueOf(ex.statusCode())));
			}
		}
		List<OpenAiException> retried = context.getRetriedAttempts();
		if (!retried.isEmpty()) {
			values.add(HighCardinalityKeyNames.RETRIES.withValue(String.valueOf(retried.size())));
			StringJoiner requestIds = new StringJoiner(",");
			for (OpenAiException failure : retried) {
				if (failure.requestId() != null) {
					requestIds.add(failure.requestId());
				}
			}
			if (requestIds.length() > 0) {
				values.add(HighCardinalityKeyNames.RETRIED_REQUEST_IDS.withValue(requestIds.toString()));
			}
		}
		if (context.getResponseId() != null) {
			values.add(HighCardinalityKeyNames.RESPONSE_ID.withValue(context.getResponseId()));
		}
		if (context.getResponseModel() != null) {
			values.add(HighCardinalityKeyNames.RESPONSE_MODEL.withValue(context.getResponseModel()));
		}
		List<String> reasons = context.getFinishReasons();
		if (!reasons.isEmpty()) {
			values.add(HighCardinalityKeyNames.RESPONSE_FINISH_REASONS
				.withValue((reasons.size() == 1) ? reasons.get(0) : String.join(",", reasons)));
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
		else if (context.getRequest().body() instanceof ResponseRequest response) {
			if (response.temperature() != null) {
				values.add(HighCardinalityKeyNames.REQUEST_TEMPERATURE.withValue(String.valueOf(response.temperature())));
			}
			if (response.maxOutputTokens() != null) {
				values.add(
						HighCardinalityKeyNames.REQUEST_MAX_TOKENS.withValue(String.valueOf(response.maxOutputTokens())));
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
		return cached(this.models, LowCardinalityKeyNames.REQUEST_MODEL, (model != null) ? model : UNKNOWN);
	}

	protected KeyValue errorType(OpenAiObservationContext context) {
		Throwable error = context.getError();
		if (error == null) {
			return NO_ERROR_KEY_VALUE;
		}
		OpenAiErrorKind kind = (error instanceof OpenAiException ex) ? ex.kind() : OpenAiErrorKind.UNKNOWN;
		return ERROR_KINDS.get(kind);
	}

	private static KeyValue cached(BoundedCache<String, KeyValue> cache, LowCardinalityKeyNames key, String value) {
		KeyValue keyValue = cache.get(value);
		return (keyValue != null) ? keyValue : cache.keep(value, key.withValue(value));
	}

	private static Map<OpenAiOperation, BoundedCache<String, String>> contextualNames() {
		Map<OpenAiOperation, BoundedCache<String, String>> names = new EnumMap<>(OpenAiOperation.class);
		for (OpenAiOperation operation : OpenAiOperation.values()) {
			names.put(operation, new BoundedCache<>());
		}
		return names;
	}

	private static <E extends Enum<E>> Map<E, KeyValue> keyValues(Class<E> type, LowCardinalityKeyNames key,
			Function<E, String> value) {
		Map<E, KeyValue> keyValues = new EnumMap<>(type);
		for (E constant : type.getEnumConstants()) {
			keyValues.put(constant, key.withValue(value.apply(constant)));
		}
		return keyValues;
	}

}
