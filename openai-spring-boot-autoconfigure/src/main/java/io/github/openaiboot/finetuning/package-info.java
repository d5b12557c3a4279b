/**
 * Reactive client for OpenAI's fine-tuning jobs ({@code /v1/fine_tuning/jobs}): their
 * creation with the supervised, DPO and reinforcement methods, their events and
 * checkpoints, and a job followed until it ends.
 */
@NullMarked
package io.github.openaiboot.finetuning;

import org.jspecify.annotations.NullMarked;
