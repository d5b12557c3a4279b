/**
 * Client-side pacing under OpenAI's requests-per-minute and tokens-per-minute limits:
 * token estimation ({@link io.github.openaiboot.ratelimit.TokenCounter}) and rate
 * limiters ({@link io.github.openaiboot.ratelimit.RateLimiter}), local or shared through
 * Redis.
 */
@NullMarked
package io.github.openaiboot.ratelimit;

import org.jspecify.annotations.NullMarked;
