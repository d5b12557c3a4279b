package io.github.openaiboot.audio;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import io.github.openaiboot.core.OpenAiMultipartBody;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

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
		if (format != null && TEXT_FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
			return this.pipeline.exchange(OpenAiRequest.post(operation, path, body, String.class, request.model()))
				.map((text) -> new Transcription(text, null, null, null, null, null, null, null));
		}
		return this.pipeline.exchange(OpenAiRequest.post(operation, path, body, Transcription.class, request.model()));
	}

	private static OpenAiMultipartBody transcriptionBody(TranscriptionRequest request, boolean stream) {
		return OpenAiMultipartBody.builder()
			.file("file", request.file())
			.field("model", request.model())
			.field("language", request.language())
			.field("prompt", request.prompt())
			.field("response_format", request.responseFormat())
			.field("temperature", request.temperature())
			.array("timestamp_granularities", request.timestampGranularities())
			.array("include", request.include())
			.field("stream", stream ? Boolean.TRUE : null)
			.build();
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
			return this.pipeline.stream(OpenAiRequest.post(OpenAiOperation.SPEECH, "/audio/speech", completed,
					DataBuffer.class, completed.model()));
		});
	}

	@Override
	public Mono<Void> speech(SpeechRequest request, Path target) {
		return DataBufferUtils.write(speech(request), target);
	}

}
