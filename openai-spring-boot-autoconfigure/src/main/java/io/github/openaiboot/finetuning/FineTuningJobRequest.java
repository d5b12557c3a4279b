package io.github.openaiboot.finetuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request to create a fine-tuning job ({@code POST /v1/fine_tuning/jobs}).
 *
 * @param model the model to fine-tune, such as {@code gpt-4o-mini-2024-07-18}
 * @param trainingFile the id of the training file, uploaded with purpose
 * {@code fine-tune}
 * @param validationFile the id of the validation file, or {@code null}
 * @param method how the model is fine-tuned, or {@code null} for supervised fine-tuning
 * with OpenAI's choices
 * @param suffix up to 64 characters added to the fine-tuned model's name, or
 * {@code null}
 * @param seed the seed that makes the job reproducible, or {@code null}
 * @param metadata up to 16 key-value pairs stored with the job
 * @param integrations the integrations to enable, such as Weights and Biases, as
 * OpenAI describes them
 * @author openai-spring-boot
 */
public record FineTuningJobRequest(String model, String trainingFile, @Nullable String validationFile,
		@Nullable FineTuningMethod method, @Nullable String suffix, @Nullable Integer seed,
		@Nullable Map<String, String> metadata, @Nullable List<Map<String, Object>> integrations) {

	private static final int MAX_METADATA = 16;

	private static final int MAX_KEY = 64;

	private static final int MAX_VALUE = 512;

	private static final int MAX_SUFFIX = 64;

	/**
	 * Start building a request.
	 * @param model the model to fine-tune
	 * @param trainingFile the id of the training file
	 * @return a new builder
	 */
	public static Builder builder(String model, String trainingFile) {
		return new Builder(model, trainingFile);
	}

	/**
	 * Builder of {@link FineTuningJobRequest}.
	 */
	public static final class Builder {

		private final String model;

		private final String trainingFile;

		private @Nullable String validationFile;

		private @Nullable FineTuningMethod method;

		private @Nullable String suffix;

		private @Nullable Integer seed;

		private final Map<String, String> metadata = new LinkedHashMap<>();

		private final List<Map<String, Object>> integrations = new ArrayList<>();

		private Builder(String model, String trainingFile) {
			this.model = model;
			this.trainingFile = trainingFile;
		}

		/**
		 * Set the validation file.
		 * @param validationFile the file's id
		 * @return this builder
		 */
		public Builder validationFile(String validationFile) {
			this.validationFile = validationFile;
			return this;
		}

		/**
		 * Set how the model is fine-tuned.
		 * @param method the method, such as {@link FineTuningMethod#dpo}
		 * @return this builder
		 */
		public Builder method(FineTuningMethod method) {
			this.method = method;
			return this;
		}

		/**
		 * Set the suffix of the fine-tuned model's name.
		 * @param suffix 1 to 64 characters
		 * @return this builder
		 */
		public Builder suffix(String suffix) {
			this.suffix = suffix;
			return this;
		}

		/**
		 * Set the seed.
		 * @param seed 0 to 2147483647
		 * @return this builder
		 */
		public Builder seed(int seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Add a key-value pair stored with the job.
		 * @param key the key, at most 64 characters
		 * @param value the value, at most 512 characters
		 * @return this builder
		 */
		public Builder metadata(String key, String value) {
			this.metadata.put(key, value);
			return this;
		}

		/**
		 * Add an integration, as OpenAI describes it, such as
		 * {@code {"type":"wandb","wandb":{"project":"my-project"}}}.
		 * @param integration the integration
		 * @return this builder
		 */
		public Builder integration(Map<String, Object> integration) {
			this.integrations.add(Map.copyOf(integration));
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException when a field is out of OpenAI's bounds
		 */
		public FineTuningJobRequest build() {
			if (this.model == null || this.model.isBlank()) {
				throw new IllegalArgumentException("'model' must not be blank");
			}
			if (this.trainingFile == null || this.trainingFile.isBlank()) {
				throw new IllegalArgumentException("'trainingFile' must not be blank");
			}
			if (this.suffix != null && (this.suffix.isEmpty() || this.suffix.length() > MAX_SUFFIX)) {
				throw new IllegalArgumentException("'suffix' must have 1 to " + MAX_SUFFIX
						+ " characters, but has " + this.suffix.length());
			}
			if (this.seed != null && this.seed < 0) {
				throw new IllegalArgumentException("'seed' must be from 0 to 2147483647, but was " + this.seed);
			}
			if (this.metadata.size() > MAX_METADATA) {
				throw new IllegalArgumentException(
						"'metadata' holds at most " + MAX_METADATA + " pairs, but has " + this.metadata.size());
			}
			this.metadata.forEach((key, value) -> {
				if (key.length() > MAX_KEY) {
					throw new IllegalArgumentException("Metadata key '" + key + "' is longer than " + MAX_KEY
							+ " characters");
				}
				if (value.length() > MAX_VALUE) {
					throw new IllegalArgumentException("Metadata value of '" + key + "' is longer than "
							+ MAX_VALUE + " characters");
				}
			});
			if (this.method != null && FineTuningMethod.REINFORCEMENT.equals(this.method.type())
					&& (this.method.reinforcement() == null || this.method.reinforcement().grader() == null)) {
				throw new IllegalArgumentException("Reinforcement fine-tuning needs a grader");
			}
			return new FineTuningJobRequest(this.model, this.trainingFile, this.validationFile, this.method,
					this.suffix, this.seed, this.metadata.isEmpty() ? null : Map.copyOf(this.metadata),
					this.integrations.isEmpty() ? null : List.copyOf(this.integrations));
		}

	}

}
