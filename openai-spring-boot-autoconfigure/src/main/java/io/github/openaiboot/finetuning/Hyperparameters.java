package io.github.openaiboot.finetuning;

import org.jspecify.annotations.Nullable;

/**
 * The hyper-parameters of a fine-tuning method, each left unset (OpenAI's default),
 * {@code "auto"} or a number. Supervised fine-tuning reads the first three; DPO adds
 * {@code beta}; reinforcement fine-tuning adds the reasoning effort, compute multiplier
 * and evaluation settings.
 *
 * @param batchSize the examples per batch, 1 to 256
 * @param learningRateMultiplier the scale of the learning rate, above 0
 * @param nEpochs the passes over the training file, 1 to 50
 * @param beta the weight of the penalty between the policy and the reference model
 * (DPO), above 0 and at most 2
 * @param reasoningEffort the reasoning effort: {@code default}, {@code low},
 * {@code medium} or {@code high} (reinforcement)
 * @param computeMultiplier the compute spent exploring the search space (reinforcement)
 * @param evalInterval the training steps between evaluation runs (reinforcement)
 * @param evalSamples the evaluation samples per grader run (reinforcement)
 * @author openai-spring-boot
 */
public record Hyperparameters(@Nullable Hyperparameter batchSize, @Nullable Hyperparameter learningRateMultiplier,
		@Nullable Hyperparameter nEpochs, @Nullable Hyperparameter beta, @Nullable String reasoningEffort,
		@Nullable Hyperparameter computeMultiplier, @Nullable Hyperparameter evalInterval,
		@Nullable Hyperparameter evalSamples) {

	/**
	 * Return hyper-parameters that leave every choice to OpenAI.
	 * @return empty hyper-parameters
	 */
	public static Hyperparameters defaults() {
		return builder().build();
	}

	/**
	 * Start building hyper-parameters.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builder of {@link Hyperparameters}.
	 */
	public static final class Builder {

		private @Nullable Hyperparameter batchSize;

		private @Nullable Hyperparameter learningRateMultiplier;

		private @Nullable Hyperparameter nEpochs;

		private @Nullable Hyperparameter beta;

		private @Nullable String reasoningEffort;

		private @Nullable Hyperparameter computeMultiplier;

		private @Nullable Hyperparameter evalInterval;

		private @Nullable Hyperparameter evalSamples;

		private Builder() {
		}

		/**
		 * Set the batch size.
		 * @param batchSize {@code auto} or 1 to 256
		 * @return this builder
		 */
		public Builder batchSize(Hyperparameter batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * Set the learning rate multiplier.
		 * @param learningRateMultiplier {@code auto} or above 0
		 * @return this builder
		 */
		public Builder learningRateMultiplier(Hyperparameter learningRateMultiplier) {
			this.learningRateMultiplier = learningRateMultiplier;
			return this;
		}

		/**
		 * Set the number of epochs.
		 * @param nEpochs {@code auto} or 1 to 50
		 * @return this builder
		 */
		public Builder nEpochs(Hyperparameter nEpochs) {
			this.nEpochs = nEpochs;
			return this;
		}

		/**
		 * Set DPO's beta.
		 * @param beta {@code auto} or above 0 and at most 2
		 * @return this builder
		 */
		public Builder beta(Hyperparameter beta) {
			this.beta = beta;
			return this;
		}

		/**
		 * Set the reasoning effort of reinforcement fine-tuning.
		 * @param reasoningEffort {@code default}, {@code low}, {@code medium} or
		 * {@code high}
		 * @return this builder
		 */
		public Builder reasoningEffort(String reasoningEffort) {
			this.reasoningEffort = reasoningEffort;
			return this;
		}

		/**
		 * Set the compute multiplier of reinforcement fine-tuning.
		 * @param computeMultiplier {@code auto} or a number
		 * @return this builder
		 */
		public Builder computeMultiplier(Hyperparameter computeMultiplier) {
			this.computeMultiplier = computeMultiplier;
			return this;
		}

		/**
		 * Set the training steps between evaluation runs.
		 * @param evalInterval {@code auto} or a number
		 * @return this builder
		 */
		public Builder evalInterval(Hyperparameter evalInterval) {
			this.evalInterval = evalInterval;
			return this;
		}

		/**
		 * Set the evaluation samples per grader run.
		 * @param evalSamples {@code auto} or a number
		 * @return this builder
		 */
		public Builder evalSamples(Hyperparameter evalSamples) {
			this.evalSamples = evalSamples;
			return this;
		}

		/**
		 * Build the hyper-parameters.
		 * @return the hyper-parameters
		 */
		public Hyperparameters build() {
			check("batch_size", this.batchSize, 1, 256);
			check("n_epochs", this.nEpochs, 1, 50);
			positive("learning_rate_multiplier", this.learningRateMultiplier);
			positive("beta", this.beta);
			if (this.beta != null && this.beta.number() != null && this.beta.number().doubleValue() > 2) {
				throw new IllegalArgumentException("'beta' must be at most 2, but was " + this.beta);
			}
			return new Hyperparameters(this.batchSize, this.learningRateMultiplier, this.nEpochs, this.beta,
					this.reasoningEffort, this.computeMultiplier, this.evalInterval, this.evalSamples);
		}

		private static void check(String name, @Nullable Hyperparameter value, int min, int max) {
			Number number = (value != null) ? value.number() : null;
			if (number != null && (number.doubleValue() < min || number.doubleValue() > max
					|| number.doubleValue() != Math.rint(number.doubleValue()))) {
				throw new IllegalArgumentException(
						"'" + name + "' must be \"auto\" or a whole number from " + min + " to " + max + ", but was "
								+ value);
			}
		}

		private static void positive(String name, @Nullable Hyperparameter value) {
			Number number = (value != null) ? value.number() : null;
			if (number != null && number.doubleValue() <= 0) {
				throw new IllegalArgumentException("'" + name + "' must be \"auto\" or above 0, but was " + value);
			}
		}

	}

}
