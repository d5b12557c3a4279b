package io.github.openaiboot.file;

import org.jspecify.annotations.Nullable;

/**
 * What deleting a file answers.
 *
 * @param id the file's id
 * @param object always {@code file}
 * @param deleted whether it was deleted
 * @author openai-spring-boot
 */
public record FileDeletion(@Nullable String id, @Nullable String object, boolean deleted) {

}
