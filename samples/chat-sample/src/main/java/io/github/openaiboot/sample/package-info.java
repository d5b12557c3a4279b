/**
 * Sample WebFlux application using the OpenAI starter, runnable without an API key on
 * the built-in simulator.
 */
@NullMarked
package io.github.openaiboot.sample;

import org.jspecify.annotations.NullMarked;
