package io.github.openaiboot.realtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a realtime session is opened with: the model (in the URL) and the session
 * settings sent as {@code session.update} once it is open. Settings left unset are the
 * server's.
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public final class RealtimeSessionConfig {

	private final @Nullable String model;

	private final @Nullable String instructions;

	private final @Nullable List<String> outputModalities;

	private final @Nullable String voice;

	private final Map<String, Object> session;

	private RealtimeSessionConfig(Builder builder) {
		this.model = builder.model;
		this.instructions = builder.instructions;
		this.outputModalities = builder.outputModalities;
		this.voice = builder.voice;
		this.session = Map.copyOf(builder.session);
	}

	/**
	 * Start building a configuration.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the model.
	 * @return the model, or {@code null} for the client's default
	 */
	public @Nullable String model() {
		return this.model;
	}

	/**
	 * Return the instructions.
	 * @return the instructions, or {@code null}
	 */
	public @Nullable String instructions() {
		return this.instructions;
	}

	/**
	 * Return the output modalities.
	 * @return the modalities, such as {@code [text]}, or {@code null}
	 */
	public @Nullable List<String> outputModalities() {
		return this.outputModalities;
	}

	/**
	 * Return the voice.
	 * @return the voice, or {@code null}
	 */
	public @Nullable String voice() {
		return this.voice;
	}

	/**
	 * Return the session fields of a {@code session.update} (or of a client secret's
	 * session) in the shape of the generally available protocol or of the beta one.
	 * @param beta whether to use the beta shape
	 * @param model the model, for the generally available shape of a client secret, or
	 * {@code null}
	 * @return the fields, empty when nothing is set
	 */
	public Map<String, Object> sessionFields(boolean beta, @Nullable String model) {
		Map<String, Object> fields = new LinkedHashMap<>();
		if (!beta) {
			fields.put("type", "realtime");
			if (model != null) {
				fields.put("model", model);
			}
		}
		if (this.instructions != null) {
			fields.put("instructions", this.instructions);
		}
		if (this.outputModalities != null) {
			fields.put(beta ? "modalities" : "output_modalities", this.outputModalities);
		}
		if (this.voice != null) {
			fields.put("voice", this.voice);
			if (!beta) {
				fields.remove("voice");
				fields.put("audio", Map.of("output", Map.of("voice", this.voice)));
			}
		}
		fields.putAll(this.session);
		return fields;
	}

	/**
	 * Return whether anything is set that a {@code session.update} would send.
	 * @return whether the session has settings of its own
	 */
	public boolean hasSessionSettings() {
		return this.instructions != null || this.outputModalities != null || this.voice != null
				|| !this.session.isEmpty();
	}

	/**
	 * Builder of {@link RealtimeSessionConfig}.
	 */
	public static final class Builder {

		private @Nullable String model;

		private @Nullable String instructions;

		private @Nullable List<String> outputModalities;

		private @Nullable String voice;

		private final Map<String, Object> session = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Set the model.
		 * @param model the model, such as {@code gpt-realtime}
		 * @return this builder
		 */
		public Builder model(String model) {
			Assert.hasText(model, "'model' must not be empty");
			this.model = model;
			return this;
		}

		/**
		 * Set the instructions.
		 * @param instructions the instructions
		 * @return this builder
		 */
		public Builder instructions(String instructions) {
			this.instructions = instructions;
			return this;
		}

		/**
		 * Set the output modalities, {@code text} or {@code audio}.
		 * @param modalities the modalities
		 * @return this builder
		 */
		public Builder outputModalities(String... modalities) {
			Assert.notEmpty(modalities, "'modalities' must not be empty");
			this.outputModalities = List.of(modalities);
			return this;
		}

		/**
		 * Set the voice of audio output, such as {@code alloy} or {@code marin}.
		 * @param voice the voice
		 * @return this builder
		 */
		public Builder voice(String voice) {
			this.voice = voice;
			return this;
		}

		/**
		 * Set any other session field, sent as is.
		 * @param name the field, in OpenAI's snake_case name, such as
		 * {@code turn_detection}
		 * @param value its value
		 * @return this builder
		 */
		public Builder sessionField(String name, Object value) {
			Assert.hasText(name, "'name' must not be empty");
			this.session.put(name, value);
			return this;
		}

		/**
		 * Build the configuration.
		 * @return the configuration
		 */
		public RealtimeSessionConfig build() {
			return new RealtimeSessionConfig(this);
		}

	}

}
