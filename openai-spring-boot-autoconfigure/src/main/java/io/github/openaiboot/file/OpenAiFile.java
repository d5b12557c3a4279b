package io.github.openaiboot.file;

import org.jspecify.annotations.Nullable;

/**
 * A file stored at OpenAI.
 *
 * @param id the file's id, such as {@code file-abc123}
 * @param object always {@code file}
 * @param bytes its size in bytes
 * @param createdAt when it was uploaded, in epoch seconds
 * @param expiresAt when it expires, in epoch seconds, or {@code null} when it persists
 * until deleted
 * @param filename its name
 * @param purpose its purpose, such as {@code fine-tune} or {@code batch_output} (see
 * {@link FilePurpose}), an open string
 * @param status deprecated by OpenAI: {@code uploaded}, {@code processed} or
 * {@code error}, when sent
 * @param statusDetails deprecated by OpenAI: why validation failed, when sent
 * @author openai-spring-boot
 */
public record OpenAiFile(String id, @Nullable String object, long bytes, long createdAt, @Nullable Long expiresAt,
		@Nullable String filename, @Nullable String purpose, @Nullable String status,
		@Nullable String statusDetails) {

}
