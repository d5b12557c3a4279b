package io.github.openaiboot.audio;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.CountingResource;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.file.DefaultFilesClient;
import io.github.openaiboot.file.FilePurpose;
import io.github.openaiboot.file.FileUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that uploads are streamed: a Netty server notes, as each chunk of the request
 * arrives, how far the client had read the file ahead of what the server had received.
 * A client that buffered the body (or the file part of it, after sending the multipart
 * headers) would be the whole file ahead at some point.
 */
class StreamedUploadTests {

	private static final long SIZE = 64L * 1024 * 1024;

	// Reactor Netty's prefetch of the body (128 buffers, 8 MB of 64 KB chunks) and the socket
	// buffers of both ends on loopback (up to about 10 MB seen) stay ahead of the server: 17.3 MB
	// seen in CI; a client that buffered the body would be the whole of it (64 MB) ahead
	private static final long ALLOWED_AHEAD = 32L * 1024 * 1024;

	private final AtomicLong read = new AtomicLong();

	private final AtomicLong mostReadAhead = new AtomicLong(-1);

	private final AtomicLong received = new AtomicLong();

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create().port(0).handle((request, response) -> request.receive().doOnNext((chunk) -> {
			long received = this.received.addAndGet(chunk.readableBytes());
			this.mostReadAhead.accumulateAndGet(this.read.get() - received, Math::max);
		}).then(Mono.defer(() -> response.header("Content-Type", "application/json")
			.sendString(Mono.just(request.uri().startsWith("/v1/files")
					? "{\"id\":\"file-big\",\"object\":\"file\",\"bytes\":" + SIZE
							+ ",\"created_at\":1,\"filename\":\"big.jsonl\",\"purpose\":\"batch\"}"
					: "{\"text\":\"streamed\"}"))
			.then()))).bindNow();
	}

	@AfterEach
	void stopServer() {
		this.server.disposeNow();
	}

	private OpenAiPipeline pipeline() {
		return OpenAiPipeline.builder(TestPipelines.webClient("http://localhost:" + this.server.port())
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(256 * 1024))
			.build()).build();
	}

	@Test
	void aResourceLargerThanTheMemoryAllowedIsStreamed() {
		CountingResource resource = new CountingResource(SIZE, this.read);
		StepVerifier.create(new DefaultFilesClient(pipeline())
			.upload(FileUpload.of(UploadFile.of(resource, "big.jsonl"), FilePurpose.BATCH)))
			.assertNext((file) -> assertThat(file.bytes()).isEqualTo(SIZE))
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		assertThat(this.read.get()).isEqualTo(SIZE);
		assertThat(this.received.get()).isGreaterThan(SIZE);
		assertThat(this.mostReadAhead.get()).isLessThanOrEqualTo(ALLOWED_AHEAD);
	}

	@Test
	void aFluxOfAudioIsStreamed() {
		long size = SIZE;
		int chunk = 64 * 1024;
		Flux<DataBuffer> audio = Flux.range(0, (int) (size / chunk)).map((i) -> {
			this.read.addAndGet(chunk);
			return DefaultDataBufferFactory.sharedInstance.wrap(new byte[chunk]);
		});
		StepVerifier.create(new DefaultAudioClient(pipeline(), AudioDefaults.OPENAI)
			.transcribe(TranscriptionRequest.builder(UploadFile.of(audio, "long.wav")).build()))
			.assertNext((transcription) -> assertThat(transcription.text()).isEqualTo("streamed"))
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		assertThat(this.received.get()).isGreaterThan(size);
		assertThat(this.mostReadAhead.get()).isLessThanOrEqualTo(ALLOWED_AHEAD);
	}

}
