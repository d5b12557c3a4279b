/**
 * Reactive client for OpenAI's Batch API ({@code /v1/batches}): batches created from
 * files, and chat or embedding requests submitted as batches whose answers are matched
 * back to them.
 */
@NullMarked
package io.github.openaiboot.batch;

import org.jspecify.annotations.NullMarked;
