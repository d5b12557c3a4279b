/**
 * Reactive client for OpenAI embeddings.
 */
@NullMarked
package io.github.openaiboot.embedding;

import org.jspecify.annotations.NullMarked;
