package io.github.openaiboot.file;

import java.nio.file.Path;
import java.util.Objects;

import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * A file to upload in parts through the Uploads API, for one larger than the 512 MB
 * {@code /files} accepts: the file and its purpose, the size of each part, and how many
 * parts are sent at once. The file must be a {@link Resource} or a {@link Path}, whose
 * size is known before it is read.
 *
 * @param upload the file, its purpose and its expiry
 * @param partSize the size of each part but the last, from one byte to
 * {@link #MAX_PART_SIZE}
 * @param concurrency how many parts are sent at once, at least one
 * @author openai-spring-boot
 * @see FilesClient#uploadInParts(LargeFileUpload)
 */
public record LargeFileUpload(FileUpload upload, DataSize partSize, int concurrency) {

	/**
	 * Largest part OpenAI accepts, and the default part size.
	 */
	public static final DataSize MAX_PART_SIZE = DataSize.ofMegabytes(64);

	/**
	 * How many parts are sent at once by default.
	 */
	public static final int DEFAULT_CONCURRENCY = 2;

	/**
	 * Create an upload in parts.
	 */
	public LargeFileUpload {
		Objects.requireNonNull(upload, "'upload' must not be null");
		Objects.requireNonNull(partSize, "'partSize' must not be null");
		if (partSize.toBytes() < 1 || partSize.compareTo(MAX_PART_SIZE) > 0) {
			throw new IllegalArgumentException("'partSize' must be between 1 byte and " + MAX_PART_SIZE.toMegabytes()
					+ " MB (" + MAX_PART_SIZE.toBytes() + " bytes) but was " + partSize.toBytes() + " bytes");
		}
		if (concurrency < 1) {
			throw new IllegalArgumentException("'concurrency' must be at least 1 but was " + concurrency);
		}
	}

	/**
	 * Create an upload in parts of {@link #MAX_PART_SIZE}, {@link #DEFAULT_CONCURRENCY}
	 * at once.
	 * @param upload the file, its purpose and its expiry
	 * @return the upload in parts
	 */
	public static LargeFileUpload of(FileUpload upload) {
		return new LargeFileUpload(upload, MAX_PART_SIZE, DEFAULT_CONCURRENCY);
	}

	/**
	 * Create an upload in parts of the file at a path.
	 * @param path the file
	 * @param purpose its purpose, such as {@link FilePurpose#FINE_TUNE}
	 * @return the upload in parts
	 */
	public static LargeFileUpload of(Path path, String purpose) {
		return of(FileUpload.of(path, purpose));
	}

	/**
	 * Return this upload with another part size.
	 * @param partSize the size of each part but the last
	 * @return a new upload
	 */
	public LargeFileUpload withPartSize(DataSize partSize) {
		return new LargeFileUpload(this.upload, partSize, this.concurrency);
	}

	/**
	 * Return this upload with parts sent more or fewer at once.
	 * @param concurrency how many parts are sent at once
	 * @return a new upload
	 */
	public LargeFileUpload withConcurrency(int concurrency) {
		return new LargeFileUpload(this.upload, this.partSize, concurrency);
	}

}
