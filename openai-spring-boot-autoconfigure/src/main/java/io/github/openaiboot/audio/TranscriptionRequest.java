package io.github.openaiboot.audio;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import io.github.openaiboot.core.UploadFile;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * A transcription (or translation) request: the audio and how to read it. Build one
 * with {@link #builder(UploadFile)}; a request without a model uses
 * {@code openai.audio.model}. A translation sends only the file, model, prompt,
 * response format and temperature.
 *
 * @param file the audio (flac, mp3, mp4, mpeg, mpga, m4a, ogg, wav or webm), at most
 * 25 MB, with a file name whose extension names its format
 * @param model the model, such as {@code whisper-1} or {@code gpt-4o-transcribe}
 * @param language the spoken language, ISO-639-1, such as {@code en}
 * @param prompt text to guide the style or continue a previous segment
 * @param responseFormat {@code json}, {@code text}, {@code srt}, {@code vtt} or
 * {@code verbose_json} (see {@link AudioFormat})
 * @param temperature sampling temperature, 0 to 1
 * @param timestampGranularities {@code word} and/or {@code segment}, with
 * {@code verbose_json}
 * @param include extra outputs, such as {@code logprobs} (gpt-4o transcribe models, with
 * {@code json})
 * @author openai-spring-boot
 */
public record TranscriptionRequest(UploadFile file, @Nullable String model, @Nullable String language,
		@Nullable String prompt, @Nullable String responseFormat, @Nullable Double temperature,
		@Nullable List<String> timestampGranularities, @Nullable List<String> include) {

	/**
	 * Create a request.
	 */
	public TranscriptionRequest {
		Objects.requireNonNull(file, "A transcription request needs a file");
		if (temperature != null && (temperature < 0 || temperature > 1)) {
			throw new IllegalArgumentException("'temperature' must be between 0 and 1 but was " + temperature);
		}
		timestampGranularities = (timestampGranularities != null) ? List.copyOf(timestampGranularities) : null;
		include = (include != null) ? List.copyOf(include) : null;
	}

	/**
	 * Start building a request.
	 * @param file the audio
	 * @return a new builder
	 */
	public static Builder builder(UploadFile file) {
		return new Builder(file);
	}

	/**
	 * Start building a request for the audio at a path.
	 * @param path the audio
	 * @return a new builder
	 */
	public static Builder builder(Path path) {
		return new Builder(UploadFile.of(path));
	}

	/**
	 * Start building a request for an audio resource.
	 * @param resource the audio, which needs a file name
	 * @return a new builder
	 */
	public static Builder builder(Resource resource) {
		return new Builder(UploadFile.of(resource));
	}

	TranscriptionRequest withModel(String model) {
		return new TranscriptionRequest(this.file, model, this.language, this.prompt, this.responseFormat,
				this.temperature, this.timestampGranularities, this.include);
	}

	/**
	 * Builder of {@link TranscriptionRequest}.
	 */
	public static final class Builder {

		private final UploadFile file;

		private @Nullable String model;

		private @Nullable String language;

		private @Nullable String prompt;

		private @Nullable String responseFormat;

		private @Nullable Double temperature;

		private @Nullable List<String> timestampGranularities;

		private @Nullable List<String> include;

		private Builder(UploadFile file) {
			this.file = file;
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
		 * Set the spoken language.
		 * @param language ISO-639-1 code
		 * @return this builder
		 */
		public Builder language(@Nullable String language) {
			this.language = language;
			return this;
		}

		/**
		 * Set the prompt.
		 * @param prompt the prompt
		 * @return this builder
		 */
		public Builder prompt(@Nullable String prompt) {
			this.prompt = prompt;
			return this;
		}

		/**
		 * Set the response format.
		 * @param responseFormat the format (see {@link AudioFormat})
		 * @return this builder
		 */
		public Builder responseFormat(@Nullable String responseFormat) {
			this.responseFormat = responseFormat;
			return this;
		}

		/**
		 * Set the temperature.
		 * @param temperature 0 to 1
		 * @return this builder
		 */
		public Builder temperature(@Nullable Double temperature) {
			this.temperature = temperature;
			return this;
		}

		/**
		 * Set the timestamp granularities of a {@code verbose_json} response.
		 * @param granularities {@code word} and/or {@code segment}
		 * @return this builder
		 */
		public Builder timestampGranularities(String... granularities) {
			this.timestampGranularities = List.of(granularities);
			return this;
		}

		/**
		 * Set extra outputs.
		 * @param include such as {@code logprobs}
		 * @return this builder
		 */
		public Builder include(String... include) {
			this.include = List.of(include);
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public TranscriptionRequest build() {
			return new TranscriptionRequest(this.file, this.model, this.language, this.prompt, this.responseFormat,
					this.temperature, this.timestampGranularities, this.include);
		}

	}

}
