package io.github.openaiboot.responses;

import org.jspecify.annotations.Nullable;

/**
 * What deleting a stored response answers.
 *
 * @param id the response's id
 * @param object always {@code response}
 * @param deleted whether it was deleted
 * @author openai-spring-boot
 */
public record ResponseDeletion(@Nullable String id, @Nullable String object, boolean deleted) {

}
