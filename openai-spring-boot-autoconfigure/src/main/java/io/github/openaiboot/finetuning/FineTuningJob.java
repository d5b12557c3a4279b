package io.github.openaiboot.finetuning;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A fine-tuning job ({@code fine_tuning.job}).
 *
 * @param id the job's id, {@code ftjob-…}
 * @param object always {@code fine_tuning.job}
 * @param model the base model being fine-tuned
 * @param createdAt when it was created, in epoch seconds
 * @param finishedAt when it finished, in epoch seconds, or {@code null}
 * @param fineTunedModel the fine-tuned model, {@code ft:…}, once made
 * @param organizationId the organization that owns it
 * @param resultFiles the ids of its result files
 * @param status its status, one of {@link FineTuningJobStatus} or one unknown today
 * @param validationFile the id of its validation file, or {@code null}
 * @param trainingFile the id of its training file
 * @param hyperparameters the hyper-parameters it was created with (deprecated by
 * OpenAI in favour of the method's)
 * @param trainedTokens the billable tokens it trained on, once it has finished
 * @param error why it failed, for a failed job
 * @param seed the seed it runs with
 * @param estimatedFinish when it is expected to finish, in epoch seconds, or
 * {@code null}
 * @param method how the model is fine-tuned
 * @param metadata the key-value pairs stored with it
 * @param userProvidedSuffix the suffix of the fine-tuned model's name, or {@code null}
 * @param integrations its integrations, as OpenAI describes them
 * @author openai-spring-boot
 */
public record FineTuningJob(@Nullable String id, @Nullable String object, @Nullable String model, long createdAt,
		@Nullable Long finishedAt, @Nullable String fineTunedModel, @Nullable String organizationId,
		List<String> resultFiles, @Nullable String status, @Nullable String validationFile,
		@Nullable String trainingFile, @Nullable Hyperparameters hyperparameters, @Nullable Long trainedTokens,
		@Nullable JobError error, @Nullable Long seed, @Nullable Long estimatedFinish,
		@Nullable FineTuningMethod method, @Nullable Map<String, String> metadata,
		@Nullable String userProvidedSuffix, @Nullable List<Map<String, Object>> integrations) {

	/**
	 * Create a job.
	 */
	public FineTuningJob {
		resultFiles = (resultFiles != null) ? List.copyOf(resultFiles) : List.of();
	}

	/**
	 * Return whether the job has ended: succeeded, failed or cancelled.
	 * @return whether its status is terminal
	 */
	public boolean isTerminal() {
		return FineTuningJobStatus.isTerminal(this.status);
	}

	/**
	 * Why a fine-tuning job failed.
	 *
	 * @param code a machine-readable code
	 * @param message what went wrong
	 * @param param the parameter that was invalid, such as {@code training_file}, or
	 * {@code null}
	 */
	public record JobError(@Nullable String code, @Nullable String message, @Nullable String param) {

	}

}
