/**
 * Typed exceptions for OpenAI failures and their classification by error kind.
 */
@NullMarked
package io.github.openaiboot.error;

import org.jspecify.annotations.NullMarked;
