/**
 * Transport shared by every OpenAI client: the request pipeline, headers, server-sent events and rate-limit headers.
 */
@NullMarked
package io.github.openaiboot.core;

import org.jspecify.annotations.NullMarked;
