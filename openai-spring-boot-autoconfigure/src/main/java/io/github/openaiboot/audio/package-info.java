/**
 * Reactive client for OpenAI's audio endpoints: transcription and translation of speech
 * (Whisper and the gpt-4o transcribe models) and text to speech.
 */
@NullMarked
package io.github.openaiboot.audio;

import org.jspecify.annotations.NullMarked;
