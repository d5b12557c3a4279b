package io.github.openaiboot.file;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * A request to create an upload ({@code POST /uploads}): the file that its parts will
 * make, described before any part is sent.
 *
 * @param filename the name of the file
 * @param purpose its purpose, such as {@link FilePurpose#FINE_TUNE} or
 * {@link FilePurpose#BATCH}: an open string, passed on as it is
 * @param bytes its size, which the parts must add up to, at most {@link #MAX_SIZE}
 * @param mimeType its MIME type, such as {@code text/jsonl}, which must be one OpenAI
 * supports for the purpose
 * @param expiresAfter how long after its upload OpenAI deletes the completed file,
 * between one hour and 30 days, or {@code null} for OpenAI's default
 * @author openai-spring-boot
 */
public record UploadRequest(String filename, String purpose, long bytes, String mimeType,
		@Nullable Duration expiresAfter) {

	/**
	 * Most bytes an upload accepts in total.
	 */
	public static final DataSize MAX_SIZE = DataSize.ofGigabytes(8);

	/**
	 * Create a request.
	 */
	public UploadRequest {
		if (filename == null || filename.isBlank()) {
			throw new IllegalArgumentException("An upload needs a file name, such as 'training.jsonl'");
		}
		if (purpose == null || purpose.isBlank()) {
			throw new IllegalArgumentException("The upload of '" + filename
					+ "' needs a purpose, such as 'fine-tune' or 'batch'");
		}
		if (bytes < 1) {
			throw new IllegalArgumentException("The upload of '" + filename + "' needs a size of at least 1 byte but "
					+ "was " + bytes);
		}
		if (bytes > MAX_SIZE.toBytes()) {
			throw tooLarge(filename, bytes);
		}
		if (mimeType == null || mimeType.isBlank()) {
			throw new IllegalArgumentException("The upload of '" + filename
					+ "' needs a MIME type, such as 'text/jsonl'");
		}
		if (expiresAfter != null && (expiresAfter.compareTo(FileUpload.MIN_EXPIRES_AFTER) < 0
				|| expiresAfter.compareTo(FileUpload.MAX_EXPIRES_AFTER) > 0)) {
			throw new IllegalArgumentException("'expiresAfter' must be between 1 hour and 30 days but was "
					+ expiresAfter);
		}
	}

	/**
	 * Create a request for a file that OpenAI keeps for its purpose's default time.
	 * @param filename the name of the file
	 * @param purpose its purpose
	 * @param bytes its size
	 * @param mimeType its MIME type
	 * @return the request
	 */
	public static UploadRequest of(String filename, String purpose, long bytes, String mimeType) {
		return new UploadRequest(filename, purpose, bytes, mimeType, null);
	}

	/**
	 * Return this request with an expiry of the completed file.
	 * @param expiresAfter how long after its upload OpenAI deletes the file
	 * @return a new request
	 */
	public UploadRequest withExpiresAfter(Duration expiresAfter) {
		return new UploadRequest(this.filename, this.purpose, this.bytes, this.mimeType, expiresAfter);
	}

	static IllegalArgumentException tooLarge(String filename, long bytes) {
		return new IllegalArgumentException("'" + filename + "' is " + bytes + " bytes ("
				+ DataSize.ofBytes(bytes).toMegabytes() + " MB), more than the " + MAX_SIZE.toBytes() + " bytes ("
				+ MAX_SIZE.toGigabytes() + " GB) an upload accepts");
	}

}
