/**
 * Reactive client for listing and retrieving OpenAI models.
 */
@NullMarked
package io.github.openaiboot.model;

import org.jspecify.annotations.NullMarked;
