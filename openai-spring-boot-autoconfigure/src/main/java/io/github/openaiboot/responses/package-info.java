/**
 * Reactive client for OpenAI's Responses API, with its request, response, item and
 * stream event types, and the accumulator that folds a stream into its response.
 */
@NullMarked
package io.github.openaiboot.responses;

import org.jspecify.annotations.NullMarked;
