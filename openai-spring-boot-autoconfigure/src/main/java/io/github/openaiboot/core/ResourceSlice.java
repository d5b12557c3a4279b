package io.github.openaiboot.core;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.StandardOpenOption;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;

/**
 * A slice of another resource, such as one part of a file sent to the Uploads API: the
 * bytes from a position, for a length, read from the resource each time the slice is
 * opened, so that a part is streamed (and can be sent again) without ever being held in
 * memory.
 * <p>
 * A file is opened at the position. Any other resource is read from its start, skipping
 * to the position with {@link InputStream#skipNBytes(long)}.
 *
 * @author openai-spring-boot
 */
final class ResourceSlice extends AbstractResource {

	private final Resource source;

	private final long position;

	private final long length;

	private final String filename;

	ResourceSlice(Resource source, long position, long length, String filename) {
		this.source = source;
		this.position = position;
		this.length = length;
		this.filename = filename;
	}

	@Override
	public ReadableByteChannel readableChannel() throws IOException {
		return new BoundedChannel(open(), this.length, this.position, this.source);
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return Channels.newInputStream(readableChannel());
	}

	private ReadableByteChannel open() throws IOException {
		if (this.source.isFile()) {
			FileChannel channel = FileChannel.open(this.source.getFile().toPath(), StandardOpenOption.READ);
			try {
				return channel.position(this.position);
			}
			catch (IOException ex) {
				channel.close();
				throw ex;
			}
		}
		InputStream stream = this.source.getInputStream();
		try {
			stream.skipNBytes(this.position);
			return Channels.newChannel(stream);
		}
		catch (IOException ex) {
			stream.close();
			throw new IOException("Could not skip to byte " + this.position + " of " + this.source.getDescription(),
					ex);
		}
	}

	@Override
	public boolean exists() {
		return this.source.exists();
	}

	@Override
	public long contentLength() {
		return this.length;
	}

	@Override
	public String getFilename() {
		return this.filename;
	}

	@Override
	public String getDescription() {
		return "bytes " + this.position + "-" + (this.position + this.length - 1) + " of "
				+ this.source.getDescription();
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

	/**
	 * A channel that ends after a number of bytes, and fails when its source ends first:
	 * the file shrank since its size was read.
	 */
	private static final class BoundedChannel implements ReadableByteChannel {

		private final ReadableByteChannel channel;

		private final long start;

		private final Resource source;

		private long remaining;

		BoundedChannel(ReadableByteChannel channel, long length, long start, Resource source) {
			this.channel = channel;
			this.remaining = length;
			this.start = start;
			this.source = source;
		}

		@Override
		public int read(ByteBuffer target) throws IOException {
			if (this.remaining <= 0) {
				return -1;
			}
			int limit = target.limit();
			if (target.remaining() > this.remaining) {
				target.limit(target.position() + (int) this.remaining);
			}
			try {
				int read = this.channel.read(target);
				if (read < 0) {
					throw new IOException(this.source.getDescription() + " ended " + this.remaining
							+ " bytes before the end of the part that starts at byte " + this.start
							+ ": did it change while it was uploaded?");
				}
				this.remaining -= read;
				return read;
			}
			finally {
				target.limit(limit);
			}
		}

		@Override
		public boolean isOpen() {
			return this.channel.isOpen();
		}

		@Override
		public void close() throws IOException {
			this.channel.close();
		}

	}

}
