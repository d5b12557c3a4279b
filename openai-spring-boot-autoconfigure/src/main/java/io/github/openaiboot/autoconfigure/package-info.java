/**
 * Auto-configuration for the reactive OpenAI clients.
 */
@NullMarked
package io.github.openaiboot.autoconfigure;

import org.jspecify.annotations.NullMarked;
