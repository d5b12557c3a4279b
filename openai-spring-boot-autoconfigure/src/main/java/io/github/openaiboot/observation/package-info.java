/**
 * Micrometer observations of OpenAI calls: the observation context, its convention and
 * documented key names, token and cost meters, and rate-limit headroom gauges.
 */
@NullMarked
package io.github.openaiboot.observation;

import org.jspecify.annotations.NullMarked;
