package io.github.openaiboot.audio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import io.github.openaiboot.core.OpenAiMultipartBody;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * {@link AudioClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultAudioClient implements AudioClient {

	private static final Set<String> TEXT_FORMATS = Set.of(AudioFormat.TEXT, AudioFormat.SRT, AudioFormat.VTT);

	private final OpenAiTransport pipeline;

	private final AudioDefaults defaults;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through
	 * @param defaults the values requests take when they leave them unset
	 */
	public DefaultAudioClient(OpenAiTransport pipeline, AudioDefaults defaults) {
		this.pipeline = pipeline;
		this.defaults = defaults;
	}

	@Override
	public Mono<Transcription> transcribe(TranscriptionRequest request) {
		return Mono.defer(() -> {
			TranscriptionRequest completed = complete(request);
			return send(OpenAiOperation.TRANSCRIPTION, "/audio/transcriptions", transcriptionBody(completed, false),
					completed);
		});
	}

	@Override
	public Flux<TranscriptionEvent> transcribeStream(TranscriptionRequest request) {
		return Flux.defer(() -> {
			TranscriptionRequest completed = complete(request);
			if (completed.model().startsWith(AudioFormat.WHISPER_1)) {
				// OpenAI ignores stream=true for whisper-1 and answers with one JSON body
				throw new IllegalArgumentException("whisper-1 does not stream transcriptions: use transcribe(), or a"
						+ " model that streams, such as gpt-4o-transcribe or gpt-4o-mini-transcribe");
			}
			return this.pipeline.stream(OpenAiRequest.post(OpenAiOperation.TRANSCRIPTION, "/audio/transcriptions",
					transcriptionBody(completed, true), TranscriptionEvent.class, completed.model()));
		});
	}

	@Override
	public Mono<Transcription> translate(TranscriptionRequest request) {
		return Mono.defer(() -> {
			TranscriptionRequest completed = complete(request);
			OpenAiMultipartBody body = OpenAiMultipartBody.builder()
				.file("file", completed.file())
				.field("model", completed.model())
				.field("prompt", completed.prompt())
				.field("response_format", completed.responseFormat())
				.field("temperature", completed.temperature())
				.build();
			return send(OpenAiOperation.TRANSLATION, "/audio/translations", body, completed);
		});
	}

	private Mono<Transcription> send(OpenAiOperation operation, String path, OpenAiMultipartBody body,
			TranscriptionRequest request) {
		String format = request.responseFormat();
		String lowerCase = (format != null) ? format.toLowerCase(Locale.ROOT) : null;
		if (lowerCase != null && TEXT_FORMATS.contains(lowerCase)) {
			return this.pipeline.exchange(OpenAiRequest.post(operation, path, body, String.class, request.model()))
				.map((text) -> new Transcription(text, null, null, null, null, null, null, null));
		}
		return this.pipeline.exchange(OpenAiRequest.post(operation, path, body, Transcription.class, request.model()));
	}

	private static OpenAiMultipartBody transcriptionBody(TranscriptionRequest request, boolean stream) {
		OpenAiMultipartBody.Builder body = OpenAiMultipartBody.builder()
			.file("file", request.file())
			.field("model", request.model())
			.field("language", request.language())
			.field("prompt", request.prompt())
			.field("response_format", request.responseFormat())
			.field("temperature", request.temperature())
			.array("timestamp_granularities", request.timestampGranularities())
			.array("include", request.include())
			.array("known_speaker_names", request.knownSpeakerNames())
			.array("known_speaker_references", request.knownSpeakerReferences())
			.array("languages", request.languages())
			.array("keywords", request.keywords())
			.field("stream", stream ? Boolean.TRUE : null);
		ChunkingStrategy chunking = request.chunkingStrategy();
		if (chunking == null && request.isDiarization()) {
			// OpenAI requires one for diarized audio longer than 30 seconds, whose length is not known here
			chunking = ChunkingStrategy.AUTO;
		}
		if (chunking != null && chunking.isAuto()) {
			body.field("chunking_strategy", chunking.type());
		}
		else if (chunking != null) {
			// nested fields as the official SDKs send them in a form
			body.field("chunking_strategy[type]", chunking.type())
				.field("chunking_strategy[prefix_padding_ms]", chunking.prefixPaddingMs())
				.field("chunking_strategy[silence_duration_ms]", chunking.silenceDurationMs())
				.field("chunking_strategy[threshold]", chunking.threshold());
		}
		return body.build();
	}

	private TranscriptionRequest complete(TranscriptionRequest request) {
		OptionalLong size = request.file().size();
		if (size.isPresent() && size.getAsLong() > MAX_UPLOAD_BYTES) {
			throw new IllegalArgumentException("'" + request.file().filename() + "' is " + size.getAsLong()
					+ " bytes, more than the 25 MB (" + MAX_UPLOAD_BYTES
					+ " bytes) OpenAI's audio endpoints accept: split it, or compress it (such as to mp3 or opus)");
		}
		return (request.model() != null) ? request : request.withModel(this.defaults.model());
	}

	@Override
	public Flux<DataBuffer> speech(SpeechRequest request) {
		return Flux.defer(() -> {
			SpeechRequest completed = request.withDefaults(this.defaults.speechModel(), this.defaults.voice());
			String streamFormat = streamFormat(completed);
			if (AudioFormat.STREAM_SSE.equals(streamFormat)) {
				return events(completed.withStreamFormat(streamFormat)).handle((event, sink) -> {
					if (event instanceof SpeechEvent.Delta delta && !delta.audio().isEmpty()) {
						sink.next(DefaultDataBufferFactory.sharedInstance.wrap(delta.audioBytes()));
					}
				});
			}
			return this.pipeline.stream(OpenAiRequest.post(OpenAiOperation.SPEECH, "/audio/speech", completed,
					DataBuffer.class, completed.model()));
		});
	}

	@Override
	public Flux<SpeechEvent> speechEvents(SpeechRequest request) {
		return Flux.defer(() -> {
			SpeechRequest completed = request.withDefaults(this.defaults.speechModel(), this.defaults.voice());
			if (completed.streamFormat() != null && !AudioFormat.STREAM_SSE.equals(completed.streamFormat())) {
				throw new IllegalArgumentException("speechEvents() streams events (stream_format 'sse') but the"
						+ " request asks for stream_format '" + completed.streamFormat() + "': use speech()");
			}
			return events(completed.withStreamFormat(AudioFormat.STREAM_SSE));
		});
	}

	private Flux<SpeechEvent> events(SpeechRequest request) {
		if (isCharacterPriced(request.model())) {
			throw new IllegalArgumentException(request.model() + " does not stream speech as events (stream_format"
					+ " 'sse'): use speech() with stream_format 'audio', or a model that does, such as "
					+ AudioFormat.GPT_4O_MINI_TTS);
		}
		return this.pipeline.stream(OpenAiRequest.post(OpenAiOperation.SPEECH, "/audio/speech", request,
				SpeechEvent.class, request.model()));
	}

	private @Nullable String streamFormat(SpeechRequest request) {
		if (request.streamFormat() != null) {
			return request.streamFormat();
		}
		return switch (this.defaults.speechStreamFormat()) {
			case SSE -> AudioFormat.STREAM_SSE;
			case AUDIO -> null;
			// the models priced per token report their tokens only at the end of an event stream
			case AUTO -> isTokenPriced(request.model()) ? AudioFormat.STREAM_SSE : null;
		};
	}

	private static boolean isCharacterPriced(@Nullable String model) {
		return model != null && model.toLowerCase(Locale.ROOT).startsWith(AudioFormat.TTS_1);
	}

	private static boolean isTokenPriced(@Nullable String model) {
		return model != null && model.toLowerCase(Locale.ROOT).startsWith(AudioFormat.GPT_4O_MINI_TTS);
	}

	@Override
	public Mono<Void> speech(SpeechRequest request, Path target) {
		return DataBufferUtils.write(speech(request), target);
	}

}
