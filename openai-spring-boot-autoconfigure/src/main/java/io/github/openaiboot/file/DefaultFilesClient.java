package io.github.openaiboot.file;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.github.openaiboot.core.CursorPages;
import io.github.openaiboot.core.OpenAiMultipartBody;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.UploadFile;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.util.UriUtils;

/**
 * {@link FilesClient} over the {@link OpenAiTransport}.
 *
 * @author openai-spring-boot
 */
public final class DefaultFilesClient implements FilesClient {

	private static final String PATH = "/files";

	private static final String UPLOADS_PATH = "/uploads";

	private final OpenAiTransport pipeline;

	/**
	 * Create a client.
	 * @param pipeline the pipeline every call goes through: that of one account
	 */
	public DefaultFilesClient(OpenAiTransport pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public Mono<OpenAiFile> upload(FileUpload upload) {
		return Mono.defer(() -> {
			OpenAiMultipartBody.Builder body = OpenAiMultipartBody.builder()
				.field("purpose", upload.purpose())
				.file("file", upload.file());
			if (upload.expiresAfter() != null) {
				body.field("expires_after[anchor]", "created_at")
					.field("expires_after[seconds]", upload.expiresAfter().toSeconds());
			}
			return this.pipeline
				.exchange(OpenAiRequest.post(OpenAiOperation.FILES, PATH, body.build(), OpenAiFile.class, null));
		});
	}

	@Override
	public Flux<OpenAiFile> list(FileListRequest request) {
		return CursorPages.items((after) -> page(request, (after != null) ? after : request.after()), FileList::data,
				FileList::hasMore, OpenAiFile::id);
	}

	private Mono<FileList> page(FileListRequest request, @Nullable String after) {
		StringBuilder query = new StringBuilder();
		param(query, "purpose", request.purpose());
		param(query, "limit", request.limit());
		param(query, "order", request.order());
		param(query, "after", after);
		return this.pipeline
			.exchange(OpenAiRequest.get(OpenAiOperation.FILES, PATH + query, FileList.class));
	}

	private static void param(StringBuilder query, String name, @Nullable Object value) {
		if (value != null) {
			query.append((query.length() == 0) ? '?' : '&')
				.append(name)
				.append('=')
				.append(UriUtils.encodeQueryParam(String.valueOf(value), StandardCharsets.UTF_8));
		}
	}

	@Override
	public Mono<OpenAiFile> retrieve(String fileId) {
		return Mono.defer(() -> this.pipeline
			.exchange(OpenAiRequest.get(OpenAiOperation.FILES, path(fileId), OpenAiFile.class)));
	}

	@Override
	public Mono<FileDeletion> delete(String fileId) {
		return Mono.defer(() -> this.pipeline
			.exchange(OpenAiRequest.delete(OpenAiOperation.FILES, path(fileId), FileDeletion.class)));
	}

	@Override
	public Flux<DataBuffer> content(String fileId) {
		return Flux.defer(() -> this.pipeline
			.stream(OpenAiRequest.get(OpenAiOperation.FILES, path(fileId) + "/content", DataBuffer.class)));
	}

	@Override
	public Mono<Void> download(String fileId, Path target) {
		return DataBufferUtils.write(content(fileId), target);
	}

	@Override
	public Mono<Upload> createUpload(UploadRequest request) {
		return Mono.defer(() -> {
			ExpiresAfter expiresAfter = (request.expiresAfter() != null)
					? new ExpiresAfter("created_at", request.expiresAfter().toSeconds()) : null;
			CreateUpload body = new CreateUpload(request.filename(), request.purpose(), request.bytes(),
					request.mimeType(), expiresAfter);
			return this.pipeline
				.exchange(OpenAiRequest.post(OpenAiOperation.UPLOADS, UPLOADS_PATH, body, Upload.class, null));
		});
	}

	@Override
	public Mono<UploadPart> addUploadPart(String uploadId, UploadFile data) {
		return Mono.defer(() -> {
			OpenAiMultipartBody body = OpenAiMultipartBody.builder().file("data", data).build();
			return this.pipeline.exchange(OpenAiRequest.post(OpenAiOperation.UPLOADS,
					uploadPath(uploadId) + "/parts", body, UploadPart.class, null));
		});
	}

	@Override
	public Mono<Upload> completeUpload(String uploadId, List<String> partIds, @Nullable String md5) {
		return Mono.defer(() -> {
			if (partIds == null || partIds.isEmpty()) {
				throw new IllegalArgumentException("Completing upload " + uploadId + " needs the ids of its parts");
			}
			return this.pipeline.exchange(OpenAiRequest.post(OpenAiOperation.UPLOADS,
					uploadPath(uploadId) + "/complete", new CompleteUpload(List.copyOf(partIds), md5), Upload.class,
					null));
		});
	}

	@Override
	public Mono<Upload> cancelUpload(String uploadId) {
		return Mono.defer(() -> this.pipeline.exchange(new OpenAiRequest<>(OpenAiOperation.UPLOADS, HttpMethod.POST,
				uploadPath(uploadId) + "/cancel", null, Upload.class, null)));
	}

	private static String uploadPath(String uploadId) {
		if (uploadId == null || uploadId.isBlank()) {
			throw new IllegalArgumentException("'uploadId' must not be blank");
		}
		return UPLOADS_PATH + "/" + UriUtils.encodePathSegment(uploadId, StandardCharsets.UTF_8);
	}

	private static String path(String fileId) {
		if (fileId == null || fileId.isBlank()) {
			throw new IllegalArgumentException("'fileId' must not be blank");
		}
		return PATH + "/" + UriUtils.encodePathSegment(fileId, StandardCharsets.UTF_8);
	}

	/**
	 * A page of {@code GET /files}.
	 */
	record FileList(List<OpenAiFile> data, boolean hasMore, @Nullable String firstId, @Nullable String lastId) {

		FileList {
			data = (data != null) ? List.copyOf(data) : List.of();
		}

	}

	/**
	 * The body of {@code POST /uploads}.
	 */
	record CreateUpload(String filename, String purpose, long bytes, String mimeType,
			@Nullable ExpiresAfter expiresAfter) {

	}

	/**
	 * When a file expires: {@code seconds} after its {@code anchor}.
	 */
	record ExpiresAfter(String anchor, long seconds) {

	}

	/**
	 * The body of {@code POST /uploads/{id}/complete}.
	 */
	record CompleteUpload(List<String> partIds, @Nullable String md5) {

	}

}
