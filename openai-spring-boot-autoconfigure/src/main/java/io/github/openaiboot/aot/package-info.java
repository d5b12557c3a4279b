/**
 * Ahead-of-time hints, so that the clients run in a GraalVM native image.
 */
@NullMarked
package io.github.openaiboot.aot;

import org.jspecify.annotations.NullMarked;
