package io.github.openaiboot.finetuning;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One event of a fine-tuning job ({@code fine_tuning.job.event}): a message, or the
 * metrics of a training step.
 *
 * @param id the event's id, {@code ft-event-…}
 * @param object always {@code fine_tuning.job.event}
 * @param createdAt when it happened, in epoch seconds
 * @param level {@code info}, {@code warn} or {@code error}
 * @param message what happened
 * @param type {@code message} or {@code metrics}
 * @param data what the event carries, such as a step's metrics, or {@code null}
 * @author openai-spring-boot
 */
public record FineTuningJobEvent(String id, @Nullable String object, long createdAt, @Nullable String level,
		@Nullable String message, @Nullable String type, @Nullable Map<String, Object> data) {

}
