package io.github.openaiboot.core;

import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.AbstractResource;

/**
 * A resource of zeros that is no file and counts the bytes read from it (skipped
 * bytes are not read), for tests that prove uploads are streamed.
 */
public final class CountingResource extends AbstractResource {

	private final long size;

	private final AtomicLong read;

	/**
	 * Create a resource.
	 * @param size its size
	 * @param read where the bytes read are counted
	 */
	public CountingResource(long size, AtomicLong read) {
		this.size = size;
		this.read = read;
	}

	@Override
	public String getDescription() {
		return "counting resource of " + this.size + " bytes";
	}

	@Override
	public long contentLength() {
		return this.size;
	}

	@Override
	public InputStream getInputStream() {
		return new InputStream() {

			private long position;

			@Override
			public int read() {
				if (this.position >= CountingResource.this.size) {
					return -1;
				}
				this.position++;
				CountingResource.this.read.incrementAndGet();
				return 0;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				long left = CountingResource.this.size - this.position;
				if (left <= 0) {
					return -1;
				}
				int n = (int) Math.min(length, left);
				Arrays.fill(buffer, offset, offset + n, (byte) 0);
				this.position += n;
				CountingResource.this.read.addAndGet(n);
				return n;
			}

			@Override
			public long skip(long n) {
				long skipped = Math.max(0, Math.min(n, CountingResource.this.size - this.position));
				this.position += skipped;
				return skipped;
			}

		};
	}

}
