/**
 * Token usage reported by OpenAI.
 */
@NullMarked
package io.github.openaiboot.usage;

import org.jspecify.annotations.NullMarked;
