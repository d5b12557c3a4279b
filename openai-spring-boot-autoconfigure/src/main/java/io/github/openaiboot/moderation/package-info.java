/**
 * Reactive client for OpenAI's moderation of text and images, free of charge.
 */
@NullMarked
package io.github.openaiboot.moderation;

import org.jspecify.annotations.NullMarked;
