package io.github.openaiboot.error;

import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Azure OpenAI's content filter refused the prompt (a 400 {@code content_filter} error)
 * or filtered the answer ({@code finish_reason: content_filter}):
 * {@link OpenAiErrorKind#CONTENT_FILTERED}. Never retried, since the same input is
 * filtered again; {@link #categories()} says which filters fired.
 *
 * @author openai-spring-boot
 */
public class ContentFilterException extends InvalidRequestException {

	private final Map<String, FilterResult> categories;

	/**
	 * Create a new exception.
	 * @param statusCode the HTTP status ({@code 200} for a filtered answer)
	 * @param error the decoded error body
	 * @param requestId the request id of the response, if any
	 * @param categories the filter results by category, such as {@code violence}
	 */
	public ContentFilterException(int statusCode, OpenAiError error, @Nullable String requestId,
			Map<String, FilterResult> categories) {
		this(statusCode, error, requestId, categories, filteredText(categories));
	}

	private ContentFilterException(int statusCode, OpenAiError error, @Nullable String requestId,
			Map<String, FilterResult> categories, @Nullable String detail) {
		super(OpenAiErrorKind.CONTENT_FILTERED, statusCode, error, requestId, null, null, detail);
		this.categories = Map.copyOf(categories);
	}

	/**
	 * Return the filter results by category, such as {@code hate}, {@code violence} or
	 * {@code jailbreak}.
	 * @return the results, empty when the response named none
	 */
	public Map<String, FilterResult> categories() {
		return this.categories;
	}

	/**
	 * Return the categories whose filter fired.
	 * @return the names of the filtered categories
	 */
	public java.util.Set<String> filteredCategories() {
		return this.categories.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().filtered())
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(java.util.TreeSet::new));
	}

	/**
	 * Read filter results from their JSON form decoded as maps, such as a choice's
	 * {@code content_filter_results}; entries of another shape are skipped.
	 * @param results the results by category, or {@code null}
	 * @return the results by category
	 */
	public static Map<String, FilterResult> filterResults(@Nullable Map<String, ?> results) {
		if (results == null) {
			return Map.of();
		}
		Map<String, FilterResult> categories = new java.util.LinkedHashMap<>();
		results.forEach((category, value) -> {
			if (value instanceof Map<?, ?> result) {
				Object severity = result.get("severity");
				Object detected = result.get("detected");
				categories.put(category, new FilterResult(Boolean.TRUE.equals(result.get("filtered")),
						(severity instanceof String text) ? text : null,
						(detected instanceof Boolean flag) ? flag : null));
			}
		});
		return categories;
	}

	@Override
	public ContentFilterException withDetail(String detail) {
		return copyStackTraceTo(new ContentFilterException(statusCode(), error(), requestId(), this.categories,
				appendDetail(detail)));
	}

	private static @Nullable String filteredText(Map<String, FilterResult> categories) {
		String filtered = categories.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().filtered())
			.map((entry) -> entry.getKey()
					+ ((entry.getValue().severity() != null) ? " (" + entry.getValue().severity() + ")" : ""))
			.sorted()
			.collect(Collectors.joining(", "));
		return filtered.isEmpty() ? null : "filtered: " + filtered;
	}

	/**
	 * What one content filter found.
	 *
	 * @param filtered whether the filter blocked the content
	 * @param severity the severity ({@code safe}, {@code low}, {@code medium},
	 * {@code high}), for the graded categories
	 * @param detected whether the filter detected its subject, for the detection
	 * categories ({@code jailbreak}, {@code protected_material_text}, …)
	 */
	public record FilterResult(boolean filtered, @Nullable String severity, @Nullable Boolean detected) {

	}

}
