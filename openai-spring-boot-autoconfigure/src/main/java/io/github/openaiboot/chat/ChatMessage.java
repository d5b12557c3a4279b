package io.github.openaiboot.chat;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.openaiboot.core.OpenAiJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * One message of a conversation: from the system (or developer), the user, the
 * assistant, or a tool. User content is text or a list of {@link ContentPart parts}
 * (text and images).
 *
 * @author openai-spring-boot
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ChatMessage {

	private static final TypeReference<List<ContentPart>> PARTS = new TypeReference<>() {
	};

	private final String role;

	private final @Nullable String text;

	private final @Nullable List<ContentPart> parts;

	private final @Nullable String name;

	private final @Nullable List<ToolCall> toolCalls;

	private final @Nullable String toolCallId;

	private final @Nullable String refusal;

	private ChatMessage(String role, @Nullable String text, @Nullable List<ContentPart> parts, @Nullable String name,
			@Nullable List<ToolCall> toolCalls, @Nullable String toolCallId, @Nullable String refusal) {
		this.role = Objects.requireNonNull(role, "'role' must not be null");
		this.text = text;
		this.parts = (parts != null) ? List.copyOf(parts) : null;
		this.name = name;
		this.toolCalls = (toolCalls != null) ? List.copyOf(toolCalls) : null;
		this.toolCallId = toolCallId;
		this.refusal = refusal;
	}

	@JsonCreator
	static ChatMessage fromJson(@JsonProperty("role") String role, @JsonProperty("content") @Nullable Object content,
			@JsonProperty("name") @Nullable String name,
			@JsonProperty("tool_calls") @Nullable List<ToolCall> toolCalls,
			@JsonProperty("tool_call_id") @Nullable String toolCallId,
			@JsonProperty("refusal") @Nullable String refusal) {
		if (content instanceof List<?>) {
			List<ContentPart> parts = OpenAiJson.mapper().convertValue(content, PARTS);
			return new ChatMessage(role, null, parts, name, toolCalls, toolCallId, refusal);
		}
		return new ChatMessage(role, (content != null) ? content.toString() : null, null, name, toolCalls, toolCallId,
				refusal);
	}

	/**
	 * Create a system message: instructions that steer the model.
	 * @param text the instructions
	 * @return the message
	 */
	public static ChatMessage system(String text) {
		return new ChatMessage("system", text, null, null, null, null, null);
	}

	/**
	 * Create a developer message, the name reasoning models give to system
	 * instructions.
	 * @param text the instructions
	 * @return the message
	 */
	public static ChatMessage developer(String text) {
		return new ChatMessage("developer", text, null, null, null, null, null);
	}

	/**
	 * Create a user message of text.
	 * @param text the text
	 * @return the message
	 */
	public static ChatMessage user(String text) {
		return new ChatMessage("user", text, null, null, null, null, null);
	}

	/**
	 * Create a user message of parts, such as text and images.
	 * @param parts the parts
	 * @return the message
	 */
	public static ChatMessage user(List<ContentPart> parts) {
		return new ChatMessage("user", null, parts, null, null, null, null);
	}

	/**
	 * Create a user message of parts, such as text and images.
	 * @param parts the parts
	 * @return the message
	 */
	public static ChatMessage user(ContentPart... parts) {
		return user(List.of(parts));
	}

	/**
	 * Create an assistant message, to replay an earlier answer.
	 * @param text the answer
	 * @return the message
	 */
	public static ChatMessage assistant(String text) {
		return new ChatMessage("assistant", text, null, null, null, null, null);
	}

	/**
	 * Create an assistant message that called tools, to replay before the tools'
	 * answers.
	 * @param toolCalls the tool calls the model made
	 * @return the message
	 */
	public static ChatMessage assistant(List<ToolCall> toolCalls) {
		return new ChatMessage("assistant", null, null, null, toolCalls, null, null);
	}

	/**
	 * Create a tool message: a tool's answer to one tool call.
	 * @param toolCallId the id of the tool call answered
	 * @param content the tool's answer
	 * @return the message
	 */
	public static ChatMessage tool(String toolCallId, String content) {
		return new ChatMessage("tool", content, null, null, null, toolCallId, null);
	}

	/**
	 * Return a copy of this message with a participant name.
	 * @param name the name
	 * @return the message
	 */
	public ChatMessage withName(String name) {
		return new ChatMessage(this.role, this.text, this.parts, name, this.toolCalls, this.toolCallId, this.refusal);
	}

	/**
	 * Return the role: {@code system}, {@code developer}, {@code user},
	 * {@code assistant} or {@code tool}.
	 * @return the role
	 */
	@JsonProperty("role")
	public String role() {
		return this.role;
	}

	/**
	 * Return the text of the message; for a message of parts, its text parts joined.
	 * @return the text, or {@code null} when the message has none (such as an assistant
	 * message that only calls tools)
	 */
	@JsonIgnore
	public @Nullable String content() {
		if (this.parts == null) {
			return this.text;
		}
		return this.parts.stream()
			.filter(ContentPart.Text.class::isInstance)
			.map((part) -> ((ContentPart.Text) part).text())
			.collect(Collectors.joining());
	}

	/**
	 * Return the parts of a message made of parts.
	 * @return the parts, or an empty list for a text message
	 */
	@JsonIgnore
	public List<ContentPart> parts() {
		return (this.parts != null) ? this.parts : List.of();
	}

	@JsonProperty("content")
	@Nullable Object jsonContent() {
		// An array keeps its element type at runtime, so each part is written with its "type".
		return (this.parts != null) ? this.parts.toArray(new ContentPart[0]) : this.text;
	}

	/**
	 * Return the participant name.
	 * @return the name, or {@code null}
	 */
	@JsonProperty("name")
	public @Nullable String name() {
		return this.name;
	}

	/**
	 * Return the tool calls of an assistant message.
	 * @return the tool calls, empty when the model called none
	 */
	@JsonIgnore
	public List<ToolCall> toolCalls() {
		return (this.toolCalls != null) ? this.toolCalls : List.of();
	}

	@JsonProperty("tool_calls")
	@Nullable List<ToolCall> jsonToolCalls() {
		return this.toolCalls;
	}

	/**
	 * Return the id of the tool call a tool message answers.
	 * @return the tool call id, or {@code null}
	 */
	@JsonProperty("tool_call_id")
	public @Nullable String toolCallId() {
		return this.toolCallId;
	}

	/**
	 * Return the model's refusal message, when it declined to answer.
	 * @return the refusal, or {@code null}
	 */
	@JsonProperty("refusal")
	public @Nullable String refusal() {
		return this.refusal;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		return (other instanceof ChatMessage that) && this.role.equals(that.role)
				&& Objects.equals(this.text, that.text) && Objects.equals(this.parts, that.parts)
				&& Objects.equals(this.name, that.name) && Objects.equals(this.toolCalls, that.toolCalls)
				&& Objects.equals(this.toolCallId, that.toolCallId) && Objects.equals(this.refusal, that.refusal);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.role, this.text, this.parts, this.name, this.toolCalls, this.toolCallId);
	}

	@Override
	public String toString() {
		return "ChatMessage[role=" + this.role + ", content=" + content() + ", toolCalls=" + toolCalls() + "]";
	}

}
