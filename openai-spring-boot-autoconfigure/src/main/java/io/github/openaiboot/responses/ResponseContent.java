package io.github.openaiboot.responses;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * One part of the content of a message item or of a reasoning summary: text or an image
 * sent in, text or a refusal given back, the text of a reasoning summary. Parts of other
 * types are kept as {@link Other}, with their JSON.
 *
 * @author openai-spring-boot
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type", visible = true,
		defaultImpl = ResponseContent.Other.class)
@JsonSubTypes({ @JsonSubTypes.Type(value = ResponseContent.InputText.class, name = "input_text"),
		@JsonSubTypes.Type(value = ResponseContent.InputImage.class, name = "input_image"),
		@JsonSubTypes.Type(value = ResponseContent.OutputText.class, name = "output_text"),
		@JsonSubTypes.Type(value = ResponseContent.Refusal.class, name = "refusal"),
		@JsonSubTypes.Type(value = ResponseContent.SummaryText.class, name = "summary_text") })
public sealed interface ResponseContent {

	/**
	 * Create a text part of an input message.
	 * @param text the text
	 * @return the part
	 */
	static ResponseContent text(String text) {
		return new InputText(text);
	}

	/**
	 * Create an image part of an input message from a URL, or a {@code data:} URL of
	 * base64 image bytes.
	 * @param url the image URL
	 * @return the part
	 */
	static ResponseContent imageUrl(String url) {
		return new InputImage(url, null, null);
	}

	/**
	 * Create an image part of an input message with a detail level.
	 * @param url the image URL
	 * @param detail {@code low}, {@code high} or {@code auto}
	 * @return the part
	 */
	static ResponseContent imageUrl(String url, String detail) {
		return new InputImage(url, detail, null);
	}

	/**
	 * Text sent to the model.
	 *
	 * @param text the text
	 */
	record InputText(String text) implements ResponseContent {

	}

	/**
	 * An image sent to the model, by URL or as an uploaded file.
	 *
	 * @param imageUrl the URL, or a {@code data:image/png;base64,…} URL
	 * @param detail {@code low}, {@code high} or {@code auto}, or {@code null} for the
	 * default
	 * @param fileId the id of an uploaded file, instead of a URL
	 */
	record InputImage(@Nullable String imageUrl, @Nullable String detail, @Nullable String fileId)
			implements ResponseContent {

	}

	/**
	 * Text the model answered.
	 *
	 * @param text the text
	 * @param annotations citations and file paths in the text, as OpenAI sent them
	 * @param logprobs log probabilities of its tokens, when asked for
	 */
	record OutputText(String text, @Nullable List<Map<String, Object>> annotations,
			@Nullable List<Map<String, Object>> logprobs) implements ResponseContent {

		/**
		 * Create text without annotations, as when replaying an earlier answer.
		 * @param text the text
		 */
		public OutputText(String text) {
			this(text, List.of(), null);
		}

	}

	/**
	 * The model's refusal to answer.
	 *
	 * @param refusal why it refused
	 */
	record Refusal(String refusal) implements ResponseContent {

	}

	/**
	 * One part of the summary of a reasoning item.
	 *
	 * @param text the summary text
	 */
	record SummaryText(String text) implements ResponseContent {

	}

	/**
	 * A part of a type this client does not model, kept as OpenAI sent it.
	 *
	 * @param type the part's type
	 * @param json the part's JSON
	 */
	@JsonSerialize(using = RawJsonSerializer.class)
	record Other(String type, JsonNode json) implements ResponseContent {

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Other of(JsonNode json) {
			return new Other(json.path("type").asString(""), json);
		}

	}

}
