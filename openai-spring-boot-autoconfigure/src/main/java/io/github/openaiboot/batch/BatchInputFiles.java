package io.github.openaiboot.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The JSONL input files of submitted requests, written to temporary files one line at a
 * time and started anew where a batch would exceed its lines, bytes or estimated
 * enqueued tokens, or where the model changes (a batch's requests are of one model).
 * Closing it deletes the files.
 *
 * @author openai-spring-boot
 */
final class BatchInputFiles implements AutoCloseable {

	private static final byte NEWLINE = '\n';

	private final BatchSettings settings;

	private final List<Part> parts = new ArrayList<>();

	private @Nullable OutputStream out;

	private @Nullable Path file;

	private long firstIndex;

	private int lines;

	private long bytes;

	private long tokens;

	private @Nullable String model;

	BatchInputFiles(BatchSettings settings) {
		this.settings = settings;
	}

	/**
	 * Add one request's line.
	 * @param index the request's position among those submitted
	 * @param line the line, without its line break
	 * @param estimatedTokens the request's estimated tokens
	 * @param model the request's model
	 */
	synchronized void add(long index, byte[] line, long estimatedTokens, @Nullable String model) {
		Long maxTokens = this.settings.maxEnqueuedTokens();
		if (maxTokens != null && estimatedTokens > maxTokens) {
			throw new IllegalArgumentException("Request " + index + " is estimated at " + estimatedTokens
					+ " tokens, more than a batch may enqueue (" + maxTokens
					+ ", openai.batch.max-enqueued-tokens): it cannot be submitted as a batch");
		}
		long size = line.length + 1L;
		if (size > this.settings.maxBytes()) {
			throw new IllegalArgumentException("Request " + index + " takes " + size
					+ " bytes as a batch line, more than a batch input file may hold (" + this.settings.maxBytes()
					+ " bytes)");
		}
		if (this.out != null && (this.lines + 1 > this.settings.maxLines()
				|| this.bytes + size > this.settings.maxBytes()
				|| (maxTokens != null && this.tokens + estimatedTokens > maxTokens)
				|| !Objects.equals(this.model, model))) {
			endPart();
		}
		try {
			if (this.out == null) {
				this.file = Files.createTempFile("openai-batch-", ".jsonl");
				this.out = new BufferedOutputStream(Files.newOutputStream(this.file));
				this.firstIndex = index;
				this.lines = 0;
				this.bytes = 0;
				this.tokens = 0;
				this.model = model;
			}
			this.out.write(line);
			this.out.write(NEWLINE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the batch input file " + this.file, ex);
		}
		this.lines++;
		this.bytes += size;
		this.tokens += estimatedTokens;
	}

	/**
	 * Finish the last file.
	 * @return the files, in the order of their requests
	 */
	synchronized List<Part> finish() {
		if (this.out != null) {
			endPart();
		}
		return List.copyOf(this.parts);
	}

	private void endPart() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the batch input file " + this.file, ex);
		}
		this.parts.add(new Part(this.file, this.firstIndex, this.lines, this.bytes, this.tokens, this.model));
		this.out = null;
		this.file = null;
	}

	@Override
	public synchronized void close() {
		try {
			if (this.out != null) {
				this.out.close();
			}
			if (this.file != null) {
				Files.deleteIfExists(this.file);
			}
			for (Part part : this.parts) {
				Files.deleteIfExists(part.file());
			}
		}
		catch (IOException ex) {
			// a temporary file left behind is no reason to fail the submission
		}
	}

	/**
	 * One batch's input file.
	 *
	 * @param file the file
	 * @param firstIndex the position of its first request among those submitted
	 * @param lines its requests
	 * @param bytes its size
	 * @param tokens its requests' estimated tokens
	 * @param model its requests' model
	 */
	record Part(Path file, long firstIndex, int lines, long bytes, long tokens, @Nullable String model) {

	}

}
