/**
 * Reactive client for OpenAI image generation.
 */
@NullMarked
package io.github.openaiboot.image;

import org.jspecify.annotations.NullMarked;
