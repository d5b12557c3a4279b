package io.github.openaiboot.moderation;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A moderation request: texts, or text and image parts. A request without a model uses
 * {@code openai.moderation.model}.
 *
 * @param model the model, such as {@code omni-moderation-latest}
 * @param input a {@code String}, a list of strings, or a list of {@link ModerationInput}
 * @author openai-spring-boot
 */
public record ModerationRequest(@Nullable String model, Object input) {

	/**
	 * Create a request.
	 */
	public ModerationRequest {
		if (input == null || (input instanceof String text && text.isBlank())
				|| (input instanceof List<?> list && list.isEmpty())) {
			throw new IllegalArgumentException("A moderation request needs an input");
		}
		if (!(input instanceof String) && !(input instanceof List<?>)) {
			throw new IllegalArgumentException(
					"A moderation input is a String, a list of strings or a list of ModerationInput, not "
							+ input.getClass().getName());
		}
		input = (input instanceof List<?> list) ? List.copyOf(list) : input;
	}

	/**
	 * Create a request to moderate texts.
	 * @param texts the texts, one result each
	 * @return the request
	 */
	public static ModerationRequest of(String... texts) {
		return new ModerationRequest(null, (texts.length == 1) ? texts[0] : List.of(texts));
	}

	/**
	 * Create a request to moderate text and image parts together, with one result.
	 * @param parts the parts
	 * @return the request
	 */
	public static ModerationRequest of(ModerationInput... parts) {
		return new ModerationRequest(null, List.of(parts));
	}

	/**
	 * Return this request for another model.
	 * @param model the model
	 * @return a new request
	 */
	public ModerationRequest withModel(String model) {
		return new ModerationRequest(model, this.input);
	}

}
