/**
 * An in-process fake of the OpenAI API, built on WireMock, that answers like the real service and can be told to
 * fail the way it does.
 */
@NullMarked
package io.github.openaiboot.test.simulator;

import org.jspecify.annotations.NullMarked;
