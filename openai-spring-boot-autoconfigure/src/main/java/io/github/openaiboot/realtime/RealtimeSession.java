package io.github.openaiboot.realtime;

import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An open realtime session: one WebSocket to one account, for as long as the caller
 * keeps it. Reconnecting is the caller's decision: a session whose socket drops is over,
 * and {@link #events()} ends with a {@link RealtimeConnectionException} saying what was
 * in flight.
 *
 * @author openai-spring-boot
 * @since 0.1.0
 */
public interface RealtimeSession {

	/**
	 * Return the events the server sends, from the first ({@code session.created}) on.
	 * The socket is read as fast as they are consumed. The stream completes once the
	 * session is {@link #close() closed}, and fails with a
	 * {@link RealtimeConnectionException} when the server or the network ends it.
	 * {@code error} events arrive as {@link RealtimeServerEvent.Error} (most leave the
	 * session usable). Every subscriber shares one read of the socket; cancelling the
	 * last closes the session.
	 * @return the events
	 */
	Flux<RealtimeServerEvent> events();

	/**
	 * Send one client event.
	 * @param event the event
	 * @return completes once the event is written to the socket
	 */
	Mono<Void> send(RealtimeClientEvent event);

	/**
	 * Send audio as {@code input_audio_buffer.append} events, one per buffer, in the
	 * session's input format (by default 24 kHz 16-bit mono PCM). The audio is requested
	 * only as fast as the socket takes it, so a slow connection slows the source rather
	 * than buffering it. Each buffer is released once encoded.
	 * @param audio the audio
	 * @return completes once every buffer is written to the socket
	 */
	Mono<Void> sendAudio(Flux<DataBuffer> audio);

	/**
	 * Return the id of the server's session, once {@code session.created} arrived.
	 * @return the id, or {@code null}
	 */
	@org.jspecify.annotations.Nullable String sessionId();

	/**
	 * Return the model the session was opened with.
	 * @return the model
	 */
	String model();

	/**
	 * Close the session with a normal closure; {@link #events()} then completes.
	 * @return completes once the close frame is sent
	 */
	Mono<Void> close();

}
