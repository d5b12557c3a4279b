package io.github.openaiboot.responses;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * The {@code input} of a request: a text, which is one user message, or items.
 *
 * @author openai-spring-boot
 */
public final class ResponseInput {

	private final @Nullable String text;

	private final List<ResponseItem> items;

	private ResponseInput(@Nullable String text, List<ResponseItem> items) {
		this.text = text;
		this.items = items;
	}

	/**
	 * Input of one text, as from the user.
	 * @param text the text
	 * @return the input
	 */
	public static ResponseInput of(String text) {
		return new ResponseInput(text, List.of());
	}

	/**
	 * Input of items.
	 * @param items the items, in order
	 * @return the input
	 */
	public static ResponseInput of(List<? extends ResponseItem> items) {
		return new ResponseInput(null, List.copyOf(items));
	}

	/**
	 * Return the text, for text input.
	 * @return the text, or {@code null} for input of items
	 */
	public @Nullable String text() {
		return this.text;
	}

	/**
	 * Return the items, for input of items.
	 * @return the items, empty for text input
	 */
	public List<ResponseItem> items() {
		return this.items;
	}

	@JsonValue
	Object value() {
		// an array keeps its element type at run time, so that each item is written with its type
		return (this.text != null) ? this.text : this.items.toArray(new ResponseItem[0]);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof ResponseInput input) && Objects.equals(this.text, input.text)
				&& this.items.equals(input.items);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.text, this.items);
	}

	@Override
	public String toString() {
		return "ResponseInput[" + ((this.text != null) ? this.text : this.items) + "]";
	}

}
