package io.github.openaiboot.ratelimit;

import java.util.List;
import java.util.Locale;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingResult;
import com.knuddels.jtokkit.api.EncodingType;
import io.github.openaiboot.chat.ChatMessage;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.chat.ContentPart;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.responses.ResponseContent;
import io.github.openaiboot.responses.ResponseItem;
import io.github.openaiboot.responses.ResponseRequest;
import org.jspecify.annotations.Nullable;

/**
 * Counts tokens the way OpenAI does, with the tokenizer of each model family
 * ({@code o200k_base} for gpt-4o, gpt-4.1, gpt-5 and the o-series; {@code cl100k_base}
 * for gpt-4, gpt-3.5 and the text-embedding-3 and ada-002 embeddings), so that prompts
 * can be counted or trimmed and requests paced by their cost.
 * <p>
 * Chat messages are counted as in OpenAI's cookbook "How to count tokens with
 * tiktoken": {@value #TOKENS_PER_MESSAGE} tokens of framing per message, the tokens of
 * its role and content, {@value #TOKENS_PER_NAME} more for a name, and
 * {@value #REPLY_PRIMING_TOKENS} to prime the reply. Images are approximated by their
 * detail level ({@value #LOW_DETAIL_IMAGE_TOKENS} tokens for {@code low},
 * {@value #HIGH_DETAIL_IMAGE_TOKENS} for a 1024&times;1024 image in {@code high} or
 * {@code auto} detail: 85 base tokens plus 170 for each of its four 512-pixel tiles),
 * and tools by the tokens of their JSON definition.
 *
 * @author openai-spring-boot
 */
public final class TokenCounter implements TokenEstimator {

	/**
	 * Framing tokens of each chat message ({@code <|start|>role<|message|>...<|end|>}).
	 */
	public static final int TOKENS_PER_MESSAGE = 3;

	/**
	 * Extra tokens of a message that has a name.
	 */
	public static final int TOKENS_PER_NAME = 1;

	/**
	 * Tokens that prime every reply ({@code <|start|>assistant<|message|>}).
	 */
	public static final int REPLY_PRIMING_TOKENS = 3;

	/**
	 * Tokens of an image in {@code low} detail.
	 */
	public static final int LOW_DETAIL_IMAGE_TOKENS = 85;

	/**
	 * Approximate tokens of an image in {@code high} or {@code auto} detail, as for a
	 * 1024&times;1024 image.
	 */
	public static final int HIGH_DETAIL_IMAGE_TOKENS = 765;

	/**
	 * Completion tokens assumed for a request that sets no upper bound, by default.
	 */
	public static final int DEFAULT_COMPLETION_TOKENS = 1024;

	private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

	private final int defaultCompletionTokens;

	/**
	 * Create a counter that assumes {@value #DEFAULT_COMPLETION_TOKENS} completion tokens
	 * for chat requests without {@code max_completion_tokens}.
	 */
	public TokenCounter() {
		this(DEFAULT_COMPLETION_TOKENS);
	}

	/**
	 * Create a counter.
	 * @param defaultCompletionTokens completion tokens assumed for chat requests without
	 * {@code max_completion_tokens}
	 */
	public TokenCounter(int defaultCompletionTokens) {
		if (defaultCompletionTokens < 0) {
			throw new IllegalArgumentException("'defaultCompletionTokens' must not be negative");
		}
		this.defaultCompletionTokens = defaultCompletionTokens;
	}

	/**
	 * Return the tokenizer OpenAI uses for a model.
	 * @param model the model, such as {@code gpt-4o-mini}, or {@code null}
	 * @return the encoding type; {@code o200k_base} for unknown and newer models
	 */
	public static EncodingType encodingType(@Nullable String model) {
		if (model == null) {
			return EncodingType.O200K_BASE;
		}
		String name = model.toLowerCase(Locale.ROOT);
		if (name.startsWith("ft:")) {
			name = name.substring(3);
		}
		if (name.startsWith("gpt-4o") || name.startsWith("chatgpt-4o") || name.startsWith("gpt-4.")
				|| name.startsWith("gpt-5") || name.startsWith("gpt-oss") || name.matches("^o\\d.*")) {
			return EncodingType.O200K_BASE;
		}
		if (name.startsWith("gpt-4") || name.startsWith("gpt-3.5") || name.startsWith("gpt-35")
				|| name.startsWith("text-embedding-3") || name.startsWith("text-embedding-ada-002")) {
			return EncodingType.CL100K_BASE;
		}
		return EncodingType.O200K_BASE;
	}

	/**
	 * Count the tokens of a text.
	 * @param text the text
	 * @param model the model whose tokenizer to use
	 * @return the number of tokens
	 */
	public int count(String text, @Nullable String model) {
		return encoding(model).countTokensOrdinary(text);
	}

