package io.github.openaiboot.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.InvalidRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultFilesClient}, against OpenAI's bodies.
 */
class DefaultFilesClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static final String FILE = """
			{"id":"file-abc123","object":"file","bytes":120000,"created_at":1677610602,"expires_at":1680202602,
			 "filename":"mydata.jsonl","purpose":"fine-tune"}""";

	private final FilesClient client = new DefaultFilesClient(TestPipelines.pipeline(wm.baseUrl()));

	@Test
	void uploadSendsFileAndPurposeAndExpiryAsTheSdksDo(@TempDir Path dir) throws Exception {
		wm.stubFor(post("/v1/files").willReturn(okJson(FILE)));
		Path jsonl = dir.resolve("mydata.jsonl");
		Files.writeString(jsonl, "{\"messages\":[]}\n");
		StepVerifier.create(this.client.upload(FileUpload.of(jsonl, FilePurpose.FINE_TUNE)
			.withExpiresAfter(Duration.ofDays(2)))).assertNext((file) -> {
				assertThat(file.id()).isEqualTo("file-abc123");
				assertThat(file.bytes()).isEqualTo(120000L);
				assertThat(file.expiresAt()).isEqualTo(1680202602L);
				assertThat(file.purpose()).isEqualTo("fine-tune");
				assertThat(file.status()).isNull();
			}).expectComplete().verify(TIMEOUT);
		wm.verify(postRequestedFor(urlEqualTo("/v1/files"))
			.withHeader("Content-Type", containing("multipart/form-data"))
			.withRequestBodyPart(aMultipart().withName("purpose").withBody(equalTo("fine-tune")).build())
			.withRequestBodyPart(aMultipart().withName("file")
				.withHeader("Content-Disposition", containing("filename=\"mydata.jsonl\""))
				.withBody(binaryEqualTo("{\"messages\":[]}\n".getBytes(StandardCharsets.UTF_8)))
				.build())
			.withRequestBodyPart(aMultipart().withName("expires_after[anchor]").withBody(equalTo("created_at")).build())
			.withRequestBodyPart(aMultipart().withName("expires_after[seconds]").withBody(equalTo("172800")).build()));
	}

	@Test
	void uploadOfAFluxIsStreamedOnceAndNotRetried() {
		wm.stubFor(post("/v1/files").willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
		Flux<DataBuffer> content = Flux.just("{\"a\":1}\n", "{\"a\":2}\n")
			.map((line) -> DefaultDataBufferFactory.sharedInstance.wrap(line.getBytes(StandardCharsets.UTF_8)));
		FilesClient retrying = new DefaultFilesClient(TestPipelines.retryingPipeline(wm.baseUrl(), 3));
		StepVerifier.create(retrying.upload(FileUpload.of(UploadFile.of(content, "batch.jsonl"), FilePurpose.BATCH)))
			.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("overloaded"))
			.verify(TIMEOUT);
		wm.verify(1, postRequestedFor(urlEqualTo("/v1/files")).withRequestBodyPart(aMultipart().withName("file")
			.withBody(binaryEqualTo("{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8)))
			.build()));
	}

	@Test
	void uploadOfAResourceIsRetried() {
		wm.stubFor(post("/v1/files").inScenario("retry").whenScenarioStateIs("Started")
			.willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
		wm.stubFor(post("/v1/files").inScenario("retry").whenScenarioStateIs("ok").willReturn(okJson(FILE)));
		FilesClient retrying = new DefaultFilesClient(TestPipelines.retryingPipeline(wm.baseUrl(), 3));
		ByteArrayResource resource = new ByteArrayResource("{}\n".getBytes(StandardCharsets.UTF_8));
		StepVerifier.create(retrying.upload(FileUpload.of(UploadFile.of(resource, "x.jsonl"), FilePurpose.BATCH)))
			.assertNext((file) -> assertThat(file.id()).isEqualTo("file-abc123"))
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(2, postRequestedFor(urlEqualTo("/v1/files")).withRequestBodyPart(
				aMultipart().withName("file").withBody(binaryEqualTo("{}\n".getBytes(StandardCharsets.UTF_8))).build()));
	}

	@Test
	void listFetchesPagesOnDemandWithTheCursorAndParameters() {
		wm.stubFor(get(urlPathEqualTo("/v1/files")).withQueryParam("after", absent()).willReturn(okJson("""
				{"object":"list","data":[%s,%s],"first_id":"file-1","last_id":"file-2","has_more":true}
				""".formatted(file("file-1"), file("file-2")))));
		wm.stubFor(get(urlPathEqualTo("/v1/files")).withQueryParam("after", equalTo("file-2")).willReturn(okJson("""
				{"object":"list","data":[%s],"first_id":"file-3","last_id":"file-3","has_more":false}
				""".formatted(file("file-3")))));
		FileListRequest request = FileListRequest.builder().purpose("batch").limit(2).order("asc").build();
		StepVerifier.create(this.client.list(request).take(2).map(OpenAiFile::id))
			.expectNext("file-1", "file-2")
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(1, getRequestedFor(urlPathEqualTo("/v1/files")));
		StepVerifier.create(this.client.list(request).map(OpenAiFile::id))
			.expectNext("file-1", "file-2", "file-3")
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(3, getRequestedFor(urlPathEqualTo("/v1/files")));
		wm.verify(1, getRequestedFor(urlEqualTo("/v1/files?purpose=batch&limit=2&order=asc&after=file-2")));
		wm.verify(2, getRequestedFor(urlEqualTo("/v1/files?purpose=batch&limit=2&order=asc")));
	}

	@Test
	void retrieveDeleteAndContent(@TempDir Path dir) throws Exception {
		wm.stubFor(get("/v1/files/file-abc123").willReturn(okJson(FILE)));
		wm.stubFor(delete("/v1/files/file-abc123")
			.willReturn(okJson("{\"id\":\"file-abc123\",\"object\":\"file\",\"deleted\":true}")));
		byte[] content = "{\"custom_id\":\"1\"}\n{\"custom_id\":\"2\"}\n".getBytes(StandardCharsets.UTF_8);
		wm.stubFor(get("/v1/files/file-abc123/content")
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(content)));
		StepVerifier.create(this.client.retrieve("file-abc123"))
			.assertNext((file) -> assertThat(file.filename()).isEqualTo("mydata.jsonl"))
			.expectComplete()
			.verify(TIMEOUT);
		StepVerifier.create(this.client.delete("file-abc123"))
			.assertNext((deletion) -> assertThat(deletion.deleted()).isTrue())
			.expectComplete()
			.verify(TIMEOUT);
		wm.verify(1, deleteRequestedFor(urlEqualTo("/v1/files/file-abc123")));
		StepVerifier.create(DataBufferUtils.join(this.client.content("file-abc123")).map((buffer) -> {
			String text = buffer.toString(StandardCharsets.UTF_8);
			DataBufferUtils.release(buffer);
			return text;
		})).expectNext(new String(content, StandardCharsets.UTF_8)).expectComplete().verify(TIMEOUT);
		Path target = dir.resolve("out.jsonl");
		StepVerifier.create(this.client.download("file-abc123", target)).expectComplete().verify(TIMEOUT);
		assertThat(Files.readAllBytes(target)).isEqualTo(content);
	}

	@Test
	void unknownFileIsATypedError() {
		wm.stubFor(get("/v1/files/file-nope/content").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":{"message":"No such File object: file-nope","type":"invalid_request_error","param":"id","code":null}}""")));
		StepVerifier.create(this.client.content("file-nope"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("No such File object: file-nope"))
			.verify(TIMEOUT);
	}

	@Test
	void badInputIsRefusedWithAClearMessage() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FileUpload.of(new ByteArrayResource(new byte[1]), FilePurpose.BATCH))
			.withMessageContaining("has no file name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FileUpload.of(UploadFile.of(new ByteArrayResource(new byte[1]), "a.jsonl"), " "))
			.withMessageContaining("needs a purpose");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FileUpload.of(UploadFile.of(new ByteArrayResource(new byte[1]), "a.jsonl"), "batch")
				.withExpiresAfter(Duration.ofMinutes(5)))
			.withMessageContaining("between 1 hour and 30 days");
		assertThatIllegalArgumentException().isThrownBy(() -> FileListRequest.builder().order("up").build())
			.withMessageContaining("'order'");
	}

	private static String file(String id) {
		return "{\"id\":\"" + id + "\",\"object\":\"file\",\"bytes\":10,\"created_at\":1,\"filename\":\"" + id
				+ ".jsonl\",\"purpose\":\"batch\"}";
	}

}
