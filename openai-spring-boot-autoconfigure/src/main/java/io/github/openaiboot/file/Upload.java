package io.github.openaiboot.file;

import org.jspecify.annotations.Nullable;

/**
 * An upload of the Uploads API: a file sent in parts, which becomes an
 * {@link OpenAiFile} once it is completed.
 *
 * @param id the upload's id, such as {@code upload_abc123}
 * @param object always {@code upload}
 * @param bytes the size of the file, declared when the upload was created
 * @param createdAt when it was created, in epoch seconds
 * @param filename the name of the file
 * @param purpose the purpose of the file, an open string
 * @param status {@code pending}, {@code completed}, {@code cancelled} or
 * {@code expired} (see {@link UploadStatus}), an open string
 * @param expiresAt when it expires unless completed, in epoch seconds: an hour after
 * its creation
 * @param file the file made of its parts once it is completed, otherwise {@code null}
 * @author openai-spring-boot
 */
public record Upload(String id, @Nullable String object, long bytes, long createdAt, @Nullable String filename,
		@Nullable String purpose, @Nullable String status, @Nullable Long expiresAt, @Nullable OpenAiFile file) {

	/**
	 * Return whether the upload was completed, so that its {@link #file() file} is ready
	 * for use.
	 * @return whether its status is {@code completed}
	 */
	public boolean isCompleted() {
		return UploadStatus.COMPLETED.equals(this.status);
	}

}
