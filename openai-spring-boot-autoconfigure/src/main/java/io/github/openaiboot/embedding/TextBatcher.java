package io.github.openaiboot.embedding;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream of texts into embeddings calls of at most a number of texts and of
 * tokens. A text's tokens are bounded by its UTF-8 bytes (every token of OpenAI's
 * byte-pair encodings covers at least one byte), so batches never exceed the token limit
 * without tokenizing; a single text longer than the limit is sent alone and left to the
 * server to judge. Not thread-safe: one instance per subscription.
 *
 * @author openai-spring-boot
 */
final class TextBatcher {

	private final int maxTexts;

	private final long maxTokens;

	private long index;

	private int texts;

	private long tokens;

	TextBatcher(int maxTexts, long maxTokens) {
		this.maxTexts = maxTexts;
		this.maxTokens = maxTokens;
	}

	Text accept(String text) {
		long position = this.index++;
		if (text.isEmpty()) {
			throw new IllegalArgumentException(
					"Text at index " + position + " is empty; OpenAI rejects empty embedding inputs");
		}
		if (position > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("Cannot embed more than " + Integer.MAX_VALUE + " texts in one stream");
		}
		long length = utf8Length(text);
		boolean startsBatch = this.texts > 0
				&& (this.texts + 1 > this.maxTexts || this.tokens + length > this.maxTokens);
		if (startsBatch) {
			this.texts = 0;
			this.tokens = 0;
		}
		this.texts++;
		this.tokens += length;
		return new Text(text, (int) position, startsBatch);
	}

	Batch batch(List<Text> texts) {
		List<String> values = new ArrayList<>(texts.size());
		for (Text text : texts) {
			values.add(text.value());
		}
		return new Batch(texts.get(0).index(), values);
	}

	static long utf8Length(List<String> texts) {
		long length = 0;
		for (String text : texts) {
			length += utf8Length(text);
		}
		return length;
	}

	static long utf8Length(String text) {
		long length = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				length++;
			}
			else if (c < 0x800) {
				length += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				length += 4;
				i++;
			}
			else {
				length += 3;
			}
		}
		return length;
	}

	/**
	 * One text and where it falls.
	 *
	 * @param value the text
	 * @param index its position in the stream
	 * @param startsBatch whether it opens a new call
	 */
	record Text(String value, int index, boolean startsBatch) {

	}

	/**
	 * The texts of one call.
	 *
	 * @param firstIndex the position of the first text in the stream
	 * @param texts the texts
	 */
	record Batch(int firstIndex, List<String> texts) {

	}

}
