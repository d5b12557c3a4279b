package io.github.openaiboot.audio;

import org.jspecify.annotations.Nullable;

/**
 * A text-to-speech request. Build one with {@link #builder(String)}; values left
 * {@code null} take the {@code openai.audio.speech-model} and
 * {@code openai.audio.voice} defaults.
 *
 * @param model the model, such as {@code tts-1}, {@code tts-1-hd} or
 * {@code gpt-4o-mini-tts}
 * @param input the text to speak, at most 4096 characters
 * @param voice the voice, such as {@code alloy} (see {@link Voice})
 * @param instructions how to speak (not with tts-1 or tts-1-hd), at most 4096 characters
 * @param responseFormat {@code mp3}, {@code opus}, {@code aac}, {@code flac},
 * {@code wav} or {@code pcm} (see {@link AudioFormat})
 * @param speed 0.25 to 4.0
 * @param streamFormat {@code audio} (the bytes) or {@code sse} (events of base64 audio
 * ending with the tokens used; not with tts-1 or tts-1-hd); {@code null} follows
 * {@code openai.audio.speech-stream-format}
 * @author openai-spring-boot
 */
public record SpeechRequest(@Nullable String model, String input, @Nullable String voice,
		@Nullable String instructions, @Nullable String responseFormat, @Nullable Double speed,
		@Nullable String streamFormat) {

	/**
	 * Longest input and instructions OpenAI accepts, in characters.
	 */
	public static final int MAX_CHARACTERS = 4096;

	/**
	 * Create a request.
	 */
	public SpeechRequest {
		if (input == null || input.isBlank()) {
			throw new IllegalArgumentException("A speech request needs an input text");
		}
		if (input.length() > MAX_CHARACTERS) {
			throw new IllegalArgumentException("A speech request's input is at most " + MAX_CHARACTERS
					+ " characters but was " + input.length());
		}
		if (instructions != null && instructions.length() > MAX_CHARACTERS) {
			throw new IllegalArgumentException("A speech request's instructions are at most " + MAX_CHARACTERS
					+ " characters but were " + instructions.length());
		}
		if (speed != null && (speed < 0.25 || speed > 4.0)) {
			throw new IllegalArgumentException("'speed' must be between 0.25 and 4.0 but was " + speed);
		}
	}

	/**
	 * Create a request that follows {@code openai.audio.speech-stream-format}.
	 * @param model the model
	 * @param input the text to speak
	 * @param voice the voice
	 * @param instructions how to speak
	 * @param responseFormat the audio format
	 * @param speed the speed
	 */
	public SpeechRequest(@Nullable String model, String input, @Nullable String voice, @Nullable String instructions,
			@Nullable String responseFormat, @Nullable Double speed) {
		this(model, input, voice, instructions, responseFormat, speed, null);
	}

	/**
	 * Start building a request.
	 * @param input the text to speak
	 * @return a new builder
	 */
	public static Builder builder(String input) {
		return new Builder(input);
	}

	SpeechRequest withDefaults(String model, String voice) {
		return new SpeechRequest((this.model != null) ? this.model : model, this.input,
				(this.voice != null) ? this.voice : voice, this.instructions, this.responseFormat, this.speed,
				this.streamFormat);
	}

	SpeechRequest withStreamFormat(String streamFormat) {
		return new SpeechRequest(this.model, this.input, this.voice, this.instructions, this.responseFormat,
				this.speed, streamFormat);
	}

	/**
	 * Builder of {@link SpeechRequest}.
	 */
	public static final class Builder {

		private final String input;

		private @Nullable String model;

		private @Nullable String voice;

		private @Nullable String instructions;

		private @Nullable String responseFormat;

		private @Nullable Double speed;

		private @Nullable String streamFormat;

		private Builder(String input) {
			this.input = input;
		}

		/**
		 * Set the model.
		 * @param model the model
		 * @return this builder
		 */
		public Builder model(@Nullable String model) {
			this.model = model;
			return this;
		}

		/**
		 * Set the voice.
		 * @param voice the voice
		 * @return this builder
		 */
		public Builder voice(@Nullable String voice) {
			this.voice = voice;
			return this;
		}

		/**
		 * Set how to speak.
		 * @param instructions the instructions
		 * @return this builder
		 */
		public Builder instructions(@Nullable String instructions) {
			this.instructions = instructions;
			return this;
		}

		/**
		 * Set the audio format.
		 * @param responseFormat the format
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable String responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Set the speed.
		 * @param speed 0.25 to 4.0
		 * @return this builder
		 */
		public Builder speed(@Nullable Double speed) {
			this.speed = speed;
			return this;
		}

		/**
		 * Set how the speech is streamed.
		 * @param streamFormat {@code audio} or {@code sse} (see {@link AudioFormat})
		 * @return this builder
		 */
		public Builder streamFormat(@Nullable String streamFormat) {
			this.streamFormat = streamFormat;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public SpeechRequest build() {
			return new SpeechRequest(this.model, this.input, this.voice, this.instructions, this.responseFormat,
					this.speed, this.streamFormat);
		}

	}

}
