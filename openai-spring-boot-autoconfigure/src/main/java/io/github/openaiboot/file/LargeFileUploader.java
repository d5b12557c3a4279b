package io.github.openaiboot.file;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;

/**
 * Sends a {@link LargeFileUpload} through the Uploads API: checks its size before
 * anything is sent, creates the upload, sends the file's parts (each read from the file
 * while it is sent, a few at once), completes the upload with the parts in file order,
 * and cancels it when a part or the completion fails.
 *
 * @author openai-spring-boot
 */
final class LargeFileUploader {

	private static final String JSONL_MIME_TYPE = "text/jsonl";

	private final FilesClient files;

	LargeFileUploader(FilesClient files) {
		this.files = files;
	}

	Mono<OpenAiFile> upload(LargeFileUpload request) {
		return Mono.defer(() -> {
			UploadFile file = request.upload().file();
			long size = sizeOf(file);
			long partSize = request.partSize().toBytes();
			int parts = partCount(file, size, partSize);
			UploadRequest create = new UploadRequest(file.filename(), request.upload().purpose(), size,
					mimeType(file), request.upload().expiresAfter());
			return this.files.createUpload(create)
				.flatMap((upload) -> sendParts(upload, file, size, partSize, parts, request.concurrency())
					.flatMap((partIds) -> this.files.completeUpload(upload.id(), partIds))
					.flatMap((completed) -> fileOf(completed, file))
					.onErrorResume((ex) -> cancel(upload, ex)));
		});
	}

	private static long sizeOf(UploadFile file) {
		OptionalLong size = file.size();
		if (size.isEmpty()) {
			throw new IllegalArgumentException("The size of '" + file.filename() + "' is not known before it is "
					+ "read (" + file + "): uploading in parts needs a Resource or a Path");
		}
		if (size.getAsLong() == 0) {
			throw new IllegalArgumentException("'" + file.filename() + "' is empty: there is nothing to upload");
		}
		if (size.getAsLong() > UploadRequest.MAX_SIZE.toBytes()) {
			throw UploadRequest.tooLarge(file.filename(), size.getAsLong());
		}
		return size.getAsLong();
	}

	// Nothing maps .jsonl, the format of fine-tuning and batch files, to a type
	private static String mimeType(UploadFile file) {
		MediaType type = file.contentType();
		if (MediaType.APPLICATION_OCTET_STREAM.equals(type)
				&& file.filename().toLowerCase(Locale.ROOT).endsWith(".jsonl")) {
			return JSONL_MIME_TYPE;
		}
		return type.toString();
	}

	private static int partCount(UploadFile file, long size, long partSize) {
		long count = (size + partSize - 1) / partSize;
		if (count > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("'" + file.filename() + "' would need " + count + " parts of "
					+ partSize + " bytes: choose a larger part size");
		}
		return (int) count;
	}

	private Mono<List<String>> sendParts(Upload upload, UploadFile file, long size, long partSize, int parts,
			int concurrency) {
		return Flux.range(0, parts).flatMapSequential((index) -> {
			long position = index * partSize;
			UploadFile part = file.part(position, Math.min(partSize, size - position));
			return this.files.addUploadPart(upload.id(), part)
				.onErrorMap(OpenAiException.class, (ex) -> ex.withDetail("part " + (index + 1) + " of " + parts
						+ " of '" + file.filename() + "' (from byte " + position + ")"));
		}, concurrency, 1).map(UploadPart::id).collectList();
	}

	private static Mono<OpenAiFile> fileOf(Upload completed, UploadFile file) {
		if (completed.file() == null) {
			return Mono.error(new OpenAiServerException(OpenAiErrorKind.INVALID_RESPONSE, 200,
					new OpenAiError("OpenAI answered the completion of upload " + completed.id() + " of '"
							+ file.filename() + "' with status " + completed.status() + " and no file", null, null,
							null),
					null, null));
		}
		return Mono.just(completed.file());
	}

	private Mono<OpenAiFile> cancel(Upload upload, Throwable failure) {
		return this.files.cancelUpload(upload.id())
			.then(Mono.fromSupplier(() -> withDetail(failure, "upload " + upload.id() + " cancelled")))
			.onErrorResume((cancelFailure) -> {
				Throwable surfaced = withDetail(failure, "upload " + upload.id() + " could not be cancelled");
				surfaced.addSuppressed(cancelFailure);
				return Mono.just(surfaced);
			})
			.flatMap((surfaced) -> Mono.<OpenAiFile>error(surfaced));
	}

	private static Throwable withDetail(Throwable failure, String detail) {
		return (failure instanceof OpenAiException ex) ? ex.withDetail(detail) : failure;
	}

}
