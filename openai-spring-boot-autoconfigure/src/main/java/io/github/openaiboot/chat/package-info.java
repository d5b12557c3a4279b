/**
 * Reactive client for OpenAI chat completions, with its request, response and streaming types.
 */
@NullMarked
package io.github.openaiboot.chat;

import org.jspecify.annotations.NullMarked;