	/**
	 * Count the prompt tokens of a chat request: messages with their framing, and tools.
	 * @param request the request
	 * @return the prompt tokens
	 */
	public int count(ChatRequest request) {
		Encoding encoding = encoding(request.model());
		int tokens = 0;
		for (ChatMessage message : request.messages()) {
			tokens += count(message, encoding);
		}
		if (request.tools() != null && !request.tools().isEmpty()) {
			tokens += encoding.countTokensOrdinary(OpenAiJson.mapper().writeValueAsString(request.tools()));
		}
		return tokens + REPLY_PRIMING_TOKENS;
	}

	/**
	 * Count the input tokens of a Responses API request as for chat: instructions and
	 * each input item with the framing of a message, and tools. Earlier turns referred to
	 * by {@code previous_response_id} are not known here, so they are not counted.
	 * @param request the request
	 * @return the input tokens
	 */
	public int count(ResponseRequest request) {
		Encoding encoding = encoding(request.model());
		int tokens = 0;
		if (request.instructions() != null) {
			tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary("system")
					+ encoding.countTokensOrdinary(request.instructions());
		}
		String text = request.input().text();
		if (text != null) {
			tokens += TOKENS_PER_MESSAGE + encoding.countTokensOrdinary("user") + encoding.countTokensOrdinary(text);
		}
		for (ResponseItem item : request.input().items()) {
			tokens += count(item, encoding);
		}
		if (request.tools() != null && !request.tools().isEmpty()) {
			tokens += encoding.countTokensOrdinary(OpenAiJson.mapper().writeValueAsString(request.tools()));
		}
		return tokens + REPLY_PRIMING_TOKENS;
	}

	/**
	 * Count the tokens of the texts of an embeddings request.
	 * @param request the request
	 * @return the tokens of all inputs
	 */
	public int count(EmbeddingRequest request) {
		Encoding encoding = encoding(request.model());
		int tokens = 0;
		for (String input : request.input()) {
			tokens += encoding.countTokensOrdinary(input);
		}
		return tokens;
	}

	/**
	 * Estimate the tokens a request is charged against the tokens-per-minute limit: the
	 * prompt, plus for chat {@code max_completion_tokens} (or the configured default)
	 * for each of the {@code n} answers, and for the Responses API
	 * {@code max_output_tokens} (or the same default).
	 * @param request the request
	 * @return the estimate
	 */
	@Override
	public long estimate(OpenAiRequest<?> request) {
		Object body = request.body();
		if (body instanceof ChatRequest chat) {
			ChatRequest counted = (chat.model() != null || request.model() == null) ? chat
					: chat.mutate().model(request.model()).build();
			int completion = (chat.maxCompletionTokens() != null) ? chat.maxCompletionTokens()
					: this.defaultCompletionTokens;
			int answers = (chat.n() != null) ? Math.max(1, chat.n()) : 1;
			return (long) count(counted) + (long) completion * answers;
		}
		if (body instanceof EmbeddingRequest embedding) {
			EmbeddingRequest counted = (embedding.model() != null || request.model() == null) ? embedding
					: new EmbeddingRequest(request.model(), embedding.input(), embedding.dimensions(),
							embedding.encodingFormat(), embedding.user());
			return count(counted);
		}
		if (body instanceof ResponseRequest response) {
			ResponseRequest counted = (response.model() != null || request.model() == null) ? response
					: response.mutate().model(request.model()).build();
			return (long) count(counted) + outputTokens(response);
		}
		return 0;
	}

	private int outputTokens(ResponseRequest request) {
		return (request.maxOutputTokens() != null) ? request.maxOutputTokens() : this.defaultCompletionTokens;
	}

