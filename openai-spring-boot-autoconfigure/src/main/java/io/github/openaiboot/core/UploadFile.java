package io.github.openaiboot.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * A file to upload as one part of a {@code multipart/form-data} request: a
 * {@link Resource}, a {@link Path} or a {@code Flux<DataBuffer>}, with the file name
 * and content type the part is sent with. The content is read while it is sent, never
 * held in memory whole.
 * <p>
 * A {@link Resource} or a {@link Path} can be read again, so a call that uploads one is
 * retried like any other. A {@code Flux} can be read only once: a call that uploads one
 * makes a single attempt and is not retried, not even after a rate limit.
 *
 * @author openai-spring-boot
 */
public final class UploadFile {

	private final @Nullable Resource resource;

	private final @Nullable Flux<DataBuffer> content;

	private final String filename;

	private final MediaType contentType;

	private UploadFile(@Nullable Resource resource, @Nullable Flux<DataBuffer> content, String filename,
			@Nullable MediaType contentType) {
		if (filename == null || filename.isBlank()) {
			throw new IllegalArgumentException("A file to upload needs a file name, such as 'speech.mp3'");
		}
		this.resource = resource;
		this.content = content;
		this.filename = filename;
		this.contentType = (contentType != null) ? contentType
				: MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM);
	}

	/**
	 * Create a file to upload from a resource, named by the resource's file name.
	 * @param resource the resource
	 * @return the file
	 */
	public static UploadFile of(Resource resource) {
		Objects.requireNonNull(resource, "'resource' must not be null");
		String filename = resource.getFilename();
		if (filename == null || filename.isBlank()) {
			throw new IllegalArgumentException(
					"The resource " + resource.getDescription() + " has no file name: use of(resource, filename)");
		}
		return new UploadFile(resource, null, filename, null);
	}

	/**
	 * Create a file to upload from a resource, with the given file name.
	 * @param resource the resource
	 * @param filename the file name to send, whose extension tells OpenAI the format
	 * @return the file
	 */
	public static UploadFile of(Resource resource, String filename) {
		Objects.requireNonNull(resource, "'resource' must not be null");
		return new UploadFile(resource, null, filename, null);
	}

	/**
	 * Create a file to upload from a path, named by its file name.
	 * @param path the path of a readable file
	 * @return the file
	 */
	public static UploadFile of(Path path) {
		Objects.requireNonNull(path, "'path' must not be null");
		if (!Files.isReadable(path) || Files.isDirectory(path)) {
			throw new IllegalArgumentException("'" + path + "' is not a readable file");
		}
		return new UploadFile(new FileSystemResource(path), null, path.getFileName().toString(), null);
	}

	/**
	 * Create a file to upload from a stream of buffers, read once while it is sent. A
	 * call that uploads it is not retried.
	 * @param content the content, released as it is written
	 * @param filename the file name to send, whose extension tells OpenAI the format
	 * @return the file
	 */
	public static UploadFile of(Flux<DataBuffer> content, String filename) {
		Objects.requireNonNull(content, "'content' must not be null");
		return new UploadFile(null, content, filename, null);
	}

	/**
	 * Return this file sent with another content type.
	 * @param contentType the content type of the part
	 * @return a new file
	 */
	public UploadFile withContentType(MediaType contentType) {
		Objects.requireNonNull(contentType, "'contentType' must not be null");
		return new UploadFile(this.resource, this.content, this.filename, contentType);
	}

	/**
	 * Return the file name the part is sent with.
	 * @return the file name
	 */
	public String filename() {
		return this.filename;
	}

	/**
	 * Return the content type the part is sent with, by default guessed from the file
	 * name's extension.
	 * @return the content type
	 */
	public MediaType contentType() {
		return this.contentType;
	}

	/**
	 * Return whether the content can be read again, so that a call can be retried.
	 * @return {@code true} for a resource or a path, {@code false} for a {@code Flux}
	 */
	public boolean isRepeatable() {
		return this.resource != null;
	}

	/**
	 * Return the size of the content when it is known before it is read: that of a
	 * resource or path, not that of a {@code Flux}.
	 * @return the size in bytes, empty when unknown
	 */
	public OptionalLong size() {
		if (this.resource == null) {
			return OptionalLong.empty();
		}
		try {
			long length = this.resource.contentLength();
			return (length >= 0) ? OptionalLong.of(length) : OptionalLong.empty();
		}
		catch (IOException | IllegalStateException ex) {
			return OptionalLong.empty();
		}
	}

	/**
	 * Return a part of this file, to send as one part of an upload: the bytes from a
	 * position, for a length, sent with this file's name and content type. The part is
	 * read from the resource or path each time it is sent, so that it is streamed, never
	 * held in memory, and the call that sends it can be retried.
	 * @param position the first byte of the part
	 * @param length the number of bytes, at least one
	 * @return the part
	 * @throws IllegalStateException when the content is a {@code Flux}, which cannot be
	 * read from a position
	 */
	public UploadFile part(long position, long length) {
		if (this.resource == null) {
			throw new IllegalStateException("The content of '" + this.filename
					+ "' is a Flux, which cannot be read in parts: upload a Resource or a Path");
		}
		if (position < 0 || length < 1) {
			throw new IllegalArgumentException("A part of '" + this.filename
					+ "' needs a position of at least 0 and a length of at least 1 but had " + position + " and "
					+ length);
		}
		return new UploadFile(new ResourceSlice(this.resource, position, length, this.filename), null, this.filename,
				this.contentType);
	}

	/**
	 * Add this file to a multipart body under the given part name.
	 * @param builder the body's builder
	 * @param name the part name, such as {@code file}
	 */
	void addTo(OpenAiMultipartBody.Builder builder, String name) {
		if (this.resource != null) {
			builder.parts().part(name, this.resource).filename(this.filename).contentType(this.contentType);
		}
		else {
			builder.parts()
				.asyncPart(name, readOnce(Objects.requireNonNull(this.content)), DataBuffer.class)
				.filename(this.filename)
				.contentType(this.contentType);
			builder.notRepeatable();
		}
	}

	private Flux<DataBuffer> readOnce(Flux<DataBuffer> content) {
		AtomicBoolean read = new AtomicBoolean();
		return Flux.defer(() -> read.compareAndSet(false, true) ? content
				: Flux.error(new IllegalStateException("The content of '" + this.filename
						+ "' is a Flux that can be sent only once: upload a Resource or a Path to retry")));
	}

	@Override
	public String toString() {
		return "UploadFile[filename=" + this.filename + ", contentType=" + this.contentType + ", source="
				+ ((this.resource != null) ? this.resource.getDescription() : "Flux<DataBuffer>") + "]";
	}

}
