package io.github.openaiboot.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PricingTable}.
 */
class PricingTableTests {

	private final PricingTable table = PricingTable.builtIn();

	private final Logger logger = (Logger) LoggerFactory.getLogger(PricingTable.class);

	private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

	private Level level;

	@BeforeEach
	void captureLogs() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.DEBUG);
		this.logged.start();
		this.logger.addAppender(this.logged);
	}

	@AfterEach
	void releaseLogs() {
		this.logger.detachAppender(this.logged);
		this.logger.setLevel(this.level);
	}

	@Test
	void pricesCachedPromptTokensAtTheCachedInputPrice() {
		Usage usage = new Usage(1000, 500, 1500, new Usage.PromptTokensDetails(200, null), null);
		BigDecimal expected = new BigDecimal("0.15").multiply(BigDecimal.valueOf(800))
			.add(new BigDecimal("0.075").multiply(BigDecimal.valueOf(200)))
			.add(new BigDecimal("0.60").multiply(BigDecimal.valueOf(500)))
			.divide(BigDecimal.valueOf(1_000_000));
		assertThat(this.table.cost("gpt-4o-mini", usage)).hasValueSatisfying(
				(cost) -> assertThat(cost).isEqualByComparingTo(expected).isEqualByComparingTo("0.000435"));
	}

	@ParameterizedTest(name = "{0}: {1} / {2} / {3}")
	@CsvSource({ "gpt-5, 1.25, 0.125, 10.00", "gpt-5-mini, 0.25, 0.025, 2.00", "gpt-5-nano, 0.05, 0.005, 0.40",
			"gpt-5.5, 5.00, 0.50, 30.00", "gpt-5.4, 2.50, 0.25, 15.00", "gpt-5.4-mini, 0.75, 0.075, 4.50",
			"gpt-5.4-nano, 0.20, 0.02, 1.25", "gpt-4.1-nano, 0.10, 0.025, 0.40", "o3, 2.00, 0.50, 8.00",
			"o4-mini, 1.10, 0.275, 4.40" })
	void pricesTheModelsPeopleUseNowAtTheirListPrices(String model, String input, String cachedInput,
			String output) {
		// 1M uncached and 2M cached prompt tokens, 3M completion tokens: each price is
		// weighed differently, so prices in the wrong place give the wrong sum
		Usage usage = new Usage(3_000_000, 3_000_000, 6_000_000, new Usage.PromptTokensDetails(2_000_000, null), null);
		BigDecimal expected = new BigDecimal(input).add(new BigDecimal(cachedInput).multiply(BigDecimal.valueOf(2)))
			.add(new BigDecimal(output).multiply(BigDecimal.valueOf(3)));
		assertThat(this.table.cost(model, usage))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo(expected));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "gpt-realtime-2025-08-28, 0.0536", "gpt-realtime-mini, 0.01636",
			"gpt-4o-realtime-preview-2024-12-17, 0.067", "gpt-4o-mini-realtime-preview, 0.01636" })
	void realtimeModelsPriceTheirAudioTokensApartFromTheirText(String model, String expected) {
		// 1000 in (800 audio), 500 out (400 audio): gpt-realtime is 200 × 4 + 800 × 32 + 100 × 16 + 400 × 64
		Usage usage = new Usage(1000, 500, 1500, new Usage.PromptTokensDetails(null, 800),
				new Usage.CompletionTokensDetails(null, 400, null, null));
		assertThat(this.table.cost(model, usage))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo(expected));
	}

	@Test
	void gpt5CallCostsItsTokensAtGpt5Prices() {
		Usage usage = new Usage(1000, 500, 1500, new Usage.PromptTokensDetails(200, null), null);
		// 800 x 1.25 + 200 x 0.125 + 500 x 10.00 per million
		assertThat(this.table.cost("gpt-5", usage)).contains(new BigDecimal("0.006025"));
	}

	@Test
	void reasoningTokensArePricedOnceAsPartOfTheCompletionTokens() {
		Usage usage = new Usage(1000, 2000, 3000, null, new Usage.CompletionTokensDetails(1500, null, null, null));
		// 1000 x 2.00 + 2000 x 8.00 per million: the 1500 reasoning tokens are among the 2000
		assertThat(this.table.cost("o3", usage)).contains(new BigDecimal("0.018"));
	}

	@Test
	void siblingsAreNotPricedAsTheirFamilyNorAsEachOther() {
		assertThat(this.table.tokenPrice("o3-mini").orElseThrow().cachedInput()).isEqualByComparingTo("0.55");
		assertThat(this.table.tokenPrice("o3").orElseThrow().cachedInput()).isEqualByComparingTo("0.50");
		assertThat(this.table.tokenPrice("gpt-5-nano").orElseThrow().input()).isEqualByComparingTo("0.05");
		assertThat(this.table.tokenPrice("gpt-5.4-mini-2026-03-17").orElseThrow().input())
			.isEqualByComparingTo("0.75");
		assertThat(this.table.tokenPrice("gpt-5.1")).isEmpty();
	}

	@ParameterizedTest(name = "{0}: {1} / {2} / {3}")
	@CsvSource({ "DEFAULT, 1.25, 0.125, 10.00", "FLEX, 0.625, 0.0625, 5.00", "PRIORITY, 2.50, 0.25, 20.00",
			"BATCH, 0.625, 0.0625, 5.00" })
	void gpt5IsPricedAtTheServiceTierItWasServedAt(ServiceTier tier, String input, String cachedInput,
			String output) {
		TokenPrice price = this.table.tokenPrice("gpt-5-2025-08-07", tier).orElseThrow();
		assertThat(price.input()).isEqualByComparingTo(input);
		assertThat(price.cachedInput()).isEqualByComparingTo(cachedInput);
		assertThat(price.output()).isEqualByComparingTo(output);
	}

	@Test
	void flexCallCostsHalfAndPriorityCallTwiceTheStandardCost() {
		Usage usage = new Usage(1000, 500, 1500, new Usage.PromptTokensDetails(200, null), null);
		assertThat(this.table.cost("gpt-5", usage, ServiceTier.DEFAULT)).contains(new BigDecimal("0.006025"));
		assertThat(this.table.cost("gpt-5", usage, ServiceTier.FLEX)).contains(new BigDecimal("0.0030125"));
		assertThat(this.table.cost("gpt-5", usage, ServiceTier.PRIORITY)).contains(new BigDecimal("0.01205"));
		assertThat(this.table.cost("gpt-5", usage, ServiceTier.BATCH)).contains(new BigDecimal("0.0030125"));
		// 800 x 0.125 + 200 x 0.0125 + 500 x 1.00 per million
		assertThat(this.table.cost("gpt-5-mini", usage, ServiceTier.FLEX)).contains(new BigDecimal("0.0006025"));
	}

	@Test
	void batchDiscountAppliesToFineTunedModelsAndEmbeddings() {
		assertThat(this.table.cost("ft:gpt-4o-mini:acme::abc123", Usage.of(1_000_000, 1_000_000), ServiceTier.BATCH))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.75"));
		assertThat(this.table.cost("text-embedding-3-large", Usage.of(1_000_000, 0), ServiceTier.BATCH))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.065"));
	}

	@Test
	void priceSetForATierReplacesTheTierFactorForThatFamilyOnly() {
		PricingTable custom = this.table.withTokenPrices(ServiceTier.PRIORITY,
				Map.of("gpt-4.1", TokenPrice.perMillion("3.50", "0.875", "14.00")));
		assertThat(custom.cost("gpt-4.1-2025-04-14", Usage.of(1_000_000, 1_000_000), ServiceTier.PRIORITY))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("17.50"));
		// a longer standard family is another model, priced by the tier's factor
		assertThat(custom.cost("gpt-4.1-mini", Usage.of(1_000_000, 1_000_000), ServiceTier.PRIORITY))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("4.00"));
		assertThat(custom.cost("gpt-4.1", Usage.of(1_000_000, 1_000_000), ServiceTier.DEFAULT))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("10.00"));
	}

	@Test
	void priceOverriddenAtStandardCarriesOverToTheDiscountedTiers() {
		PricingTable custom = this.table.withTokenPrices(Map.of("gpt-5", TokenPrice.perMillion("2", "1", "4")));
		assertThat(custom.cost("gpt-5", Usage.of(1_000_000, 1_000_000), ServiceTier.FLEX))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("3"));
	}

	@Test
	void twoArgumentCostIsTheStandardCost() {
		Usage usage = Usage.of(1_000_000, 1_000_000);
		assertThat(this.table.cost("gpt-5", usage)).isEqualTo(this.table.cost("gpt-5", usage, ServiceTier.DEFAULT));
		assertThat(this.table.tokenPrice("gpt-5")).isEqualTo(this.table.tokenPrice("gpt-5", ServiceTier.DEFAULT));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(value = { "default, DEFAULT", "flex, FLEX", "priority, PRIORITY", "Priority, PRIORITY",
			"batch, BATCH", "auto, DEFAULT", "scale, DEFAULT", "turbo, DEFAULT", "null, DEFAULT" },
			nullValues = "null")
	void serviceTierOfAResponseIsReadFromItsWireValue(String value, ServiceTier tier) {
		assertThat(ServiceTier.of(value)).isEqualTo(tier);
	}

	@Test
	void datedSnapshotFindsThePriceOfItsFamily() {
		assertThat(this.table.tokenPrice("gpt-4o-mini-2024-07-18"))
			.contains(TokenPrice.perMillion("0.15", "0.075", "0.60"));
		assertThat(this.table.tokenPrice("gpt-4o-2024-08-06")).contains(TokenPrice.perMillion("2.50", "1.25", "10.00"));
		assertThat(this.table.tokenPrice("gpt-4.1-mini-2025-04-14"))
			.contains(TokenPrice.perMillion("0.40", "0.10", "1.60"));
		assertThat(this.table.tokenPrice("GPT-4-0613")).contains(TokenPrice.perMillion("30", "60"));
		assertThat(this.table.tokenPrice("gpt-4-32k-0613")).contains(TokenPrice.perMillion("60", "120"));
		assertThat(this.table.tokenPrice("gpt-3.5-turbo-16k-0613")).contains(TokenPrice.perMillion("3", "4"));
		assertThat(this.table.tokenPrice("gpt-5-2025-08-07")).contains(TokenPrice.perMillion("1.25", "0.125", "10.00"));
		assertThat(this.table.tokenPrice("gpt-5-mini-2025-08-07"))
			.contains(TokenPrice.perMillion("0.25", "0.025", "2.00"));
		assertThat(this.table.tokenPrice("o4-mini-2025-04-16")).contains(TokenPrice.perMillion("1.10", "0.275", "4.40"));
	}

	@ParameterizedTest(name = "{0}: {1} / {2} / {3}")
	@CsvSource({ "ft:gpt-4o-mini-2024-07-18:acme::abc123, 0.30, 0.15, 1.20",
			"ft:gpt-4o-mini:openai::7p4lURel, 0.30, 0.15, 1.20",
			"ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:96olL566:ckpt-step-2000, 0.30, 0.15, 1.20",
			"ft:gpt-4o-2024-08-06:acme::abc123, 3.75, 1.875, 15.00",
			"ft:gpt-4.1-2025-04-14:acme:support:abc123, 3.00, 0.75, 12.00",
			"ft:gpt-4.1-mini-2025-04-14:acme::abc123, 0.80, 0.20, 3.20",
			"ft:gpt-4.1-nano-2025-04-14:acme::abc123, 0.20, 0.05, 0.80" })
	void fineTunedModelIsPricedAtTheFineTunedPriceOfItsBaseModel(String model, String input, String cachedInput,
			String output) {
		TokenPrice price = this.table.tokenPrice(model).orElseThrow();
		assertThat(price.input()).isEqualByComparingTo(input);
		assertThat(price.cachedInput()).isEqualByComparingTo(cachedInput);
		assertThat(price.output()).isEqualByComparingTo(output);
	}

	@Test
	void fineTunedCallCostsTwiceTheBaseModelForGpt4oMini() {
		Usage usage = new Usage(1000, 500, 1500, new Usage.PromptTokensDetails(200, null), null);
		// 800 x 0.30 + 200 x 0.15 + 500 x 1.20 per million
		assertThat(this.table.cost("ft:gpt-4o-mini-2024-07-18:acme::abc123", usage))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.00087"));
	}

	@Test
	void fineTuneOfABaseModelWithNoKnownFineTunedPriceHasNoPrice() {
		// a fine-tune is not billed at its base model's price, so none is better than a wrong one
		assertThat(this.table.tokenPrice("ft:gpt-3.5-turbo-0125:acme::abc123")).isEmpty();
		assertThat(this.table.tokenPrice("ft:o4-mini-2025-04-16:acme::abc123")).isEmpty();
	}

	@Test
	void priceSetForAnOrganizationsFineTunesWinsOverTheBuiltInFineTunedPrice() {
		PricingTable custom = this.table
			.withTokenPrices(Map.of("ft:gpt-4o-mini:acme", TokenPrice.perMillion("0.5", "0.25", "2")));
		assertThat(custom.tokenPrice("ft:gpt-4o-mini:acme:support:abc123").orElseThrow().input())
			.isEqualByComparingTo("0.5");
		assertThat(custom.tokenPrice("ft:gpt-4o-mini:other::abc123").orElseThrow().input())
			.isEqualByComparingTo("0.30");
	}

	@Test
	void longerFamilyNameWinsSoMiniIsNotPricedAsItsBigSibling() {
		assertThat(this.table.tokenPrice("gpt-4o-mini").orElseThrow().input()).isEqualByComparingTo("0.15");
		assertThat(this.table.tokenPrice("gpt-4o").orElseThrow().input()).isEqualByComparingTo("2.50");
	}

	@Test
	void familyMatchesOnlyAtANameBoundary() {
		assertThat(this.table.tokenPrice("gpt-4o").orElseThrow().input()).isNotEqualByComparingTo("30");
		assertThat(this.table.tokenPrice("adapter-model")).isEmpty();
	}

	@Test
	void historicalPricesAreConvertedFromPerThousandTokens() {
		assertThat(this.table.cost("gpt-3.5-turbo", Usage.of(1000, 1000)))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.0035"));
		assertThat(this.table.cost("davinci-002", Usage.of(1000, 0)))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.02"));
	}

	@Test
	void embeddingsArePricedByInputTokens() {
		assertThat(this.table.cost("text-embedding-3-small", Usage.of(1_000_000, 0)))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.02"));
		assertThat(this.table.cost("text-embedding-3-large", Usage.of(1_000_000, 0)))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("0.13"));
	}

	@Test
	void tableSaysTheDateOfItsBuiltInPrices() {
		assertThat(this.table.asOf()).isEqualTo(LocalDate.of(2026, 7, 24));
		assertThat(this.table.withTokenPrices(Map.of("my-model", TokenPrice.perMillion("1", "2"))).asOf())
			.isEqualTo(LocalDate.of(2026, 7, 24));
	}

	@Test
	void dateOfThePricesIsLoggedAtDebugOnceWhenTheTableFirstPricesACall() {
		this.table.cost("gpt-5", Usage.of(10, 10));
		this.table.cost("gpt-4o-mini", Usage.of(10, 10));
		this.table.cost("gpt-5", Usage.of(10, 10));
		assertThat(messages(Level.DEBUG)).singleElement()
			.asString()
			.contains("list prices as of 2026-07-24")
			.contains("openai.pricing.models[<model>]");
	}

	@Test
	void firstCallToAnUnknownModelWarnsOnceWithTheKeyThatPricesIt() {
		this.table.cost("gpt-9.1", Usage.of(10, 10));
		this.table.cost("gpt-9.1", Usage.of(10, 10));
		this.table.cost("GPT-9.1", Usage.of(10, 10));
		assertThat(messages(Level.WARN)).singleElement()
			.asString()
			.contains("No price is known for OpenAI model 'gpt-9.1'")
			.contains("as of 2026-07-24")
			.contains("openai.pricing.models[gpt-9.1].input")
			.contains("openai.pricing.models[gpt-9.1].output")
			.contains("openai.pricing.models[gpt-9.1].cached-input")
			.contains("\"[gpt-9.1]\": { input: ..., cached-input: ..., output: ... }");
		this.table.cost("ft:gpt-3.5-turbo-0125:acme::abc123", Usage.of(10, 10));
		assertThat(messages(Level.WARN)).hasSize(2)
			.last()
			.asString()
			.contains("openai.pricing.models[ft:gpt-3.5-turbo-0125:acme::abc123].input");
	}

	@Test
	void pricedModelsAndMissingUsageDoNotWarn() {
		this.table.cost("gpt-5-2025-08-07", Usage.of(10, 10), ServiceTier.PRIORITY);
		this.table.cost(null, Usage.of(10, 10));
		assertThat(messages(Level.WARN)).isEmpty();
	}

	@Test
	void unknownImageSizeWarnsWithoutPointingAtTokenPrices() {
		this.table.imageCost("dall-e-3", "256x256", null, 1);
		assertThat(messages(Level.WARN)).singleElement()
			.asString()
			.isEqualTo("No price is known for OpenAI image model 'dall-e-3' at size 256x256 and quality standard:"
					+ " its images are not counted in the cost");
	}

	@Test
	void unknownModelHasNoCost() {
		assertThat(this.table.cost("my-fine-model", Usage.of(10, 10))).isEmpty();
		assertThat(this.table.cost(null, Usage.of(10, 10))).isEmpty();
	}

	@Test
	void overridesReplaceBuiltInPricesAndPriceNewModels() {
		PricingTable custom = this.table.withTokenPrices(Map.of("gpt-4o-mini", TokenPrice.perMillion("1", "0.5", "2"),
				"my-model", TokenPrice.perMillion("3", "4")));
		assertThat(custom.cost("gpt-4o-mini-2024-07-18", Usage.of(1_000_000, 1_000_000)))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("3"));
		assertThat(custom.cost("my-model", Usage.of(1_000_000, 0)))
			.hasValueSatisfying((cost) -> assertThat(cost).isEqualByComparingTo("3"));
		assertThat(custom.tokenPrice("gpt-4o").orElseThrow().input()).isEqualByComparingTo("2.50");
	}

	@Test
	void costIsTheExactProductOfPricesAndTokensWhateverThePricesScales() {
		PricingTable custom = this.table.withTokenPrices(Map.of("scaled", TokenPrice.perMillion("1E+1", "0.0075", "3.1"),
				"huge", TokenPrice.perMillion("92233720368547758.07", "0", "0")));
		int[][] usages = { { 0, 0, 0 }, { 1, 0, 1 }, { 1_000_000, 999_999, 1 }, { 123_457, 12_345, 98_765 },
				{ Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE } };
		for (String model : new String[] { "scaled", "huge", "gpt-4o-mini" }) {
			TokenPrice price = custom.tokenPrice(model).orElseThrow();
			for (int[] tokens : usages) {
				Usage usage = new Usage(tokens[0], tokens[2], tokens[0] + tokens[2],
						new Usage.PromptTokensDetails(tokens[1], null), null);
				BigDecimal expected = price.input()
					.multiply(BigDecimal.valueOf(tokens[0] - tokens[1]))
					.add(price.cachedInput().multiply(BigDecimal.valueOf(tokens[1])))
					.add(price.output().multiply(BigDecimal.valueOf(tokens[2])))
					.divide(BigDecimal.valueOf(1_000_000));
				// the same value, in its shortest form, whether summed in longs or, when that
				// would overflow (the huge price), in BigDecimals
				assertThat(custom.cost(model, usage)).as("%s %s", model, usage)
					.contains(expected.stripTrailingZeros());
			}
		}
	}

	@Test
	void imagesArePricedByModelSizeAndQuality() {
		assertThat(this.table.imageCost("dall-e-2", "1024x1024", null, 1)).contains(new BigDecimal("0.020"));
		assertThat(this.table.imageCost("dall-e-2", "512x512", null, 2)).contains(new BigDecimal("0.036"));
		assertThat(this.table.imageCost("dall-e-2", "256x256", null, 1)).contains(new BigDecimal("0.016"));
		assertThat(this.table.imageCost("dall-e-3", null, null, 1)).contains(new BigDecimal("0.040"));
		assertThat(this.table.imageCost("dall-e-3", "1792x1024", "standard", 1)).contains(new BigDecimal("0.080"));
		assertThat(this.table.imageCost("dall-e-3", "1024x1024", "hd", 1)).contains(new BigDecimal("0.080"));
		assertThat(this.table.imageCost("dall-e-3", "1024x1792", "hd", 1)).contains(new BigDecimal("0.120"));
		assertThat(this.table.imageCost("dall-e-3", "256x256", null, 1)).isEmpty();
	}

	private List<String> messages(Level level) {
		return this.logged.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

}
