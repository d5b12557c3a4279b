package io.github.openaiboot.usage;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PricingTable}.
 */
class PricingTableTests {

	private final PricingTable table = PricingTable.builtIn();

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

}
