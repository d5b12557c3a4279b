package io.github.openaiboot.file;

import org.jspecify.annotations.Nullable;

/**
 * One part added to an {@link Upload}: a chunk of the file's bytes, of at most 64 MB.
 *
 * @param id the part's id, such as {@code part_def456}, to list when the upload is
 * completed
 * @param object always {@code upload.part}
 * @param createdAt when it was added, in epoch seconds
 * @param uploadId the id of the upload it was added to
 * @author openai-spring-boot
 */
public record UploadPart(String id, @Nullable String object, long createdAt, @Nullable String uploadId) {

}
