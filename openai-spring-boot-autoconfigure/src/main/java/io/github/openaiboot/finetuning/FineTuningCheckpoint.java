package io.github.openaiboot.finetuning;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A checkpoint of a fine-tuning job ({@code fine_tuning.job.checkpoint}): a model saved
 * at a training step, usable like the fine-tuned model.
 *
 * @param id the checkpoint's id, {@code ftckpt_…}
 * @param object always {@code fine_tuning.job.checkpoint}
 * @param createdAt when it was made, in epoch seconds
 * @param fineTunedModelCheckpoint the checkpoint's model, {@code ft:…:ckpt-step-N}
 * @param stepNumber the training step it was saved at
 * @param metrics the metrics at that step: {@code step}, {@code train_loss},
 * {@code train_mean_token_accuracy}, {@code valid_loss}, …
 * @param fineTuningJobId the job's id
 * @author openai-spring-boot
 */
public record FineTuningCheckpoint(@Nullable String id, @Nullable String object, long createdAt,
		@Nullable String fineTunedModelCheckpoint, long stepNumber, @Nullable Map<String, Double> metrics,
		@Nullable String fineTuningJobId) {

}
