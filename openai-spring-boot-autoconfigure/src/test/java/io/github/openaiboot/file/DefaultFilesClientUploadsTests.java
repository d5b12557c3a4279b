package io.github.openaiboot.file;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the Uploads API calls of {@link DefaultFilesClient} and for
 * {@link FilesClient#uploadInParts(LargeFileUpload)}, against OpenAI's bodies.
 */
class DefaultFilesClientUploadsTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final String PENDING = """
			{"id":"upload_abc123","object":"upload","bytes":%d,"created_at":1719184911,"filename":"training.jsonl",
			 "purpose":"fine-tune","status":"pending","expires_at":1719188511,"file":null}""";

	private static final String COMPLETED = """
			{"id":"upload_abc123","object":"upload","bytes":%d,"created_at":1719184911,"filename":"training.jsonl",
			 "purpose":"fine-tune","status":"completed","expires_at":1719188511,
			 "file":{"id":"file-xyz321","object":"file","bytes":%d,"created_at":1719185000,
			         "filename":"training.jsonl","purpose":"fine-tune"}}""";

	private static final String CANCELLED = """
			{"id":"upload_abc123","object":"upload","bytes":2500,"created_at":1719184911,"filename":"training.jsonl",
			 "purpose":"fine-tune","status":"cancelled","expires_at":1719188511,"file":null}""";

	private final FilesClient client = new DefaultFilesClient(TestPipelines.pipeline(wm.baseUrl()));

	@Test
	void createUploadSendsTheSnakeCaseFieldsAndReadsTheUpload() {
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(2147483648L))));
		StepVerifier.create(this.client.createUpload(
				UploadRequest.of("training.jsonl", FilePurpose.FINE_TUNE, 2147483648L, "text/jsonl")
					.withExpiresAfter(Duration.ofDays(2))))
			.assertNext((upload) -> {
				assertThat(upload.id()).isEqualTo("upload_abc123");
				assertThat(upload.object()).isEqualTo("upload");
				assertThat(upload.bytes()).isEqualTo(2147483648L);
				assertThat(upload.createdAt()).isEqualTo(1719184911L);
				assertThat(upload.expiresAt()).isEqualTo(1719188511L);
				assertThat(upload.status()).isEqualTo(UploadStatus.PENDING);
				assertThat(upload.isCompleted()).isFalse();
				assertThat(upload.file()).isNull();
			})
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/uploads")).withHeader("Content-Type", containing("application/json"))
			.withRequestBody(equalToJson("""
					{"filename":"training.jsonl","purpose":"fine-tune","bytes":2147483648,"mime_type":"text/jsonl",
					 "expires_after":{"anchor":"created_at","seconds":172800}}""")));
	}

	@Test
	void createUploadWithoutExpiryOmitsIt() {
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(10))));
		StepVerifier.create(this.client.createUpload(UploadRequest.of("a.jsonl", "batch", 10, "text/jsonl")))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.has("expires_after")).isFalse();
		assertThat(body.path("bytes").asLong()).isEqualTo(10);
	}

	@Test
	void anUnknownStatusIsReadAsItCame() {
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(10).replace("pending", "archived"))));
		StepVerifier.create(this.client.createUpload(UploadRequest.of("a.jsonl", "batch", 10, "text/jsonl")))
			.assertNext((upload) -> assertThat(upload.status()).isEqualTo("archived"))
			.expectComplete()
			.verify(TIMEOUT);
	}

	@Test
	void addUploadPartSendsTheBytesAsTheDataPartWithAFileNameAndContentType() {
		wm.stubFor(post("/v1/uploads/upload_abc123/parts").willReturn(okJson("""
				{"id":"part_def456","object":"upload.part","created_at":1719185911,"upload_id":"upload_abc123"}""")));
		byte[] content = bytes(100);
		UploadFile part = UploadFile.of(new ByteArrayResource(content), "training.jsonl")
			.withContentType(MediaType.parseMediaType("text/jsonl"))
			.part(40, 30);
		StepVerifier.create(this.client.addUploadPart("upload_abc123", part)).assertNext((added) -> {
			assertThat(added.id()).isEqualTo("part_def456");
			assertThat(added.object()).isEqualTo("upload.part");
			assertThat(added.createdAt()).isEqualTo(1719185911L);
			assertThat(added.uploadId()).isEqualTo("upload_abc123");
		}).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/parts"))
			.withHeader("Content-Type", containing("multipart/form-data"))
			.withRequestBodyPart(aMultipart().withName("data")
				.withHeader("Content-Disposition", containing("filename=\"training.jsonl\""))
				.withHeader("Content-Type", containing("text/jsonl"))
				.withBody(binaryEqualTo(Arrays.copyOfRange(content, 40, 70)))
				.build()));
	}

	@Test
	void completeUploadSendsThePartIdsInOrderAndOmitsAnAbsentChecksum() {
		wm.stubFor(post("/v1/uploads/upload_abc123/complete").willReturn(okJson(COMPLETED.formatted(2500, 2500))));
		StepVerifier.create(this.client.completeUpload("upload_abc123", List.of("part_3", "part_1", "part_2")))
			.assertNext((upload) -> {
				assertThat(upload.isCompleted()).isTrue();
				assertThat(upload.file().id()).isEqualTo("file-xyz321");
				assertThat(upload.file().bytes()).isEqualTo(2500L);
			})
			.expectComplete()
			.verify(TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.properties()).hasSize(1);
		assertThat(body.path("part_ids").valueStream().map(JsonNode::asString)).containsExactly("part_3", "part_1",
				"part_2");
	}

	@Test
	void completeUploadSendsAChecksumWhenGiven() {
		wm.stubFor(post("/v1/uploads/upload_abc123/complete").willReturn(okJson(COMPLETED.formatted(2500, 2500))));
		StepVerifier.create(this.client.completeUpload("upload_abc123", List.of("part_1"),
				"d41d8cd98f00b204e9800998ecf8427e"))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/complete")).withRequestBody(
				equalToJson("{\"part_ids\":[\"part_1\"],\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\"}")));
	}

	@Test
	void cancelUploadPostsWithoutABody() {
		wm.stubFor(post("/v1/uploads/upload_abc123/cancel").willReturn(okJson(CANCELLED)));
		StepVerifier.create(this.client.cancelUpload("upload_abc123"))
			.assertNext((upload) -> assertThat(upload.status()).isEqualTo(UploadStatus.CANCELLED))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(wm.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getBody()).isEmpty());
	}

	@Test
	void uploadInPartsSendsEachPartOnceAndCompletesWithThePartsInFileOrder(@TempDir Path dir) throws Exception {
		byte[] content = bytes(2500);
		Path file = dir.resolve("training.jsonl");
		Files.write(file, content);
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(2500))));
		// the first part answers last, so the order of the answers is not the file's
		stubPart(content, 0, 1000, "part_a", 400);
		stubPart(content, 1000, 1000, "part_b", 150);
		stubPart(content, 2000, 500, "part_c", 0);
		wm.stubFor(post("/v1/uploads/upload_abc123/complete").willReturn(okJson(COMPLETED.formatted(2500, 2500))));
		StepVerifier.create(this.client.uploadInParts(LargeFileUpload.of(file, FilePurpose.FINE_TUNE)
			.withPartSize(DataSize.ofBytes(1000))
			.withConcurrency(3)))
			.assertNext((uploaded) -> assertThat(uploaded.id()).isEqualTo("file-xyz321"))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/uploads")).withRequestBody(equalToJson("""
				{"filename":"training.jsonl","purpose":"fine-tune","bytes":2500,"mime_type":"text/jsonl"}""")));
		wm.verify(3, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/parts")));
		for (int start = 0; start < 2500; start += 1000) {
			wm.verify(1, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/parts")).withRequestBodyPart(
					aMultipart().withName("data")
						.withBody(binaryEqualTo(Arrays.copyOfRange(content, start, Math.min(2500, start + 1000))))
						.build()));
		}
		wm.verify(1, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/complete"))
			.withRequestBody(equalToJson("{\"part_ids\":[\"part_a\",\"part_b\",\"part_c\"]}")));
		wm.verify(0, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/cancel")));
	}

	@Test
	void uploadInPartsOfAResourceThatIsNotAFileReadsEachPartFromItsPosition() {
		byte[] content = bytes(2048);
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(2048))));
		for (int i = 0; i < 4; i++) {
			stubPart(content, i * 512, 512, "part_" + i, 0);
		}
		wm.stubFor(post("/v1/uploads/upload_abc123/complete").willReturn(okJson(COMPLETED.formatted(2048, 2048))));
		FileUpload upload = FileUpload.of(UploadFile.of(new StreamOnlyResource(content), "images.bin"),
				FilePurpose.VISION);
		StepVerifier.create(this.client.uploadInParts(LargeFileUpload.of(upload).withPartSize(DataSize.ofBytes(512))))
			.expectNextCount(1)
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(4, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/parts")));
		wm.verify(postRequestedFor(urlEqualTo("/v1/uploads")).withRequestBody(equalToJson("""
				{"filename":"images.bin","purpose":"vision","bytes":2048,"mime_type":"application/octet-stream"}""")));
		wm.verify(1, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/complete"))
			.withRequestBody(equalToJson("{\"part_ids\":[\"part_0\",\"part_1\",\"part_2\",\"part_3\"]}")));
	}

	@Test
	void aPartThatFailsAfterItsRetriesCancelsTheUploadAndSurfacesTheTypedError() {
		byte[] content = bytes(2500);
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(2500))));
		stubPart(content, 0, 1000, "part_a", 0);
		wm.stubFor(post("/v1/uploads/upload_abc123/parts")
			.withMultipartRequestBody(aMultipart().withName("data")
				.withBody(binaryEqualTo(Arrays.copyOfRange(content, 1000, 2000))))
			.willReturn(aResponse().withStatus(503)
				.withHeader("Content-Type", "application/json")
				.withBody("""
						{"error":{"message":"The server is overloaded or not ready yet.","type":"server_error",
						 "param":null,"code":null}}""")));
		stubPart(content, 2000, 500, "part_c", 0);
		wm.stubFor(post("/v1/uploads/upload_abc123/cancel").willReturn(okJson(CANCELLED)));
		FilesClient retrying = new DefaultFilesClient(TestPipelines.retryingPipeline(wm.baseUrl(), 3));
		FileUpload upload = FileUpload.of(UploadFile.of(new ByteArrayResource(content), "training.jsonl"),
				FilePurpose.FINE_TUNE);
		StepVerifier
			.create(retrying.uploadInParts(LargeFileUpload.of(upload).withPartSize(DataSize.ofBytes(1000))
				.withConcurrency(1)))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(OpenAiServerException.class)
				.hasMessageContaining("The server is overloaded")
				.hasMessageContaining("part 2 of 3 of 'training.jsonl'")
				.hasMessageContaining("upload upload_abc123 cancelled"))
			.verify(TIMEOUT);
		wm.verify(3, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/parts")).withRequestBodyPart(aMultipart()
			.withName("data")
			.withBody(binaryEqualTo(Arrays.copyOfRange(content, 1000, 2000)))
			.build()));
		wm.verify(1, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/cancel")));
		wm.verify(0, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/complete")));
	}

	@Test
	void aFailedCompletionCancelsTheUploadAndAFailedCancellationIsSuppressed() {
		wm.stubFor(post("/v1/uploads").willReturn(okJson(PENDING.formatted(10))));
		stubPart(bytes(10), 0, 10, "part_a", 0);
		wm.stubFor(post("/v1/uploads/upload_abc123/complete").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":{"message":"The number of bytes uploaded upon completion must match the number of bytes initially specified when creating the Upload object.",
					 "type":"invalid_request_error","param":null,"code":null}}""")));
		wm.stubFor(post("/v1/uploads/upload_abc123/cancel").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":{"message":"Cannot cancel upload upload_abc123 with status 'expired'.",
					 "type":"invalid_request_error","param":null,"code":null}}""")));
		FileUpload upload = FileUpload.of(UploadFile.of(new ByteArrayResource(bytes(10)), "training.jsonl"),
				FilePurpose.FINE_TUNE);
		StepVerifier.create(this.client.uploadInParts(upload))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("must match the number of bytes")
					.hasMessageContaining("upload upload_abc123 could not be cancelled");
				assertThat(ex.getSuppressed()).singleElement()
					.satisfies((suppressed) -> assertThat(suppressed).hasMessageContaining("status 'expired'"));
			})
			.verify(TIMEOUT);
		wm.verify(1, postRequestedFor(urlEqualTo("/v1/uploads/upload_abc123/cancel")));
	}

	@Test
	void aFileOfUnknownSizeIsRefusedBeforeAnythingIsSent() {
		Flux<DataBuffer> content = Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes(10)));
		StepVerifier.create(this.client.uploadInParts(FileUpload.of(UploadFile.of(content, "stream.jsonl"), "batch")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'stream.jsonl'")
				.hasMessageContaining("needs a Resource or a Path"))
			.verify(TIMEOUT);
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	@Test
	void aFileLargerThanAnUploadAcceptsIsRefusedBeforeAnythingIsSent() {
		long size = DataSize.ofGigabytes(8).toBytes() + 1;
		FileUpload upload = FileUpload.of(UploadFile.of(new SizedResource(size), "huge.jsonl"), "fine-tune");
		StepVerifier.create(this.client.uploadInParts(upload))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'huge.jsonl' is 8589934593 bytes")
				.hasMessageContaining("more than the 8589934592 bytes (8 GB) an upload accepts"))
			.verify(TIMEOUT);
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	@Test
	void anEmptyFileIsRefusedBeforeAnythingIsSent() {
		FileUpload upload = FileUpload.of(UploadFile.of(new ByteArrayResource(new byte[0]), "empty.jsonl"), "batch");
		StepVerifier.create(this.client.uploadInParts(upload))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'empty.jsonl' is empty"))
			.verify(TIMEOUT);
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	@Test
	void badPartSizesConcurrencyAndRequestsAreRefusedWithAClearMessage() {
		FileUpload upload = FileUpload.of(UploadFile.of(new ByteArrayResource(bytes(1)), "a.jsonl"), "batch");
		assertThat(LargeFileUpload.of(upload).partSize()).isEqualTo(DataSize.ofMegabytes(64));
		assertThat(LargeFileUpload.of(upload).concurrency()).isEqualTo(LargeFileUpload.DEFAULT_CONCURRENCY);
		assertThat(LargeFileUpload.of(upload).withPartSize(DataSize.ofMegabytes(64)).partSize().toBytes())
			.isEqualTo(67108864L);
		assertThat(LargeFileUpload.of(upload).withPartSize(DataSize.ofBytes(1)).partSize().toBytes()).isEqualTo(1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LargeFileUpload.of(upload).withPartSize(DataSize.ofBytes(67108865)))
			.withMessageContaining("'partSize' must be between 1 byte and 64 MB (67108864 bytes) but was 67108865");
		assertThatIllegalArgumentException().isThrownBy(() -> LargeFileUpload.of(upload).withPartSize(DataSize.ofBytes(0)))
			.withMessageContaining("'partSize'");
		assertThatIllegalArgumentException().isThrownBy(() -> LargeFileUpload.of(upload).withConcurrency(0))
			.withMessageContaining("'concurrency' must be at least 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UploadRequest.of("big.jsonl", "batch", DataSize.ofGigabytes(9).toBytes(), "text/jsonl"))
			.withMessageContaining("'big.jsonl' is 9663676416 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> UploadRequest.of("a.jsonl", " ", 1, "text/jsonl"))
			.withMessageContaining("needs a purpose");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> UploadRequest.of("a.jsonl", "batch", 1, "text/jsonl")
				.withExpiresAfter(Duration.ofMinutes(5)))
			.withMessageContaining("between 1 hour and 30 days");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.cancelUpload(" ").block(TIMEOUT))
			.withMessageContaining("'uploadId'");
		assertThat(wm.getAllServeEvents()).isEmpty();
	}

	private static void stubPart(byte[] content, int start, int length, String id, int delayMillis) {
		wm.stubFor(post("/v1/uploads/upload_abc123/parts")
			.withMultipartRequestBody(aMultipart().withName("data")
				.withBody(binaryEqualTo(Arrays.copyOfRange(content, start, start + length))))
			.willReturn(okJson("{\"id\":\"" + id + "\",\"object\":\"upload.part\",\"created_at\":1719185911,"
					+ "\"upload_id\":\"upload_abc123\"}")
				.withFixedDelay(delayMillis)));
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	/**
	 * A resource that is no file and can only be read as a stream, from its start.
	 */
	static final class StreamOnlyResource extends AbstractResource {

		private final byte[] content;

		StreamOnlyResource(byte[] content) {
			this.content = content;
		}

		@Override
		public String getDescription() {
			return "stream of " + this.content.length + " bytes";
		}

		@Override
		public long contentLength() {
			return this.content.length;
		}

		@Override
		public InputStream getInputStream() {
			return new ByteArrayInputStream(this.content);
		}

	}

	/**
	 * A resource that says how large it is, and that cannot be read.
	 */
	static final class SizedResource extends AbstractResource {

		private final long size;

		SizedResource(long size) {
			this.size = size;
		}

		@Override
		public String getDescription() {
			return "resource of " + this.size + " bytes";
		}

		@Override
		public long contentLength() {
			return this.size;
		}

		@Override
		public InputStream getInputStream() {
			throw new AssertionError("Read before its size was checked");
		}

	}

}
