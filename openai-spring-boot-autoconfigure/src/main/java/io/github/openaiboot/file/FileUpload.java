package io.github.openaiboot.file;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import io.github.openaiboot.core.UploadFile;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * A file to upload, with its purpose and, optionally, when it expires.
 *
 * @param file the file, streamed while it is sent (see {@link UploadFile} for which
 * sources are retried)
 * @param purpose its purpose, such as {@link FilePurpose#FINE_TUNE} or
 * {@link FilePurpose#BATCH}: an open string
 * @param expiresAfter how long after its upload OpenAI deletes it, between one hour and
 * 30 days, or {@code null} for OpenAI's default (30 days for batch inputs, never for
 * the others)
 * @author openai-spring-boot
 */
public record FileUpload(UploadFile file, String purpose, @Nullable Duration expiresAfter) {

	/**
	 * Shortest expiry OpenAI accepts.
	 */
	public static final Duration MIN_EXPIRES_AFTER = Duration.ofHours(1);

	/**
	 * Longest expiry OpenAI accepts.
	 */
	public static final Duration MAX_EXPIRES_AFTER = Duration.ofDays(30);

	/**
	 * Create an upload.
	 */
	public FileUpload {
		Objects.requireNonNull(file, "'file' must not be null");
		if (purpose == null || purpose.isBlank()) {
			throw new IllegalArgumentException("A file upload needs a purpose, such as 'fine-tune' or 'batch'");
		}
		if (expiresAfter != null && (expiresAfter.compareTo(MIN_EXPIRES_AFTER) < 0
				|| expiresAfter.compareTo(MAX_EXPIRES_AFTER) > 0)) {
			throw new IllegalArgumentException("'expiresAfter' must be between 1 hour and 30 days but was "
					+ expiresAfter);
		}
	}

	/**
	 * Create an upload of a file.
	 * @param file the file
	 * @param purpose its purpose
	 * @return the upload
	 */
	public static FileUpload of(UploadFile file, String purpose) {
		return new FileUpload(file, purpose, null);
	}

	/**
	 * Create an upload of the file at a path.
	 * @param path the file
	 * @param purpose its purpose
	 * @return the upload
	 */
	public static FileUpload of(Path path, String purpose) {
		return new FileUpload(UploadFile.of(path), purpose, null);
	}

	/**
	 * Create an upload of a resource.
	 * @param resource the resource, which needs a file name
	 * @param purpose its purpose
	 * @return the upload
	 */
	public static FileUpload of(Resource resource, String purpose) {
		return new FileUpload(UploadFile.of(resource), purpose, null);
	}

	/**
	 * Return this upload with an expiry.
	 * @param expiresAfter how long after its upload OpenAI deletes the file
	 * @return a new upload
	 */
	public FileUpload withExpiresAfter(Duration expiresAfter) {
		return new FileUpload(this.file, this.purpose, expiresAfter);
	}

}
