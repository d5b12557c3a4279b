/**
 * Reactive client for OpenAI's files: upload, list, retrieve, delete and download.
 */
@NullMarked
package io.github.openaiboot.file;

import org.jspecify.annotations.NullMarked;
