package io.github.openaiboot.batch;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A batch of the Batch API.
 *
 * @param id the batch's id, {@code batch_…}
 * @param object always {@code batch}
 * @param endpoint where its requests go
 * @param model the model of its requests, when OpenAI reports it
 * @param errors why its input file failed validation, or {@code null}
 * @param inputFileId the id of its input file
 * @param completionWindow the time it may take
 * @param status its status, one of {@link BatchStatus} or one unknown today
 * @param outputFileId the id of the file of its successful requests, once written
 * @param errorFileId the id of the file of its failed requests, once written
 * @param createdAt when it was created, in epoch seconds
 * @param inProgressAt when it started, or {@code null}
 * @param expiresAt when its completion window ends
 * @param finalizingAt when it started writing its results, or {@code null}
 * @param completedAt when it completed, or {@code null}
 * @param failedAt when it failed, or {@code null}
 * @param expiredAt when it expired, or {@code null}
 * @param cancellingAt when its cancellation started, or {@code null}
 * @param cancelledAt when it was cancelled, or {@code null}
 * @param requestCounts how many of its requests ran and failed
 * @param usage the tokens its requests used (batches created after 2025-09-07)
 * @param metadata the key-value pairs stored with it
 * @author openai-spring-boot
 */
public record Batch(@Nullable String id, @Nullable String object, @Nullable String endpoint, @Nullable String model,
		@Nullable Errors errors, @Nullable String inputFileId, @Nullable String completionWindow,
		@Nullable String status, @Nullable String outputFileId, @Nullable String errorFileId, long createdAt,
		@Nullable Long inProgressAt, @Nullable Long expiresAt, @Nullable Long finalizingAt,
		@Nullable Long completedAt, @Nullable Long failedAt, @Nullable Long expiredAt, @Nullable Long cancellingAt,
		@Nullable Long cancelledAt, @Nullable RequestCounts requestCounts, @Nullable BatchUsage usage,
		@Nullable Map<String, String> metadata) {

	/**
	 * Return whether the batch has ended: completed, failed, expired or cancelled.
	 * @return whether its status is terminal
	 */
	public boolean isTerminal() {
		return BatchStatus.isTerminal(this.status);
	}

	/**
	 * Why a batch's input file failed validation.
	 *
	 * @param object always {@code list}
	 * @param data the errors
	 */
	public record Errors(@Nullable String object, List<BatchError> data) {

		/**
		 * Create the errors.
		 */
		public Errors {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

	/**
	 * One validation error of a batch.
	 *
	 * @param code a machine-readable code, such as {@code token_limit_exceeded}
	 * @param message what went wrong
	 * @param param the parameter that was invalid, or {@code null}
	 * @param line the input line it concerns, or {@code null}
	 */
	public record BatchError(@Nullable String code, @Nullable String message, @Nullable String param,
			@Nullable Integer line) {

	}

	/**
	 * How many of a batch's requests ran and failed.
	 *
	 * @param total the requests
	 * @param completed the requests that were answered
	 * @param failed the requests that failed
	 */
	public record RequestCounts(int total, int completed, int failed) {

	}

	/**
	 * The tokens a batch's requests used.
	 *
	 * @param inputTokens the input tokens
	 * @param outputTokens the output tokens
	 * @param totalTokens their sum
	 */
	public record BatchUsage(long inputTokens, long outputTokens, long totalTokens) {

	}

}
