package io.github.openaiboot.moderation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a moderation answers: one result per text input, or one for a multimodal input.
 *
 * @param id its id, such as {@code modr-…}
 * @param model the model that moderated
 * @param results the results
 * @author openai-spring-boot
 */
public record ModerationResponse(@Nullable String id, @Nullable String model, List<Result> results) {

	/**
	 * Create a response.
	 */
	public ModerationResponse {
		results = (results != null) ? List.copyOf(results) : List.of();
	}

	/**
	 * Return whether any result is flagged.
	 * @return whether anything was flagged
	 */
	public boolean flagged() {
		return this.results.stream().anyMatch(Result::flagged);
	}

	/**
	 * The moderation of one input, by category ({@code hate}, {@code harassment/threatening},
	 * {@code self-harm/intent}, {@code sexual/minors}, {@code violence/graphic},
	 * {@code illicit}, …; see {@link ModerationCategory}).
	 *
	 * @param flagged whether any category is flagged
	 * @param categories whether each category is flagged ({@code null} where the model
	 * does not judge it, as the legacy text models for {@code illicit})
	 * @param categoryScores each category's score, 0 to 1
	 * @param categoryAppliedInputTypes which input types ({@code text}, {@code image})
	 * each category was judged on
	 */
	public record Result(boolean flagged, Map<String, @Nullable Boolean> categories,
			Map<String, Double> categoryScores, Map<String, List<String>> categoryAppliedInputTypes) {

		/**
		 * Create a result.
		 */
		public Result {
			categories = (categories != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(categories)) : Map.of();
			categoryScores = (categoryScores != null) ? Map.copyOf(categoryScores) : Map.of();
			categoryAppliedInputTypes = (categoryAppliedInputTypes != null) ? Map.copyOf(categoryAppliedInputTypes)
					: Map.of();
		}

		/**
		 * Return whether a category is flagged.
		 * @param category such as {@code violence}
		 * @return whether it is flagged
		 */
		public boolean isFlagged(String category) {
			return Boolean.TRUE.equals(this.categories.get(category));
		}

		/**
		 * Return a category's score.
		 * @param category such as {@code violence}
		 * @return its score, 0 when not reported
		 */
		public double score(String category) {
			return this.categoryScores.getOrDefault(category, 0.0);
		}

	}

}
