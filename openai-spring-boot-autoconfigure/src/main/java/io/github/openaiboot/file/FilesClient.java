package io.github.openaiboot.file;

import java.nio.file.Path;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Reactive client for OpenAI's files ({@code /files}): the inputs of fine-tuning jobs
 * and batches, their results, and files for assistants and vision. Files belong to the
 * account (organization and project) that uploaded them, so a files client is made per
 * named client, never per pool.
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

}
