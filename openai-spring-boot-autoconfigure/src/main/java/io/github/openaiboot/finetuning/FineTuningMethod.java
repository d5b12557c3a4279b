package io.github.openaiboot.finetuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a model is fine-tuned: supervised on example conversations, by direct preference
 * optimization (DPO) on preferred and rejected answers, or by reinforcement against a
 * grader. Only the part of its {@code type} is set.
 *
 * @param type {@code supervised}, {@code dpo} or {@code reinforcement}; an open string,
 * as OpenAI may add methods
 * @param supervised the settings of supervised fine-tuning
 * @param dpo the settings of DPO
 * @param reinforcement the settings of reinforcement fine-tuning
 * @author openai-spring-boot
 */
public record FineTuningMethod(String type, @Nullable Supervised supervised, @Nullable Dpo dpo,
		@Nullable Reinforcement reinforcement) {

	/**
	 * The type of supervised fine-tuning.
	 */
	public static final String SUPERVISED = "supervised";

	/**
	 * The type of direct preference optimization.
	 */
	public static final String DPO = "dpo";

	/**
	 * The type of reinforcement fine-tuning.
	 */
	public static final String REINFORCEMENT = "reinforcement";

	/**
	 * Return supervised fine-tuning with hyper-parameters.
	 * @param hyperparameters the hyper-parameters
	 * @return the method
	 */
	public static FineTuningMethod supervised(Hyperparameters hyperparameters) {
		return new FineTuningMethod(SUPERVISED, new Supervised(hyperparameters), null, null);
	}

	/**
	 * Return direct preference optimization with hyper-parameters.
	 * @param hyperparameters the hyper-parameters, {@code beta} among them
	 * @return the method
	 */
	public static FineTuningMethod dpo(Hyperparameters hyperparameters) {
		return new FineTuningMethod(DPO, null, new Dpo(hyperparameters), null);
	}

	/**
	 * Return reinforcement fine-tuning against a grader.
	 * @param grader the grader, as OpenAI describes it: {@code string_check},
	 * {@code text_similarity}, {@code python}, {@code score_model} or {@code multi}, such
	 * as {@code {"type":"string_check","name":"exact","input":"{{sample.output_text}}",
	 * "reference":"{{item.answer}}","operation":"eq"}}
	 * @param hyperparameters the hyper-parameters
	 * @return the method
	 */
	public static FineTuningMethod reinforcement(Map<String, ?> grader, Hyperparameters hyperparameters) {
		return new FineTuningMethod(REINFORCEMENT, null, null, new Reinforcement(grader, hyperparameters, null));
	}

	/**
	 * Return the hyper-parameters of the method's part.
	 * @return the hyper-parameters, or {@code null} when none were given or the type is
	 * unknown
	 */
	public @Nullable Hyperparameters hyperparameters() {
		if (this.supervised != null) {
			return this.supervised.hyperparameters();
		}
		if (this.dpo != null) {
			return this.dpo.hyperparameters();
		}
		return (this.reinforcement != null) ? this.reinforcement.hyperparameters() : null;
	}

	/**
	 * The settings of supervised fine-tuning.
	 *
	 * @param hyperparameters the hyper-parameters
	 */
	public record Supervised(@Nullable Hyperparameters hyperparameters) {

	}

	/**
	 * The settings of direct preference optimization.
	 *
	 * @param hyperparameters the hyper-parameters
	 */
	public record Dpo(@Nullable Hyperparameters hyperparameters) {

	}

	/**
	 * The settings of reinforcement fine-tuning.
	 *
	 * @param grader the grader the samples are scored by
	 * @param hyperparameters the hyper-parameters
	 * @param responseFormat the response format the samples are made in, or {@code null}
	 */
	public record Reinforcement(@Nullable Map<String, ?> grader, @Nullable Hyperparameters hyperparameters,
			@Nullable Map<String, ?> responseFormat) {

		/**
		 * Create the settings.
		 */
		public Reinforcement {
			// OpenAI's graders may hold nulls, which Map.copyOf refuses
			grader = (grader != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(grader)) : null;
			responseFormat = (responseFormat != null)
					? Collections.unmodifiableMap(new LinkedHashMap<>(responseFormat)) : null;
		}

		/**
		 * Return these settings with a response format for the samples.
		 * @param responseFormat the response format, such as a JSON schema format
		 * @return new settings
		 */
		public Reinforcement withResponseFormat(Map<String, ?> responseFormat) {
			return new Reinforcement(this.grader, this.hyperparameters,
					Objects.requireNonNull(responseFormat, "'responseFormat' must not be null"));
		}

	}

}
