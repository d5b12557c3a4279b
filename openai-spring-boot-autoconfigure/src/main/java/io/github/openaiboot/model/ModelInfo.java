package io.github.openaiboot.model;

import org.jspecify.annotations.Nullable;

/**
 * A model available to the organization.
 *
 * @param id the model's id, such as {@code gpt-4o-mini}
 * @param object always {@code model}
 * @param created when it was created, in epoch seconds
 * @param ownedBy the organization that owns it
 * @author openai-spring-boot
 */
public record ModelInfo(String id, @Nullable String object, long created, @Nullable String ownedBy) {

}
