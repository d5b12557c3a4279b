package io.github.openaiboot.usage;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.model.DefaultModelsClient;
import io.github.openaiboot.model.ModelInfo;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the built-in {@link PricingTable} prices every model the simulator serves and
 * the README names, and that the README's price table is the built-in one.
 */
class PricingTableCoverageTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String PRICE_TABLE_HEADER = "| model | input | cached input | output |";

	// The README's example of a model without a price.
	private static final Set<String> UNPRICED_EXAMPLES = Set.of("gpt-9.1");

	private static final Pattern MODEL_NAME = Pattern.compile(
			"(?<![\\w.-])((?:ft:)?(?:gpt-\\d[\\w.]*|o\\d|text-embedding|dall-e-\\d|chatgpt)(?:-[a-z0-9.]+)*)(?![\\w])");

	private static final Pattern PRICE_ROW = Pattern.compile("\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|");

	private final PricingTable table = PricingTable.builtIn();

	@Test
	void everyModelTheSimulatorServesHasAPrice() {
		try (OpenAiSimulator simulator = OpenAiSimulator.builder().build().start()) {
			OpenAiPipeline pipeline = OpenAiPipeline
				.builder(WebClient.builder().baseUrl(simulator.baseUrl()).build())
				.build();
			List<String> models = new DefaultModelsClient(pipeline).list()
				.map(ModelInfo::id)
				.collectList()
				.block(Duration.ofSeconds(20));
			assertThat(models).isNotEmpty().allSatisfy(this::assertPriced);
		}
	}

	@Test
	void everyModelTheReadmeNamesHasAPrice() throws IOException {
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = MODEL_NAME.matcher(Files.readString(README));
		while (matcher.find()) {
			names.add(stripTrailingDot(matcher.group(1)));
		}
		names.removeAll(UNPRICED_EXAMPLES);
		assertThat(names).contains("gpt-5", "gpt-4o-mini-2024-07-18", "ft:gpt-4o-mini-2024-07-18", "dall-e-3")
			.allSatisfy((name) -> {
				if (!namesAFamily(name)) {
					assertPriced(name);
				}
			});
	}

	@Test
	void readmePriceTableListsEveryBuiltInModelAtItsPriceAndTheDate() throws IOException {
		String readme = Files.readString(README);
		assertThat(readme).contains("as of " + this.table.asOf());
		Map<String, TokenPrice> rows = priceTable(readme);
		assertThat(rows.keySet()).containsExactlyElementsOf(this.table.models());
		rows.forEach((model, price) -> {
			TokenPrice builtIn = this.table.tokenPrice(model).orElseThrow();
			assertThat(price.input()).as(model).isEqualByComparingTo(builtIn.input());
			assertThat(price.cachedInput()).as(model).isEqualByComparingTo(builtIn.cachedInput());
			assertThat(price.output()).as(model).isEqualByComparingTo(builtIn.output());
		});
	}

	private void assertPriced(String model) {
		if (model.startsWith("dall-e")) {
			assertThat(this.table.imageCost(model, null, null, 1)).as(model).isPresent();
		}
		else {
			assertThat(this.table.tokenPrice(model)).as(model).isPresent();
		}
	}

	// Prose names families such as gpt-3.5 or text-embedding-3 by their prefix.
	private boolean namesAFamily(String name) {
		return this.table.tokenPrice(name).isEmpty()
				&& this.table.models().stream().anyMatch((model) -> model.startsWith(name + "-"));
	}

	private static String stripTrailingDot(String name) {
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	// "–" is no separate price: cached input at the input price, no output.
	private static Map<String, TokenPrice> priceTable(String readme) {
		int start = readme.indexOf(PRICE_TABLE_HEADER);
		assertThat(start).as("the README's price table").isNotNegative();
		Map<String, TokenPrice> rows = new LinkedHashMap<>();
		for (String line : readme.substring(start).lines().skip(2).toList()) {
			Matcher row = PRICE_ROW.matcher(line);
			if (!row.matches()) {
				break;
			}
			BigDecimal input = new BigDecimal(row.group(2).strip());
			BigDecimal cachedInput = price(row.group(3), input);
			BigDecimal output = price(row.group(4), BigDecimal.ZERO);
			rows.put(row.group(1), new TokenPrice(input, cachedInput, output));
		}
		return rows;
	}

	private static BigDecimal price(String cell, BigDecimal none) {
		return cell.strip().equals("–") ? none : new BigDecimal(cell.strip());
	}

}
