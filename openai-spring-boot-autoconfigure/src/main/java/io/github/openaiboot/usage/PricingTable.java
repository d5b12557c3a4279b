package io.github.openaiboot.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * What OpenAI calls cost, in US dollars: token prices by model family, image prices by
 * model, size and quality, and audio prices per minute (whisper-1), per character
 * (tts-1, tts-1-hd) or per text and audio token (the gpt-4o transcribe models,
 * gpt-4o-mini-tts). A model is priced by the longest known name it starts
 * with, followed by the end of the name, a {@code -} or a {@code :}, so dated snapshots
 * such as {@code gpt-4o-mini-2024-07-18} find the price of {@code gpt-4o-mini} (and not
 * that of {@code gpt-4o}), and fine-tuned models such as
 * {@code ft:gpt-4o-mini-2024-07-18:acme::abc123} the fine-tuned price of theirs
 * ({@code ft:gpt-4o-mini}). Prices change: the built-in list prices can be overridden
 * per model.
 * <p>
 * A call is priced at the {@link ServiceTier} it was served at: the price set for the
 * tier and model if there is one, otherwise the standard price times the tier's factor,
 * half for {@link ServiceTier#FLEX flex} and {@link ServiceTier#BATCH batch}, double for
 * {@link ServiceTier#PRIORITY priority}.
 * <p>
 * The built-in prices are those of {@link #asOf()}; a model the table cannot price is
 * logged at WARN the first time, with the property that prices it.
 *
 * @author openai-spring-boot
 */
public final class PricingTable {

	private static final Log logger = LogFactory.getLog(PricingTable.class);

	private static final String DEFAULT_IMAGE_SIZE = "1024x1024";

	static final String DEFAULT_IMAGE_QUALITY = "standard";

	private static final BigDecimal HALF = new BigDecimal("0.5");

	private static final Map<String, BigDecimal> TRAINING_PRICES = Collections
		.unmodifiableMap(BuiltInPrices.trainingPrices());

	private static final BigDecimal DOUBLE = new BigDecimal("2");

	private static final BigDecimal SIXTY = new BigDecimal("60");

	private final LocalDate asOf;

	private final AtomicBoolean asOfLogged = new AtomicBoolean();

	// Standard prices under DEFAULT; other tiers hold only the prices set for them.
	private final Map<ServiceTier, Map<String, TokenPrice>> tokenPrices;

	private final Map<String, BigDecimal> imagePrices;

	// Prices of audio by the minute, character or token, for transcription and speech.
	private final Map<String, AudioPrice> audioPrices;

	// Audio token prices by model family, for models that price audio apart from text.
	private final Map<String, TokenPrice> audioTokenPrices;

	private final Set<String> unpricedModelsLogged = ConcurrentHashMap.newKeySet();

	// Model names are few; the family match is computed once per name.
	private static final int MAX_RESOLVED = 1000;

	private final Map<String, Resolved> resolved = new ConcurrentHashMap<>();

	private PricingTable(LocalDate asOf, Map<ServiceTier, Map<String, TokenPrice>> tokenPrices,
			Map<String, BigDecimal> imagePrices, Map<String, AudioPrice> audioPrices,
			Map<String, TokenPrice> audioTokenPrices) {
		this.asOf = asOf;
		this.audioTokenPrices = Collections.unmodifiableMap(new LinkedHashMap<>(audioTokenPrices));
		Map<ServiceTier, Map<String, TokenPrice>> tiers = new EnumMap<>(ServiceTier.class);
		for (ServiceTier tier : ServiceTier.values()) {
			tiers.put(tier, Collections.unmodifiableMap(new LinkedHashMap<>(tokenPrices.getOrDefault(tier, Map.of()))));
		}
		this.tokenPrices = Collections.unmodifiableMap(tiers);
		this.imagePrices = Collections.unmodifiableMap(new LinkedHashMap<>(imagePrices));
		this.audioPrices = Collections.unmodifiableMap(new LinkedHashMap<>(audioPrices));
	}

	/**
	 * Return a table of OpenAI's published list prices.
	 * @return the built-in prices
	 */
	public static PricingTable builtIn() {
		return new PricingTable(BuiltInPrices.AS_OF, Map.of(ServiceTier.DEFAULT, BuiltInPrices.tokenPrices()),
				BuiltInPrices.imagePrices(), BuiltInPrices.audioPrices(), BuiltInPrices.realtimeAudioPrices());
	}

	/**
	 * Return a table with the given token prices added or replacing those of the same
	 * model names.
	 * @param overrides token prices by model name (or family prefix)
	 * @return a new table
	 */
	public PricingTable withTokenPrices(Map<String, TokenPrice> overrides) {
		return withTokenPrices(ServiceTier.DEFAULT, overrides);
	}

	/**
	 * Return a table with the given token prices of a service tier added or replacing
	 * those of the same model names, for models whose price at that tier is not the
	 * standard price times the tier's factor.
	 * @param tier the tier the prices are for
	 * @param overrides token prices by model name (or family prefix)
	 * @return a new table
	 */
	public PricingTable withTokenPrices(ServiceTier tier, Map<String, TokenPrice> overrides) {
		Map<ServiceTier, Map<String, TokenPrice>> tiers = new EnumMap<>(this.tokenPrices);
		Map<String, TokenPrice> tokens = new LinkedHashMap<>(tiers.get(tier));
		overrides.forEach((model, price) -> tokens.put(normalize(model), price));
		tiers.put(tier, tokens);
		return new PricingTable(this.asOf, tiers, this.imagePrices, this.audioPrices, this.audioTokenPrices);
	}

	/**
	 * Return a table with the given audio token prices added or replacing those of the
	 * same model names, for models such as {@code gpt-realtime} that price audio input
	 * and output apart from text. The audio tokens of a call to such a model (reported in
	 * the usage details) are priced at its audio price, the rest at its token price;
	 * without an audio price, all tokens are priced at the token price.
	 * @param overrides audio token prices by model name (or family prefix); the cached
	 * input price is not used, cached audio being priced as audio input
	 * @return a new table
	 * @since 0.1.0
	 */
	public PricingTable withAudioPrices(Map<String, TokenPrice> overrides) {
		Map<String, TokenPrice> audio = new LinkedHashMap<>(this.audioTokenPrices);
		overrides.forEach((model, price) -> audio.put(normalize(model), price));
		return new PricingTable(this.asOf, this.tokenPrices, this.imagePrices, this.audioPrices, audio);
	}

	/**
	 * Return the audio token price of a model.
	 * @param model the model, such as {@code gpt-realtime-2025-08-28}
	 * @return the price of the model's family, empty when its audio is not priced apart
	 * @since 0.1.0
	 */
	public Optional<TokenPrice> audioPrice(@Nullable String model) {
		if (model == null || model.isBlank() || this.audioTokenPrices.isEmpty()) {
			return Optional.empty();
		}
		String family = bestFamily(normalize(model), this.audioTokenPrices);
		return Optional.ofNullable((family != null) ? this.audioTokenPrices.get(family) : null);
	}

	/**
	 * Return the date of the built-in list prices: OpenAI may have changed its prices
	 * since.
	 * @return the date the built-in prices were checked
	 */
	public LocalDate asOf() {
		return this.asOf;
	}

	/**
	 * Return the names and families of the models with a standard token price, in the
	 * order they were added.
	 * @return the model names, lower case
	 */
	public Set<String> models() {
		return this.tokenPrices.get(ServiceTier.DEFAULT).keySet();
	}

	/**
	 * Return the standard token price of a model.
	 * @param model the model, such as {@code gpt-4o-mini-2024-07-18}
	 * @return the price of the model's family, empty when none is known
	 */
	public Optional<TokenPrice> tokenPrice(@Nullable String model) {
		return tokenPrice(model, ServiceTier.DEFAULT);
	}

	/**
	 * Return the token price of a model at a service tier.
	 * @param model the model, such as {@code gpt-5-2025-08-07}
	 * @param tier the tier the call was served at
	 * @return the price, empty when none is known
	 */
	public Optional<TokenPrice> tokenPrice(@Nullable String model, ServiceTier tier) {
		return resolve(model).at(tier).price();
	}

	private Resolved resolve(@Nullable String model) {
		if (model == null || model.isBlank()) {
			return Resolved.NONE;
		}
		Resolved resolved = this.resolved.get(model);
		if (resolved == null) {
			resolved = resolveUncached(normalize(model));
			if (this.resolved.size() < MAX_RESOLVED) {
				this.resolved.put(model, resolved);
			}
		}
		return resolved;
	}

	private Resolved resolveUncached(String name) {
		if (this.asOfLogged.compareAndSet(false, true) && logger.isDebugEnabled()) {
			logger.debug("Pricing OpenAI calls at list prices as of " + this.asOf
					+ "; set openai.pricing.models[<model>] to change them");
		}
		Map<String, TokenPrice> standard = this.tokenPrices.get(ServiceTier.DEFAULT);
		String family = bestFamily(name, standard);
		Priced[] byTier = new Priced[ServiceTier.values().length];
		for (ServiceTier tier : ServiceTier.values()) {
			Map<String, TokenPrice> prices = this.tokenPrices.get(tier);
			String tierFamily = (tier != ServiceTier.DEFAULT) ? bestFamily(name, prices) : null;
			// a price set for the tier wins unless a longer standard family is known, so
			// that one set for gpt-5 does not price gpt-5-mini
			TokenPrice price = (tierFamily != null && (family == null || tierFamily.length() >= family.length()))
					? prices.get(tierFamily)
					: (family != null) ? standardAt(standard.get(family), tier) : null;
			byTier[tier.ordinal()] = Priced.of(price);
		}
		return new Resolved(byTier);
	}

	private static @Nullable String bestFamily(String name, Map<String, TokenPrice> prices) {
		String best = null;
		for (String family : prices.keySet()) {
			if (matches(name, family) && (best == null || family.length() > best.length())) {
				best = family;
			}
		}
		return best;
	}

	// Flex and Batch are half the standard price and priority double: the rates of
	// gpt-5's flex and priority prices and of every Batch price in the lists the
	// built-in prices come from. Priority prices of other models may differ.
	private static TokenPrice standardAt(TokenPrice standard, ServiceTier tier) {
		return switch (tier) {
			case DEFAULT -> standard;
			case FLEX, BATCH -> standard.times(HALF);
			case PRIORITY -> standard.times(DOUBLE);
		};
	}

	/**
	 * Return what the tokens of a call cost, with cached prompt tokens priced at the
	 * cached input price. Reasoning tokens are billed as output and are already part of
	 * the completion tokens, so they are not added again.
	 * @param model the model that was used
	 * @param usage the usage OpenAI reported
	 * @return the cost in US dollars at standard prices, empty when the model has no
	 * known price
	 */
	public Optional<BigDecimal> cost(@Nullable String model, Usage usage) {
		return cost(model, usage, ServiceTier.DEFAULT);
	}

	/**
	 * Return what the tokens of a call served at a service tier cost, with cached prompt
	 * tokens priced at the cached input price. Reasoning tokens are billed as output and
	 * are already part of the completion tokens, so they are not added again.
	 * @param model the model that was used
	 * @param usage the usage OpenAI reported
	 * @param tier the tier the call was served at
	 * @return the cost in US dollars, empty when the model has no known price
	 */
	public Optional<BigDecimal> cost(@Nullable String model, Usage usage, ServiceTier tier) {
		Priced resolved = resolve(model).at(tier);
		if (resolved.price().isEmpty()) {
			logUnpriced(model);
			return Optional.empty();
		}
		int audioInput = audioTokens(usage.promptTokensDetails());
		int audioOutput = audioTokens(usage.completionTokensDetails());
		Optional<TokenPrice> audioPrice = (audioInput > 0 || audioOutput > 0) ? audioPrice(model) : Optional.empty();
		if (audioPrice.isPresent()) {
			return Optional.of(costWithAudio(resolved.price().get(), audioPrice.get(), usage, audioInput, audioOutput));
		}
		int cached = Math.min(Math.max(usage.cachedTokens(), 0), usage.promptTokens());
		long uncached = usage.promptTokens() - cached;
		long completion = usage.completionTokens();
		ExactPrice exact = resolved.exact();
		BigDecimal cost = (exact != null) ? exact.cost(uncached, cached, completion) : null;
		if (cost == null) {
			TokenPrice tokenPrice = resolved.price().get();
			BigDecimal perMillion = tokenPrice.input()
				.multiply(BigDecimal.valueOf(uncached))
				.add(tokenPrice.cachedInput().multiply(BigDecimal.valueOf(cached)))
				.add(tokenPrice.output().multiply(BigDecimal.valueOf(completion)));
			// exact, and far cheaper than a division
			cost = perMillion.movePointLeft(6);
		}
		return Optional.of(cost.stripTrailingZeros());
	}

	private static BigDecimal costWithAudio(TokenPrice text, TokenPrice audio, Usage usage, int audioInput,
			int audioOutput) {
		long audioIn = Math.min(audioInput, usage.promptTokens());
		long audioOut = Math.min(audioOutput, usage.completionTokens());
		long textInput = usage.promptTokens() - audioIn;
		long cached = Math.min(Math.max(usage.cachedTokens(), 0), textInput);
		BigDecimal perMillion = text.input()
			.multiply(BigDecimal.valueOf(textInput - cached))
			.add(text.cachedInput().multiply(BigDecimal.valueOf(cached)))
			.add(text.output().multiply(BigDecimal.valueOf(usage.completionTokens() - audioOut)))
			.add(audio.input().multiply(BigDecimal.valueOf(audioIn)))
			.add(audio.output().multiply(BigDecimal.valueOf(audioOut)));
		return perMillion.movePointLeft(6).stripTrailingZeros();
	}

	private static int audioTokens(Usage.@Nullable PromptTokensDetails details) {
		return (details != null && details.audioTokens() != null) ? Math.max(details.audioTokens(), 0) : 0;
	}

	private static int audioTokens(Usage.@Nullable CompletionTokensDetails details) {
		return (details != null && details.audioTokens() != null) ? Math.max(details.audioTokens(), 0) : 0;
	}

	/**
	 * Return what training a fine-tuned model cost, at the built-in training price of its
	 * base model (reinforcement fine-tuning, billed by the hour, is not priced).
	 * @param model the base model of the job, such as {@code gpt-4o-mini-2024-07-18}
	 * @param trainedTokens the tokens it trained on, as the job reports them
	 * @return the cost in US dollars, empty when no training price is known
	 */
	public Optional<BigDecimal> trainingCost(@Nullable String model, long trainedTokens) {
		if (model == null || model.isBlank()) {
			return Optional.empty();
		}
		String name = normalize(model);
		String best = null;
		for (String family : TRAINING_PRICES.keySet()) {
			if (matches(name, family) && (best == null || family.length() > best.length())) {
				best = family;
			}
		}
		if (best == null) {
			if (firstUnpriced("training|" + name) && logger.isWarnEnabled()) {
				logger.warn("No training price is known for OpenAI model '" + model
						+ "': the tokens of its fine-tuning jobs are counted but not their cost");
			}
			return Optional.empty();
		}
		return Optional.of(TRAINING_PRICES.get(best)
			.multiply(BigDecimal.valueOf(trainedTokens))
			.movePointLeft(6)
			.stripTrailingZeros());
	}

	/**
	 * Return what generated images cost.
	 * @param model the image model, such as {@code dall-e-3}
	 * @param size the size, {@code 1024x1024} when {@code null}
	 * @param quality the quality, {@code standard} when {@code null}
	 * @param count the number of images
	 * @return the cost in US dollars, empty when no price is known
	 */
	public Optional<BigDecimal> imageCost(@Nullable String model, @Nullable String size, @Nullable String quality,
			int count) {
		if (model == null) {
			return Optional.empty();
		}
		String key = imageKey(model, (size != null) ? size : DEFAULT_IMAGE_SIZE,
				(quality != null) ? quality : DEFAULT_IMAGE_QUALITY);
		BigDecimal price = this.imagePrices.get(key);
		if (price == null && normalize(model).startsWith("dall-e-2")) {
			// dall-e-2 has a single quality
			price = this.imagePrices.get(imageKey(model, (size != null) ? size : DEFAULT_IMAGE_SIZE,
					DEFAULT_IMAGE_QUALITY));
		}
		if (price == null) {
			logUnpricedImage(model, key);
			return Optional.empty();
		}
		return Optional.of(price.multiply(BigDecimal.valueOf(count)));
	}

	/**
	 * Return what transcribed or translated audio costs when it is priced per minute
	 * (whisper-1), from its duration.
	 * @param model the model
	 * @param seconds the audio's duration in seconds
	 * @return the cost in US dollars, empty when the model is not priced per minute
	 */
	public Optional<BigDecimal> audioMinuteCost(@Nullable String model, double seconds) {
		AudioPrice price = audioUnitPrice(model);
		if (price == null || price.perMinute() == null) {
			return Optional.empty();
		}
		BigDecimal minutes = BigDecimal.valueOf(seconds).divide(SIXTY, 10, RoundingMode.HALF_UP);
		return Optional.of(price.perMinute().multiply(minutes).setScale(10, RoundingMode.HALF_UP).stripTrailingZeros());
	}

	/**
	 * Return what speech costs when it is priced per character of input (tts-1,
	 * tts-1-hd).
	 * @param model the model
	 * @param characters the input's characters
	 * @return the cost in US dollars, empty when the model is not priced per character
	 */
	public Optional<BigDecimal> speechCharacterCost(@Nullable String model, long characters) {
		AudioPrice price = audioUnitPrice(model);
		if (price == null || price.perMillionCharacters() == null) {
			return Optional.empty();
		}
		return Optional.of(price.perMillionCharacters().multiply(BigDecimal.valueOf(characters)).movePointLeft(6)
			.stripTrailingZeros());
	}

	/**
	 * Return what a transcription costs when it is priced per token (the gpt-4o
	 * transcribe models): text input, audio input and text output tokens at their prices.
	 * @param model the model
	 * @param textTokens text input tokens (the prompt)
	 * @param audioTokens audio input tokens
	 * @param outputTokens output tokens
	 * @return the cost in US dollars, empty when the model is not priced per token
	 */
	public Optional<BigDecimal> audioTokenCost(@Nullable String model, long textTokens, long audioTokens,
			long outputTokens) {
		AudioPrice price = audioUnitPrice(model);
		if (price == null || price.audioInput() == null) {
			return Optional.empty();
		}
		BigDecimal perMillion = zeroIfNull(price.textInput()).multiply(BigDecimal.valueOf(textTokens))
			.add(price.audioInput().multiply(BigDecimal.valueOf(audioTokens)))
			.add(zeroIfNull(price.output()).multiply(BigDecimal.valueOf(outputTokens)));
		return Optional.of(perMillion.movePointLeft(6).stripTrailingZeros());
	}

	/**
	 * Return what speech costs when it is priced per token (gpt-4o-mini-tts): text input
	 * tokens and audio output tokens at their prices, as {@code speech.audio.done}
	 * reports them.
	 * @param model the model
	 * @param inputTokens text input tokens
	 * @param audioOutputTokens audio output tokens
	 * @return the cost in US dollars, empty when the model's speech is not priced per
	 * token
	 * @since 0.1.0
	 */
	public Optional<BigDecimal> speechTokenCost(@Nullable String model, long inputTokens, long audioOutputTokens) {
		AudioPrice price = audioUnitPrice(model);
		if (price == null || price.audioOutput() == null) {
			return Optional.empty();
		}
		BigDecimal perMillion = zeroIfNull(price.textInput()).multiply(BigDecimal.valueOf(inputTokens))
			.add(price.audioOutput().multiply(BigDecimal.valueOf(audioOutputTokens)));
		return Optional.of(perMillion.movePointLeft(6).stripTrailingZeros());
	}

	private static BigDecimal zeroIfNull(@Nullable BigDecimal value) {
		return (value != null) ? value : BigDecimal.ZERO;
	}

	private @Nullable AudioPrice audioUnitPrice(@Nullable String model) {
		if (model == null || model.isBlank()) {
			return null;
		}
		String name = normalize(model);
		String best = null;
		for (String family : this.audioPrices.keySet()) {
			if (matches(name, family) && (best == null || family.length() > best.length())) {
				best = family;
			}
		}
		return (best != null) ? this.audioPrices.get(best) : null;
	}

	private void logUnpriced(@Nullable String model) {
		if (model == null || model.isBlank() || !firstUnpriced(normalize(model))) {
			return;
		}
		if (logger.isWarnEnabled()) {
			// brackets keep dots and colons in the key, which Spring would otherwise drop
			String key = "openai.pricing.models[" + normalize(model) + "]";
			logger.warn("No price is known for OpenAI model '" + model + "' (built-in list prices as of "
					+ this.asOf + "): its tokens are counted but not its cost. To price it, set " + key
					+ ".input and " + key + ".output (and " + key + ".cached-input) in USD per 1M tokens;"
					+ " in YAML, under openai.pricing.models: \"[" + normalize(model)
					+ "]\": { input: ..., cached-input: ..., output: ... }");
		}
	}

	private void logUnpricedImage(String model, String key) {
		if (firstUnpriced(key) && logger.isWarnEnabled()) {
			String[] parts = key.split("\\|");
			logger.warn("No price is known for OpenAI image model '" + model + "' at size " + parts[1]
					+ " and quality " + parts[2] + ": its images are not counted in the cost");
		}
	}

	private boolean firstUnpriced(String key) {
		return this.unpricedModelsLogged.size() < MAX_RESOLVED && this.unpricedModelsLogged.add(key);
	}

	private static boolean matches(String name, String family) {
		if (!name.startsWith(family)) {
			return false;
		}
		if (name.length() == family.length()) {
			return true;
		}
		char next = name.charAt(family.length());
		// ':' separates the parts of a fine-tuned model's name
		return next == '-' || next == ':';
	}

	static String imageKey(String model, String size, String quality) {
		return normalize(model) + "|" + size.toLowerCase(Locale.ROOT).strip() + "|"
				+ quality.toLowerCase(Locale.ROOT).strip();
	}

	private static String normalize(String model) {
		return model.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * The price of an audio model, in one or more of its units, in US dollars: per
	 * minute of audio, per million characters of input, per million text input, audio
	 * input, text output and audio output tokens.
	 */
	record AudioPrice(@Nullable BigDecimal perMinute, @Nullable BigDecimal perMillionCharacters,
			@Nullable BigDecimal textInput, @Nullable BigDecimal audioInput, @Nullable BigDecimal output,
			@Nullable BigDecimal audioOutput) {

	}

	/**
	 * A model's resolved prices, one per service tier.
	 */
	private record Resolved(Priced[] byTier) {

		static final Resolved NONE = new Resolved(new Priced[0]);

		Priced at(ServiceTier tier) {
			return (this.byTier.length > 0) ? this.byTier[tier.ordinal()] : Priced.NONE;
		}

	}

	/**
	 * A model's price at one tier, with its exact integer form when it has one.
	 */
	private record Priced(Optional<TokenPrice> price, @Nullable ExactPrice exact) {

		static final Priced NONE = new Priced(Optional.empty(), null);

		static Priced of(@Nullable TokenPrice price) {
			return (price != null) ? new Priced(Optional.of(price), ExactPrice.of(price)) : NONE;
		}

	}

	/**
	 * Token prices as unscaled longs at one common scale, so that a cost is summed in
	 * {@code long} arithmetic and made into one {@code BigDecimal}: the same exact value
	 * as the {@code BigDecimal} arithmetic, with a tenth of the objects.
	 */
	private record ExactPrice(long input, long cachedInput, long output, int scale) {

		static @Nullable ExactPrice of(TokenPrice price) {
			int scale = Math.max(Math.max(price.input().scale(), price.cachedInput().scale()),
					Math.max(price.output().scale(), 0));
			try {
				return new ExactPrice(unscaled(price.input(), scale), unscaled(price.cachedInput(), scale),
						unscaled(price.output(), scale), scale);
			}
			catch (ArithmeticException ex) {
				return null;
			}
		}

		private static long unscaled(BigDecimal price, int scale) {
			return price.setScale(scale).unscaledValue().longValueExact();
		}

		/**
		 * Return the cost of the tokens in dollars (prices are per million tokens), or
		 * {@code null} when the sum does not fit in a {@code long}.
		 */
		@Nullable BigDecimal cost(long uncached, long cached, long completion) {
			try {
				long sum = Math.addExact(Math.addExact(Math.multiplyExact(this.input, uncached),
						Math.multiplyExact(this.cachedInput, cached)), Math.multiplyExact(this.output, completion));
				return BigDecimal.valueOf(sum, this.scale + 6);
			}
			catch (ArithmeticException ex) {
				return null;
			}
		}

	}

}
