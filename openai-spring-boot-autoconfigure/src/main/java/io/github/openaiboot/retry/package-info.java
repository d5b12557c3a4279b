/**
 * Retry decisions and server-hinted delays for OpenAI calls.
 */
@NullMarked
package io.github.openaiboot.retry;

import org.jspecify.annotations.NullMarked;
