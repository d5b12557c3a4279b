package io.github.openaiboot.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OpenAI's list prices as the starter ships them, with the date they were checked and
 * how sure they are.
 *
 * @author openai-spring-boot
 */
final class BuiltInPrices {

	/**
	 * The date of the newest price list the built-in prices were cross-checked against.
	 */
	static final LocalDate AS_OF = LocalDate.of(2026, 7, 24);

	private static final String FINE_TUNED_PREFIX = "ft:";

	private BuiltInPrices() {
	}

	/**
	 * Return the standard token prices by model family, in US dollars per million tokens.
	 * @return the prices, in a fresh map
	 */
	static Map<String, TokenPrice> tokenPrices() {
		Map<String, TokenPrice> tokens = new LinkedHashMap<>();
		// OpenAI's pricing page could not be read directly: these are cross-checked
		// against a LiteLLM-derived price list of 2026-07-24 and the page as of 2025.
		tokens.put("gpt-5", TokenPrice.perMillion("1.25", "0.125", "10.00"));
		tokens.put("gpt-5-mini", TokenPrice.perMillion("0.25", "0.025", "2.00"));
		tokens.put("gpt-5-nano", TokenPrice.perMillion("0.05", "0.005", "0.40"));
		// Less certain: from a single secondary price list (2026-05), not cross-checked.
		tokens.put("gpt-5.5", TokenPrice.perMillion("5.00", "0.50", "30.00"));
		tokens.put("gpt-5.4", TokenPrice.perMillion("2.50", "0.25", "15.00"));
		tokens.put("gpt-5.4-mini", TokenPrice.perMillion("0.75", "0.075", "4.50"));
		tokens.put("gpt-5.4-nano", TokenPrice.perMillion("0.20", "0.02", "1.25"));
		tokens.put("gpt-4o", TokenPrice.perMillion("2.50", "1.25", "10.00"));
		tokens.put("gpt-4o-mini", TokenPrice.perMillion("0.15", "0.075", "0.60"));
		tokens.put("gpt-4.1", TokenPrice.perMillion("2.00", "0.50", "8.00"));
		tokens.put("gpt-4.1-mini", TokenPrice.perMillion("0.40", "0.10", "1.60"));
		tokens.put("gpt-4.1-nano", TokenPrice.perMillion("0.10", "0.025", "0.40"));
		// o3 after the June 2025 price cut
		tokens.put("o3", TokenPrice.perMillion("2.00", "0.50", "8.00"));
		tokens.put("o3-mini", TokenPrice.perMillion("1.10", "0.55", "4.40"));
		tokens.put("o4-mini", TokenPrice.perMillion("1.10", "0.275", "4.40"));
		// Fine-tuned models are billed at a multiple of their base model's price that
		// differs by model. Less certain: from a LiteLLM-derived price table (secondary),
		// not verified against OpenAI's pricing page.
		fineTuned(tokens, "gpt-4.1", "1.5");
		fineTuned(tokens, "gpt-4.1-mini", "2");
		fineTuned(tokens, "gpt-4.1-nano", "2");
		fineTuned(tokens, "gpt-4o", "1.5");
		fineTuned(tokens, "gpt-4o-mini", "2");
		// Realtime models' text tokens (their audio tokens: realtimeAudioPrices). From OpenAI's
		// model pages (developers.openai.com, read 2026-12 from a stored snapshot without a date);
		// gpt-realtime-mini's from the gpt-realtime-2.1-mini page's comparison, less certain.
		tokens.put("gpt-realtime", TokenPrice.perMillion("4.00", "0.40", "16.00"));
		tokens.put("gpt-realtime-mini", TokenPrice.perMillion("0.60", "0.06", "2.40"));
		tokens.put("gpt-4o-realtime-preview", TokenPrice.perMillion("5.00", "2.50", "20.00"));
		tokens.put("gpt-4o-mini-realtime-preview", TokenPrice.perMillion("0.60", "0.30", "2.40"));
		tokens.put("text-embedding-3-small", TokenPrice.perMillion("0.02", "0"));
		tokens.put("text-embedding-3-large", TokenPrice.perMillion("0.13", "0"));
		// Historical prices, published per 1K tokens
		tokens.put("gpt-4", TokenPrice.perMillion("30", "60"));
		tokens.put("gpt-4-32k", TokenPrice.perMillion("60", "120"));
		tokens.put("gpt-3.5-turbo", TokenPrice.perMillion("1.5", "2"));
		tokens.put("gpt-3.5-turbo-16k", TokenPrice.perMillion("3", "4"));
		tokens.put("ada", TokenPrice.perMillion("0.4", "0.4"));
		tokens.put("babbage", TokenPrice.perMillion("0.5", "0.5"));
		tokens.put("curie", TokenPrice.perMillion("2", "2"));
		tokens.put("davinci", TokenPrice.perMillion("20", "20"));
		return tokens;
	}

