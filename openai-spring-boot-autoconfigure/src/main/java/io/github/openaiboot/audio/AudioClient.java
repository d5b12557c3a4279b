package io.github.openaiboot.audio;

import java.nio.file.Path;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Reactive client for OpenAI's audio endpoints. The audio is streamed to the server as
 * a {@code multipart/form-data} request, never held in memory whole; a file whose size is
 * known (a resource or a path) and is larger than OpenAI's 25 MB limit is refused before
 * anything is sent.
 *
 * @author openai-spring-boot
 */
public interface AudioClient {

	/**
	 * Largest request body OpenAI's audio endpoints accept: 25 MB.
	 */
	long MAX_UPLOAD_BYTES = 25L * 1024 * 1024;

	/**
	 * Transcribe speech in its own language. A {@code text}, {@code srt} or {@code vtt}
	 * response is returned as the transcription's text.
	 * @param request the request
	 * @return the transcription
	 */
	Mono<Transcription> transcribe(TranscriptionRequest request);

	/**
	 * Transcribe speech as a stream of events ({@code stream=true}; the gpt-4o
	 * transcribe models: whisper-1 does not stream).
	 * @param request the request
	 * @return the events, ending with {@link TranscriptionEvent.Done}
	 */
	Flux<TranscriptionEvent> transcribeStream(TranscriptionRequest request);

	/**
	 * Translate speech into English text (whisper-1).
	 * @param request the request
	 * @return the translation
	 */
	Mono<Transcription> translate(TranscriptionRequest request);

	/**
	 * Speak a text, returning the audio as its buffers arrive. The subscriber releases
	 * each buffer. Asked for as events ({@code stream_format=sse}) when the request or
	 * {@code openai.audio.speech-stream-format} says so (by default for the models priced
	 * per token, such as gpt-4o-mini-tts, whose last event reports the tokens used), the
	 * events' audio is decoded into the buffers.
	 * @param request the request
	 * @return the audio
	 */
	Flux<DataBuffer> speech(SpeechRequest request);

	/**
	 * Speak a text as server-sent events ({@code stream_format=sse}): chunks of base64
	 * audio, then {@link SpeechEvent.Done} with the tokens used. Not supported by tts-1
	 * and tts-1-hd, which are refused before anything is sent.
	 * @param request the request
	 * @return the events, ending with {@link SpeechEvent.Done}
	 */
	Flux<SpeechEvent> speechEvents(SpeechRequest request);

	/**
	 * Speak a text into a file, replacing what is there.
	 * @param request the request
	 * @param target where to write the audio
	 * @return completes once the audio is written
	 */
	Mono<Void> speech(SpeechRequest request, Path target);

}
