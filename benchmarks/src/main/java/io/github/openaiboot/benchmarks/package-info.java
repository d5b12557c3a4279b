/**
 * JMH microbenchmarks and a load benchmark that compare the starter's clients with a
 * plain {@code WebClient} doing the same exchanges.
 */
@NullMarked
package io.github.openaiboot.benchmarks;

import org.jspecify.annotations.NullMarked;
