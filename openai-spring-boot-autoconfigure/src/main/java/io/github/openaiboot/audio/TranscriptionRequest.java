package io.github.openaiboot.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
 * @param responseFormat {@code json}, {@code text}, {@code srt}, {@code vtt},
 * {@code verbose_json} or {@code diarized_json} (see {@link AudioFormat})
 * @param temperature sampling temperature, 0 to 1
 * @param timestampGranularities {@code word} and/or {@code segment}, with
 * {@code verbose_json}
 * @param include extra outputs, such as {@code logprobs} (gpt-4o transcribe models, with
 * {@code json})
 * @param chunkingStrategy how long audio is cut into chunks; {@code null} sends none,
 * except to a diarization model, which is sent {@link ChunkingStrategy#AUTO}
 * @param knownSpeakerNames the names of up to four known speakers (diarization)
 * @param knownSpeakerReferences a data URL of 2 to 10 seconds of audio of each known
 * speaker, in the order of their names (diarization)
 * @param languages the spoken languages, ISO-639-1 ({@code gpt-transcribe})
 * @param keywords words likely to be spoken, such as names ({@code gpt-transcribe})
 * @author openai-spring-boot
 */
public record TranscriptionRequest(UploadFile file, @Nullable String model, @Nullable String language,
		@Nullable String prompt, @Nullable String responseFormat, @Nullable Double temperature,
		@Nullable List<String> timestampGranularities, @Nullable List<String> include,
		@Nullable ChunkingStrategy chunkingStrategy, @Nullable List<String> knownSpeakerNames,
		@Nullable List<String> knownSpeakerReferences, @Nullable List<String> languages,
		@Nullable List<String> keywords) {

	/**
	 * Most known speakers a diarization request may name.
	 */
	public static final int MAX_KNOWN_SPEAKERS = 4;

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
		knownSpeakerNames = knownSpeakers("knownSpeakerNames", knownSpeakerNames);
		knownSpeakerReferences = knownSpeakers("knownSpeakerReferences", knownSpeakerReferences);
		if (knownSpeakerReferences != null) {
			if (knownSpeakerNames == null || knownSpeakerNames.size() != knownSpeakerReferences.size()) {
				throw new IllegalArgumentException("Each known speaker reference needs the speaker's name: "
						+ knownSpeakerReferences.size() + " references but "
						+ ((knownSpeakerNames != null) ? knownSpeakerNames.size() : 0) + " names");
			}
			for (String reference : knownSpeakerReferences) {
				if (!reference.startsWith("data:")) {
					throw new IllegalArgumentException("A known speaker reference must be a data URL"
							+ " (data:audio/wav;base64,...) but starts with '"
							+ reference.substring(0, Math.min(16, reference.length())) + "'");
				}
			}
		}
		languages = (languages != null) ? List.copyOf(languages) : null;
		keywords = (keywords != null) ? List.copyOf(keywords) : null;
	}

	/**
	 * Create a request without diarization or {@code gpt-transcribe} options.
	 * @param file the audio
	 * @param model the model
	 * @param language the spoken language
	 * @param prompt the prompt
	 * @param responseFormat the response format
	 * @param temperature the temperature
	 * @param timestampGranularities the timestamp granularities
	 * @param include extra outputs
	 */
	public TranscriptionRequest(UploadFile file, @Nullable String model, @Nullable String language,
			@Nullable String prompt, @Nullable String responseFormat, @Nullable Double temperature,
			@Nullable List<String> timestampGranularities, @Nullable List<String> include) {
		this(file, model, language, prompt, responseFormat, temperature, timestampGranularities, include, null, null,
				null, null, null);
	}

	private static @Nullable List<String> knownSpeakers(String name, @Nullable List<String> values) {
		if (values == null) {
			return null;
		}
		if (values.size() > MAX_KNOWN_SPEAKERS) {
			throw new IllegalArgumentException("'" + name + "' holds at most " + MAX_KNOWN_SPEAKERS
					+ " known speakers but had " + values.size());
		}
		return List.copyOf(values);
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
				this.temperature, this.timestampGranularities, this.include, this.chunkingStrategy,
				this.knownSpeakerNames, this.knownSpeakerReferences, this.languages, this.keywords);
	}

	/**
	 * Return whether the model is a diarization model, such as
	 * {@code gpt-4o-transcribe-diarize}.
	 * @return whether the model's name says it diarizes
	 */
	boolean isDiarization() {
		return this.model != null && this.model.contains("diarize");
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

		private @Nullable ChunkingStrategy chunkingStrategy;

		private final List<String> knownSpeakerNames = new ArrayList<>();

		private final List<String> knownSpeakerReferences = new ArrayList<>();

		private @Nullable List<String> languages;

		private @Nullable List<String> keywords;

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
		 * Set how long audio is cut into chunks.
		 * @param chunkingStrategy the strategy, such as {@link ChunkingStrategy#AUTO}
		 * @return this builder
		 */
		public Builder chunkingStrategy(@Nullable ChunkingStrategy chunkingStrategy) {
			this.chunkingStrategy = chunkingStrategy;
			return this;
		}

		/**
		 * Add a known speaker, whose segments a diarization model labels with the
		 * name.
		 * @param name the speaker's name, such as {@code agent}
		 * @param referenceDataUrl 2 to 10 seconds of the speaker's voice as a data URL,
		 * such as {@code data:audio/wav;base64,...}
		 * @return this builder
		 */
		public Builder knownSpeaker(String name, String referenceDataUrl) {
			this.knownSpeakerNames.add(Objects.requireNonNull(name, "A known speaker needs a name"));
			this.knownSpeakerReferences
				.add(Objects.requireNonNull(referenceDataUrl, "A known speaker needs a reference"));
			return this;
		}

		/**
		 * Add a known speaker from 2 to 10 seconds of their voice.
		 * @param name the speaker's name
		 * @param audio the audio's bytes
		 * @param mimeType its type, such as {@code audio/wav}
		 * @return this builder
		 */
		public Builder knownSpeaker(String name, byte[] audio, String mimeType) {
			return knownSpeaker(name, "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(audio));
		}

		/**
		 * Set the spoken languages ({@code gpt-transcribe}).
		 * @param languages ISO-639-1 codes
		 * @return this builder
		 */
		public Builder languages(String... languages) {
			this.languages = List.of(languages);
			return this;
		}

		/**
		 * Set words likely to be spoken ({@code gpt-transcribe}).
		 * @param keywords such as names and terms
		 * @return this builder
		 */
		public Builder keywords(String... keywords) {
			this.keywords = List.of(keywords);
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public TranscriptionRequest build() {
			return new TranscriptionRequest(this.file, this.model, this.language, this.prompt, this.responseFormat,
					this.temperature, this.timestampGranularities, this.include, this.chunkingStrategy,
					this.knownSpeakerNames.isEmpty() ? null : this.knownSpeakerNames,
					this.knownSpeakerReferences.isEmpty() ? null : this.knownSpeakerReferences, this.languages,
					this.keywords);
		}

	}

}
