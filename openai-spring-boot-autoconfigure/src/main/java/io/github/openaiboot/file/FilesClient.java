package io.github.openaiboot.file;

import java.nio.file.Path;
import java.util.List;

import io.github.openaiboot.core.UploadFile;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Reactive client for OpenAI's files ({@code /files}): the inputs of fine-tuning jobs
 * and batches, their results, and files for assistants and vision. Files belong to the
 * account (organization and project) that uploaded them, so a files client is made per
 * named client, never per pool.
 * <p>
 * A file larger than the 512 MB {@code /files} accepts, up to 8 GB, goes through the
 * Uploads API ({@code /uploads}) in parts of at most 64 MB:
 * {@link #uploadInParts(LargeFileUpload)} does it all, and the four calls it makes are
 * here for those who send the parts themselves. An upload that is not completed within
 * an hour of its creation expires.
 *
 * @author openai-spring-boot
 */
public interface FilesClient {

	/**
	 * Upload a file, streaming its content as a {@code multipart/form-data} request.
	 * @param upload the file and its purpose
	 * @return the uploaded file
	 */
	Mono<OpenAiFile> upload(FileUpload upload);

	/**
	 * Upload the file at a path.
	 * @param path the file
	 * @param purpose its purpose, such as {@link FilePurpose#FINE_TUNE}
	 * @return the uploaded file
	 */
	default Mono<OpenAiFile> upload(Path path, String purpose) {
		return Mono.fromSupplier(() -> FileUpload.of(path, purpose)).flatMap(this::upload);
	}

	/**
	 * List every file, newest first, fetching the pages as they are consumed.
	 * @return the files
	 */
	default Flux<OpenAiFile> list() {
		return list(FileListRequest.builder().build());
	}

	/**
	 * List files, fetching the pages as they are consumed: a subscriber that takes the
	 * first few makes a single call.
	 * @param request the purpose, page size, order and starting cursor
	 * @return the files
	 */
	Flux<OpenAiFile> list(FileListRequest request);

	/**
	 * Retrieve a file's description.
	 * @param fileId the file's id, such as {@code file-abc123}
	 * @return the file
	 */
	Mono<OpenAiFile> retrieve(String fileId);

	/**
	 * Delete a file.
	 * @param fileId the file's id
	 * @return what the deletion answered
	 */
	Mono<FileDeletion> delete(String fileId);

	/**
	 * Download a file's content as the buffers arrive, never held in memory whole. The
	 * subscriber releases each buffer (as
	 * {@link org.springframework.core.io.buffer.DataBufferUtils#write(org.reactivestreams.Publisher, Path, java.nio.file.OpenOption...)
	 * DataBufferUtils.write} does).
	 * @param fileId the file's id
	 * @return the content
	 */
	Flux<DataBuffer> content(String fileId);

	/**
	 * Download a file's content to a path, replacing what is there.
	 * @param fileId the file's id
	 * @param target where to write it
	 * @return completes once the content is written
	 */
	Mono<Void> download(String fileId, Path target);


	/**
	 * Upload a file in parts through the Uploads API, for a file larger than
	 * {@code /files} accepts: checks its size, creates the upload, sends its parts, each
	 * read from the file while it is sent, {@link LargeFileUpload#concurrency() a few} at
	 * once, and completes the upload with the parts in file order. When a part fails
	 * (after the retries any call gets) or the completion does, the upload is cancelled
	 * and the call fails with the part's error. Fails with an
	 * {@link IllegalArgumentException}, before anything is sent, for a file whose size is
	 * not known (a {@code Flux}), an empty one, or one larger than
	 * {@link UploadRequest#MAX_SIZE}.
	 * @param upload the file, its purpose, its part size and the parts sent at once
	 * @return the file made of the parts
	 */
	default Mono<OpenAiFile> uploadInParts(LargeFileUpload upload) {
		return new LargeFileUploader(this).upload(upload);
	}

	/**
	 * Upload a file in parts of {@link LargeFileUpload#MAX_PART_SIZE}, as
	 * {@link #uploadInParts(LargeFileUpload)} does.
	 * @param upload the file, its purpose and its expiry
	 * @return the file made of the parts
	 */
	default Mono<OpenAiFile> uploadInParts(FileUpload upload) {
		return Mono.fromSupplier(() -> LargeFileUpload.of(upload)).flatMap(this::uploadInParts);
	}

	/**
	 * Create an upload ({@code POST /uploads}), to which parts are then added. It expires
	 * an hour after its creation unless completed.
	 * @param request the file's name, purpose, size and MIME type
	 * @return the upload, {@code pending}
	 */
	Mono<Upload> createUpload(UploadRequest request);

	/**
	 * Add a part to an upload ({@code POST /uploads/{id}/parts}), streamed as the
	 * {@code data} part of a {@code multipart/form-data} request. Parts may be added in
	 * parallel: their order is given when the upload is completed.
	 * @param uploadId the upload's id
	 * @param data the part's bytes, at most 64 MB, such as
	 * {@link UploadFile#part(long, long) a part} of a file
	 * @return the part
	 */
	Mono<UploadPart> addUploadPart(String uploadId, UploadFile data);

	/**
	 * Complete an upload ({@code POST /uploads/{id}/complete}), making its file of the
	 * parts in the given order. Their bytes must add up to the size declared when the
	 * upload was created.
	 * @param uploadId the upload's id
	 * @param partIds the ids of the parts, in file order
	 * @param md5 the MD5 checksum of the whole file, in hexadecimal, for OpenAI to check,
	 * or {@code null}
	 * @return the upload, {@code completed}, with its {@link Upload#file() file}
	 */
	Mono<Upload> completeUpload(String uploadId, List<String> partIds, @Nullable String md5);

	/**
	 * Complete an upload without a checksum, as
	 * {@link #completeUpload(String, List, String)} does.
	 * @param uploadId the upload's id
	 * @param partIds the ids of the parts, in file order
	 * @return the upload, {@code completed}, with its {@link Upload#file() file}
	 */
	default Mono<Upload> completeUpload(String uploadId, List<String> partIds) {
		return completeUpload(uploadId, partIds, null);
	}

	/**
	 * Cancel an upload ({@code POST /uploads/{id}/cancel}): no more parts can be added.
	 * @param uploadId the upload's id
	 * @return the upload, {@code cancelled}
	 */
	Mono<Upload> cancelUpload(String uploadId);

}
