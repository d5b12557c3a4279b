package io.github.openaiboot.chat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One part of a message's content: text or an image.
 *
 * @author openai-spring-boot
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ContentPart.Text.class, name = "text"),
		@JsonSubTypes.Type(value = ContentPart.Image.class, name = "image_url") })
public sealed interface ContentPart {

	/**
	 * Create a text part.
	 * @param text the text
	 * @return the part
	 */
	static ContentPart text(String text) {
		return new Text(text);
	}

	/**
	 * Create an image part from a URL, or a {@code data:} URL of base64 image bytes.
	 * @param url the image URL
	 * @return the part
	 */
	static ContentPart imageUrl(String url) {
		return new Image(new ImageUrl(url, null));
	}

	/**
	 * Create an image part with a detail level.
	 * @param url the image URL
	 * @param detail {@code low}, {@code high} or {@code auto}
	 * @return the part
	 */
	static ContentPart imageUrl(String url, String detail) {
		return new Image(new ImageUrl(url, detail));
	}

	/**
	 * A text part.
	 *
	 * @param text the text
	 */
	record Text(String text) implements ContentPart {

	}

	/**
	 * An image part.
	 *
	 * @param imageUrl the image
	 */
	record Image(ImageUrl imageUrl) implements ContentPart {

	}

	/**
	 * The image of an image part.
	 *
	 * @param url the URL, or a {@code data:image/png;base64,…} URL
	 * @param detail {@code low}, {@code high} or {@code auto}, or {@code null} for the
	 * default
	 */
	record ImageUrl(String url, @Nullable String detail) {

	}

}
