package io.github.openaiboot.moderation;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One part of a multimodal moderation input: a text or an image.
 *
 * @param type {@code text} or {@code image_url}
 * @param text the text, for a text part
 * @param imageUrl the image, for an image part
 * @author openai-spring-boot
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModerationInput(String type, @Nullable String text, @Nullable ImageUrl imageUrl) {

	/**
	 * Create a text part.
	 * @param text the text
	 * @return the part
	 */
	public static ModerationInput text(String text) {
		return new ModerationInput("text", text, null);
	}

	/**
	 * Create an image part.
	 * @param url an {@code https} URL or a {@code data:image/...;base64,} URL
	 * @return the part
	 */
	public static ModerationInput imageUrl(String url) {
		return new ModerationInput("image_url", null, new ImageUrl(url));
	}

	/**
	 * An image's URL.
	 *
	 * @param url the URL
	 */
	public record ImageUrl(String url) {

	}

}
