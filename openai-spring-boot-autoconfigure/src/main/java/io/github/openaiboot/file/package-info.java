/**
 * Reactive client for OpenAI's files: upload, list, retrieve, delete and download, and
 * the Uploads API that sends a large file in parts.
 */
@NullMarked
package io.github.openaiboot.file;

import org.jspecify.annotations.NullMarked;
