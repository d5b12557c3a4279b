package io.github.openaiboot.ratelimit;

import org.jspecify.annotations.Nullable;

/**
 * Whether a shared rate-limit store (Redis) answers, and what pacing does while it does
 * not; shown by the {@code openai} health indicator.
 *
 * @param store the store, such as {@code redis}
 * @param reachable whether the store answered the latest request
 * @param failOpen whether pacing goes on locally while the store is unreachable (when
 * {@code false}, calls fail)
 * @param lastError the latest failure to reach the store, if it is unreachable
 * @author openai-spring-boot
 */
public record RateLimitStoreStatus(String store, boolean reachable, boolean failOpen, @Nullable String lastError) {

}
