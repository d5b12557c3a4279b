/**
 * Reactive client for OpenAI's Realtime API over a WebSocket: sessions, typed server
 * events, client events and audio sent with back-pressure, and ephemeral client secrets
 * for browsers.
 */
@NullMarked
package io.github.openaiboot.realtime;

import org.jspecify.annotations.NullMarked;