	/**
	 * Return the prices of fine-tuning training by base model family, in US dollars per
	 * million trained tokens (the tokens of the training file times the epochs).
	 * @return the prices, in a fresh map
	 */
	static Map<String, BigDecimal> trainingPrices() {
		Map<String, BigDecimal> training = new LinkedHashMap<>();
		// gpt-4o-mini from two secondary price lists; the others from the pricing page as
		// remembered, not verified against a stored source
		training.put("gpt-4o-mini", new BigDecimal("3.00"));
		training.put("gpt-4o", new BigDecimal("25.00"));
		training.put("gpt-4.1", new BigDecimal("25.00"));
		training.put("gpt-4.1-mini", new BigDecimal("5.00"));
		training.put("gpt-4.1-nano", new BigDecimal("1.50"));
		return training;
	}

	/**
	 * Return the prices of one image by model, size and quality, in US dollars.
	 * @return the prices, in a fresh map
	 */
	static Map<String, BigDecimal> imagePrices() {
		Map<String, BigDecimal> images = new LinkedHashMap<>();
		// dall-e-2 has a single quality
		image(images, "dall-e-2", "1024x1024", PricingTable.DEFAULT_IMAGE_QUALITY, "0.020");
		image(images, "dall-e-2", "512x512", PricingTable.DEFAULT_IMAGE_QUALITY, "0.018");
		image(images, "dall-e-2", "256x256", PricingTable.DEFAULT_IMAGE_QUALITY, "0.016");
		image(images, "dall-e-3", "1024x1024", "standard", "0.040");
		image(images, "dall-e-3", "1792x1024", "standard", "0.080");
		image(images, "dall-e-3", "1024x1792", "standard", "0.080");
		image(images, "dall-e-3", "1024x1024", "hd", "0.080");
		image(images, "dall-e-3", "1792x1024", "hd", "0.120");
		image(images, "dall-e-3", "1024x1792", "hd", "0.120");
		return images;
	}

	/**
	 * Return the prices of audio models by model family. Whisper per minute and tts per
	 * character are well attested; the gpt-4o transcribe and gpt-4o-mini-tts token prices
	 * come from secondary lists and the pricing page as of 2025. The diarization model is
	 * priced like gpt-4o-transcribe per token, and at OpenAI's published estimate of
	 * $0.006 a minute when its usage counts seconds.
	 * @return the prices, in a fresh map
	 */
	static Map<String, PricingTable.AudioPrice> audioPrices() {
		Map<String, PricingTable.AudioPrice> audio = new LinkedHashMap<>();
		audio.put("whisper-1", new PricingTable.AudioPrice(new BigDecimal("0.006"), null, null, null, null, null));
		audio.put("tts-1", new PricingTable.AudioPrice(null, new BigDecimal("15.00"), null, null, null, null));
		audio.put("tts-1-hd", new PricingTable.AudioPrice(null, new BigDecimal("30.00"), null, null, null, null));
		audio.put("gpt-4o-mini-tts", new PricingTable.AudioPrice(null, null, new BigDecimal("0.60"), null, null,
				new BigDecimal("12.00")));
		audio.put("gpt-4o-transcribe", new PricingTable.AudioPrice(null, null, new BigDecimal("2.50"),
				new BigDecimal("6.00"), new BigDecimal("10.00"), null));
		audio.put("gpt-4o-transcribe-diarize", new PricingTable.AudioPrice(new BigDecimal("0.006"), null,
				new BigDecimal("2.50"), new BigDecimal("6.00"), new BigDecimal("10.00"), null));
		audio.put("gpt-4o-mini-transcribe", new PricingTable.AudioPrice(null, null, new BigDecimal("1.25"),
				new BigDecimal("3.00"), new BigDecimal("5.00"), null));
		return audio;
	}

	/**
	 * Return the audio token prices of the realtime models, which price audio apart from
	 * text: input, cached input and output per million audio tokens. gpt-realtime's come
	 * from its 1.5 snapshot's page and its launch announcement; gpt-realtime-mini's are
	 * less certain.
	 * @return the prices, in a fresh map
	 */
	static Map<String, TokenPrice> realtimeAudioPrices() {
		Map<String, TokenPrice> audio = new LinkedHashMap<>();
		audio.put("gpt-realtime", TokenPrice.perMillion("32.00", "0.40", "64.00"));
		audio.put("gpt-realtime-mini", TokenPrice.perMillion("10.00", "0.30", "20.00"));
		audio.put("gpt-4o-realtime-preview", TokenPrice.perMillion("40.00", "2.50", "80.00"));
		audio.put("gpt-4o-mini-realtime-preview", TokenPrice.perMillion("10.00", "0.30", "20.00"));
		return audio;
	}

	private static void image(Map<String, BigDecimal> images, String model, String size, String quality,
			String price) {
		images.put(PricingTable.imageKey(model, size, quality), new BigDecimal(price));
	}

	private static void fineTuned(Map<String, TokenPrice> tokens, String base, String multiplier) {
		tokens.put(FINE_TUNED_PREFIX + base, tokens.get(base).times(new BigDecimal(multiplier)));
	}

}
