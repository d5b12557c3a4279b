package io.github.openaiboot.observation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.responses.ResponseRequest;
import io.github.openaiboot.usage.ServiceTier;
import io.github.openaiboot.usage.Usage;
import io.micrometer.observation.Observation;
import io.github.openaiboot.usage.PricingTable;
import org.jspecify.annotations.Nullable;

/**
 * Observation context of one OpenAI call, streams included: the request, and what the
 * response said about the model, tokens, service tier and finish reasons.
 *
 * @author openai-spring-boot
 */
public class OpenAiObservationContext extends Observation.Context {

	private final OpenAiRequest<?> request;

	private final String clientName;

	private final @Nullable PricingTable pricingTable;

	private final boolean streaming;

	private @Nullable Object response;

	private @Nullable Usage usage;

	private @Nullable String responseId;

	private @Nullable String responseModel;

	private @Nullable String serviceTier;

	private List<String> finishReasons = List.of();

	private @Nullable Duration timeToFirstChunk;

	private @Nullable BigDecimal cost;

	private @Nullable List<OpenAiException> retried;

	// Kept here by OpenAiMeterObservationHandler rather than in the context's map, which
	// is a ConcurrentHashMap; typed Object so that this class needs no micrometer-core.
	long startNanos;

	@Nullable Object activeSample;

	/**
	 * Create a context.
	 * @param request the request
	 * @param clientName the name of the client, for telling several apart
	 * @param streaming whether the response is a stream of chunks
	 */
	public OpenAiObservationContext(OpenAiRequest<?> request, String clientName, boolean streaming) {
		this(request, clientName, streaming, null);
	}

	/**
	 * Create a context for a client with prices of its own.
	 * @param request the request
	 * @param clientName the name of the client, for telling several apart
	 * @param streaming whether the response is a stream of chunks
	 * @param pricingTable the client's prices, or {@code null} for the application's
	 */
	public OpenAiObservationContext(OpenAiRequest<?> request, String clientName, boolean streaming,
			@Nullable PricingTable pricingTable) {
		this.request = request;
		this.clientName = clientName;
		this.streaming = streaming;
		this.pricingTable = pricingTable;
	}

	/**
	 * Record an attempt of the call that failed and is retried.
	 * @param failure why the attempt failed
	 */
	public void addRetriedAttempt(OpenAiException failure) {
		if (this.retried == null) {
			this.retried = new ArrayList<>(2);
		}
		this.retried.add(failure);
	}

	/**
	 * Return the failures of the attempts that were retried, in order: one less than
	 * the attempts made when the last one succeeded.
	 * @return the retried failures, empty when the first attempt was the last
	 */
	public List<OpenAiException> getRetriedAttempts() {
		return (this.retried != null) ? List.copyOf(this.retried) : List.of();
	}

	/**
	 * Return the prices of the client that made the call.
	 * @return the prices, or {@code null} when the client uses the application's
	 */
	public @Nullable PricingTable getPricingTable() {
		return this.pricingTable;
	}

	/**
	 * Return the request.
	 * @return the request
	 */
	public OpenAiRequest<?> getRequest() {
		return this.request;
	}

	/**
	 * Return the name of the client that made the call.
	 * @return the client name
	 */
	public String getClientName() {
		return this.clientName;
	}

	/**
	 * Return whether the response is a stream of chunks.
	 * @return whether the call streams
	 */
	public boolean isStreaming() {
		return this.streaming;
	}

	/**
	 * Return the decoded response, or the last chunk of a stream.
	 * @return the response, or {@code null}
	 */
	public @Nullable Object getResponse() {
		return this.response;
	}

	public void setResponse(@Nullable Object response) {
		this.response = response;
	}

	/**
	 * Return the tokens the call used, as reported by OpenAI.
	 * @return the usage, or {@code null} when none was reported (yet)
	 */
	public @Nullable Usage getUsage() {
		return this.usage;
	}

	public void setUsage(@Nullable Usage usage) {
		this.usage = usage;
	}

	/**
	 * Return the id of the response, such as {@code chatcmpl-…}.
	 * @return the response id, or {@code null}
	 */
	public @Nullable String getResponseId() {
		return this.responseId;
	}

	public void setResponseId(@Nullable String responseId) {
		this.responseId = responseId;
	}

	/**
	 * Return the model that answered, often a dated snapshot of the requested one.
	 * @return the response model, or {@code null}
	 */
	public @Nullable String getResponseModel() {
		return this.responseModel;
	}

	public void setResponseModel(@Nullable String responseModel) {
		this.responseModel = responseModel;
	}

	/**
	 * Return the processing tier the response says served the call.
	 * @return the tier as OpenAI wrote it, such as {@code default} or {@code flex}, or
	 * {@code null}
	 */
	public @Nullable String getServiceTier() {
		return this.serviceTier;
	}

	public void setServiceTier(@Nullable String serviceTier) {
		this.serviceTier = serviceTier;
	}

	/**
	 * Return why each answer ended.
	 * @return the finish reasons, empty when none was reported
	 */
	public List<String> getFinishReasons() {
		return this.finishReasons;
	}

	public void setFinishReasons(List<String> finishReasons) {
		this.finishReasons = List.copyOf(finishReasons);
	}

	/**
	 * Return the time from subscription to the first chunk of a stream.
	 * @return the time, or {@code null} before the first chunk or for non-streaming calls
	 */
	public @Nullable Duration getTimeToFirstChunk() {
		return this.timeToFirstChunk;
	}

	public void setTimeToFirstChunk(@Nullable Duration timeToFirstChunk) {
		this.timeToFirstChunk = timeToFirstChunk;
	}

	/**
	 * Return what the call cost, once known.
	 * @return the cost in US dollars, or {@code null} when unknown
	 */
	public @Nullable BigDecimal getCost() {
		return this.cost;
	}

	public void setCost(@Nullable BigDecimal cost) {
		this.cost = cost;
	}

	/**
	 * Return the model the request asked for.
	 * @return the request model, or {@code null}
	 */
	public @Nullable String getRequestModel() {
		return this.request.model();
	}

	/**
	 * Return the model to price the call by: the model that answered if known, else the
	 * requested one.
	 * @return the model, or {@code null}
	 */
	public @Nullable String getPricedModel() {
		return (this.responseModel != null) ? this.responseModel : this.request.model();
	}

	/**
	 * Return the service tier to price the call at: the one the response reports if
	 * known, else the one a chat or Responses API request asked for.
	 * @return the tier, {@link ServiceTier#DEFAULT} when neither says
	 */
	public ServiceTier getPricedServiceTier() {
		if (this.request.operation() == OpenAiOperation.BATCH_RESULT) {
			// answered through the Batch API, whatever tier the answer names
			return ServiceTier.BATCH;
		}
		if (this.serviceTier != null) {
			return ServiceTier.of(this.serviceTier);
		}
		if (this.request.body() instanceof ChatRequest chat) {
			return ServiceTier.of(chat.serviceTier());
		}
		return (this.request.body() instanceof ResponseRequest response) ? ServiceTier.of(response.serviceTier())
				: ServiceTier.DEFAULT;
	}

}
