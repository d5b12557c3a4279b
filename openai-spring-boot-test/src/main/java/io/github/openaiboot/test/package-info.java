/**
 * JUnit 5 and Spring test support that runs an {@link io.github.openaiboot.test.simulator.OpenAiSimulator} next to
 * the code under test.
 */
@NullMarked
package io.github.openaiboot.test;

import org.jspecify.annotations.NullMarked;
