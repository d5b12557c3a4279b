package io.github.openaiboot.file;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.CountingResource;
import io.github.openaiboot.core.UploadFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.test.StepVerifier;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proof that the parts of an upload are streamed, as {@code StreamedUploadTests} proves
 * it of {@code /files}: as each chunk of a part's request arrives, a Netty server notes
 * how far the client had read the file past what the server received. A client that
 * held a part in memory before sending it would be a whole part ahead at the part's
 * first bytes.
 */
class StreamedUploadPartsTests {

	private static final long SIZE = 192L * 1024 * 1024;

	// the largest part OpenAI takes
	private static final long PART = 64L * 1024 * 1024;

	// Reactor Netty's prefetch of the body and the socket buffers of both ends on loopback stay
	// ahead of the server (17.3 MB seen in CI, in StreamedUploadTests); a client that buffered a
	// part would be the whole part (64 MB) ahead
	private static final long ALLOWED_AHEAD = 32L * 1024 * 1024;

	private final AtomicLong read = new AtomicLong();

	private final Map<String, AtomicLong> maxReadAheadOfEachPart = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> receivedPerPart = new ConcurrentHashMap<>();

	private final AtomicInteger parts = new AtomicInteger();

	private final AtomicLong received = new AtomicLong();

	private final List<String> completions = new CopyOnWriteArrayList<>();

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create().port(0).handle((request, response) -> {
			String uri = request.uri();
			String answer;
			if (uri.endsWith("/parts")) {
				int index = this.parts.incrementAndGet();
				String id = "part_" + index;
				long partStart = (index - 1) * PART;
				AtomicLong partBytes = this.receivedPerPart.computeIfAbsent(id, (key) -> new AtomicLong());
				AtomicLong maxAhead = this.maxReadAheadOfEachPart.computeIfAbsent(id, (key) -> new AtomicLong());
				return request.receive().doOnNext((chunk) -> {
					// how far the client had read past what the server received
					long ahead = this.read.get() - partStart - partBytes.addAndGet(chunk.readableBytes());
					maxAhead.accumulateAndGet(ahead, Math::max);
					this.received.addAndGet(chunk.readableBytes());
				}).then(Mono.defer(() -> response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"id\":\"" + id + "\",\"object\":\"upload.part\",\"created_at\":1,"
							+ "\"upload_id\":\"upload_big\"}"))
					.then()));
			}
			if (uri.endsWith("/complete")) {
				return body(request).flatMap((body) -> {
					this.completions.add(body);
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just(upload("completed", ",\"file\":{\"id\":\"file-big\",\"object\":\"file\","
								+ "\"bytes\":" + SIZE + ",\"created_at\":2,\"filename\":\"big.jsonl\","
								+ "\"purpose\":\"batch\"}")))
						.then();
				});
			}
			answer = upload("pending", "");
			return request.receive().then(Mono.defer(() -> response.header("Content-Type", "application/json")
				.sendString(Mono.just(answer))
				.then()));
		}).bindNow();
	}

	private static Mono<String> body(HttpServerRequest request) {
		return request.receive().aggregate().asString(StandardCharsets.UTF_8);
	}

	private static String upload(String status, String file) {
		return "{\"id\":\"upload_big\",\"object\":\"upload\",\"bytes\":" + SIZE + ",\"created_at\":1,"
				+ "\"filename\":\"big.jsonl\",\"purpose\":\"batch\",\"status\":\"" + status + "\",\"expires_at\":3601"
				+ file + "}";
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
	void eachPartOfAResourceLargerThanTheMemoryAllowedIsStreamed() {
		CountingResource resource = new CountingResource(SIZE, this.read);
		FileUpload upload = FileUpload.of(UploadFile.of(resource, "big.jsonl"), FilePurpose.BATCH);
		StepVerifier.create(new DefaultFilesClient(pipeline())
			.uploadInParts(LargeFileUpload.of(upload).withPartSize(DataSize.ofBytes(PART)).withConcurrency(1)))
			.assertNext((file) -> assertThat(file.bytes()).isEqualTo(SIZE))
			.expectComplete()
			.verify(Duration.ofSeconds(60));
		assertThat(this.parts.get()).isEqualTo(3);
		// every byte read once: each part was read from its position, not from the start
		assertThat(this.read.get()).isEqualTo(SIZE);
		assertThat(this.received.get()).isGreaterThan(SIZE);
		assertThat(this.receivedPerPart.values()).allSatisfy((bytes) -> assertThat(bytes.get()).isGreaterThan(PART));
		assertThat(this.maxReadAheadOfEachPart).hasSize(3);
		assertThat(this.maxReadAheadOfEachPart.values())
			.allSatisfy((ahead) -> assertThat(ahead.get()).isLessThanOrEqualTo(ALLOWED_AHEAD));
		assertThat(this.completions).singleElement()
			.isEqualTo("{\"part_ids\":[\"part_1\",\"part_2\",\"part_3\"]}");
	}

}