	/**
	 * Return an upper bound of {@link #estimate(OpenAiRequest)} without tokenizing: every
	 * token of OpenAI's byte-pair encodings covers at least one UTF-8 byte, so a text
	 * has at most as many tokens as bytes. Requests with images, tools or tool calls are
	 * counted precisely.
	 * @param request the request
	 * @return the upper bound
	 */
	@Override
	public long upperBound(OpenAiRequest<?> request) {
		Object body = request.body();
		if (body instanceof ChatRequest chat && (chat.tools() == null || chat.tools().isEmpty())) {
			long tokens = REPLY_PRIMING_TOKENS;
			for (ChatMessage message : chat.messages()) {
				if (!message.parts().isEmpty() || !message.toolCalls().isEmpty()) {
					return estimate(request);
				}
				tokens += TOKENS_PER_MESSAGE + utf8Length(message.role()) + utf8Length(message.content())
						+ utf8Length(message.refusal());
				if (message.name() != null) {
					tokens += utf8Length(message.name()) + TOKENS_PER_NAME;
				}
			}
			int completion = (chat.maxCompletionTokens() != null) ? chat.maxCompletionTokens()
					: this.defaultCompletionTokens;
			int answers = (chat.n() != null) ? Math.max(1, chat.n()) : 1;
			return tokens + (long) completion * answers;
		}
		if (body instanceof EmbeddingRequest embedding) {
			long tokens = 0;
			for (String input : embedding.input()) {
				tokens += utf8Length(input);
			}
			return tokens;
		}
		if (body instanceof ResponseRequest response && (response.tools() == null || response.tools().isEmpty())) {
			long tokens = REPLY_PRIMING_TOKENS + outputTokens(response);
			if (response.instructions() != null) {
				tokens += TOKENS_PER_MESSAGE + utf8Length("system") + utf8Length(response.instructions());
			}
			if (response.input().text() != null) {
				tokens += TOKENS_PER_MESSAGE + utf8Length("user") + utf8Length(response.input().text());
			}
			for (ResponseItem item : response.input().items()) {
				if (!(item instanceof ResponseItem.Message message)
						|| message.content().stream().anyMatch((part) -> !(part instanceof ResponseContent.InputText))) {
					return estimate(request);
				}
				tokens += TOKENS_PER_MESSAGE + utf8Length(message.role()) + utf8Length(message.text());
			}
			return tokens;
		}
		return estimate(request);
	}

	static long utf8Length(@Nullable CharSequence text) {
		if (text == null) {
			return 0;
		}
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			// a surrogate pair is 4 bytes: 2 for each half
			bytes += (c < 0x80) ? 1 : (c < 0x800 || Character.isSurrogate(c)) ? 2 : 3;
		}
		return bytes;
	}

	/**
	 * Trim a text to at most a number of tokens, keeping its beginning.
	 * @param text the text
	 * @param maxTokens the most tokens to keep
	 * @param model the model whose tokenizer to use
	 * @return the text itself if it fits, else its longest prefix of whole tokens that does
	 */
	public String truncate(String text, int maxTokens, @Nullable String model) {
		if (maxTokens <= 0) {
			return "";
		}
		Encoding encoding = encoding(model);
		EncodingResult result = encoding.encodeOrdinary(text, maxTokens);
		return result.isTruncated() ? encoding.decode(result.getTokens()) : text;
	}

	private int count(ChatMessage message, Encoding encoding) {
		int tokens = TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(message.role());
		List<ContentPart> parts = message.parts();
		if (parts.isEmpty()) {
			String content = message.content();
			tokens += (content != null) ? encoding.countTokensOrdinary(content) : 0;
		}
		for (ContentPart part : parts) {
			if (part instanceof ContentPart.Text text) {
				tokens += encoding.countTokensOrdinary(text.text());
			}
			else if (part instanceof ContentPart.Image image) {
				tokens += "low".equals(image.imageUrl().detail()) ? LOW_DETAIL_IMAGE_TOKENS : HIGH_DETAIL_IMAGE_TOKENS;
			}
		}
		if (message.name() != null) {
			tokens += encoding.countTokensOrdinary(message.name()) + TOKENS_PER_NAME;
		}
		if (!message.toolCalls().isEmpty()) {
			tokens += encoding.countTokensOrdinary(OpenAiJson.mapper().writeValueAsString(message.toolCalls()));
		}
		if (message.refusal() != null) {
			tokens += encoding.countTokensOrdinary(message.refusal());
		}
		return tokens;
	}

	private int count(ResponseItem item, Encoding encoding) {
		if (item instanceof ResponseItem.Message message) {
			int tokens = TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(message.role());
			for (ResponseContent part : message.content()) {
				if (part instanceof ResponseContent.InputImage image) {
					tokens += "low".equals(image.detail()) ? LOW_DETAIL_IMAGE_TOKENS : HIGH_DETAIL_IMAGE_TOKENS;
				}
				else if (part instanceof ResponseContent.Refusal refusal) {
					tokens += encoding.countTokensOrdinary(refusal.refusal());
				}
			}
			return tokens + encoding.countTokensOrdinary(message.text());
		}
		if (item instanceof ResponseItem.FunctionCall call) {
			return TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(call.name())
					+ encoding.countTokensOrdinary(call.arguments());
		}
		if (item instanceof ResponseItem.FunctionCallOutput output) {
			return TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(output.output());
		}
		if (item instanceof ResponseItem.Reasoning reasoning) {
			return encoding.countTokensOrdinary(reasoning.summaryText());
		}
		if (item instanceof ResponseItem.Other other) {
			return TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(other.json().toString());
		}
		// a stored item, whose size is not known here
		return 0;
	}

	private static Encoding encoding(@Nullable String model) {
		return REGISTRY.getEncoding(encodingType(model));
	}

}
