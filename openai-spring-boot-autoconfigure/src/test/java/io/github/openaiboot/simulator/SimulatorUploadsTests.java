package io.github.openaiboot.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.openaiboot.core.UploadFile;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.file.FilePurpose;
import io.github.openaiboot.file.FileUpload;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.file.LargeFileUpload;
import io.github.openaiboot.file.OpenAiFile;
import io.github.openaiboot.file.Upload;
import io.github.openaiboot.file.UploadPart;
import io.github.openaiboot.file.UploadRequest;
import io.github.openaiboot.file.UploadStatus;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.test.StepVerifier;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Uploads API of the files client against the simulator.
 */
class SimulatorUploadsTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder());

	private final ApplicationContextRunner contextRunner = SimulatorContexts.clientsRetryingFast(openai);

	private void run(Consumer<FilesClient> test) {
		this.contextRunner.run((AssertableApplicationContext context) -> test.accept(context.getBean(FilesClient.class)));
	}

	@Test
	void uploadsAFileInPartsAndReadsItBackByteForByte(@TempDir Path dir) {
		byte[] content = bytes(300_001);
		Path path = write(dir.resolve("training.jsonl"), content);
		run((files) -> {
			LargeFileUpload upload = LargeFileUpload.of(path, FilePurpose.FINE_TUNE)
				.withPartSize(DataSize.ofKilobytes(64))
				.withConcurrency(3);
			OpenAiFile file = files.uploadInParts(upload).block(TIMEOUT);
			assertThat(file.bytes()).isEqualTo(content.length);
			assertThat(file.filename()).isEqualTo("training.jsonl");
			assertThat(file.purpose()).isEqualTo("fine-tune");
			// one creation, five parts, one completion
			assertThat(openai.simulator().requestCount(Endpoint.UPLOADS)).isEqualTo(7);
			assertThat(openai.simulator().fileIds()).containsExactly(file.id());
			StepVerifier.create(files.retrieve(file.id()))
				.assertNext((retrieved) -> assertThat(retrieved.bytes()).isEqualTo(content.length))
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(files.list().map(OpenAiFile::id)).expectNext(file.id()).expectComplete().verify(TIMEOUT);
			StepVerifier.create(DataBufferUtils.join(files.content(file.id())).map((buffer) -> {
				byte[] read = new byte[buffer.readableByteCount()];
				buffer.read(read);
				DataBufferUtils.release(buffer);
				return read;
			})).assertNext((read) -> assertThat(read).isEqualTo(content)).expectComplete().verify(TIMEOUT);
		});
	}

	@Test
	void completingChecksTheBytesThePartsAndTheChecksum() {
		run((files) -> {
			byte[] content = bytes(10);
			Upload upload = files.createUpload(UploadRequest.of("a.jsonl", FilePurpose.BATCH, 10, "text/jsonl"))
				.block(TIMEOUT);
			assertThat(upload.status()).isEqualTo(UploadStatus.PENDING);
			assertThat(upload.expiresAt()).isEqualTo(upload.createdAt() + 3600);
			UploadPart first = files.addUploadPart(upload.id(), part(content, 0, 6)).block(TIMEOUT);
			assertThat(first.uploadId()).isEqualTo(upload.id());
			StepVerifier.create(files.completeUpload(upload.id(), List.of(first.id())))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("The number of bytes uploaded upon completion (6) must match the number "
							+ "of bytes initially specified when creating the Upload object (10)"))
				.verify(TIMEOUT);
			Upload other = files.createUpload(UploadRequest.of("b.jsonl", FilePurpose.BATCH, 4, "text/jsonl"))
				.block(TIMEOUT);
			UploadPart foreign = files.addUploadPart(other.id(), part(content, 6, 4)).block(TIMEOUT);
			StepVerifier.create(files.completeUpload(upload.id(), List.of(first.id(), foreign.id())))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("part '" + foreign.id() + "' does not belong to upload " + upload.id()))
				.verify(TIMEOUT);
			UploadPart second = files.addUploadPart(upload.id(), part(content, 6, 4)).block(TIMEOUT);
			StepVerifier.create(files.completeUpload(upload.id(), List.of(first.id(), second.id()), "0".repeat(32)))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("md5"))
				.verify(TIMEOUT);
			assertThat(openai.simulator().fileIds()).isEmpty();
			Upload completed = files.completeUpload(upload.id(), List.of(first.id(), second.id()), md5(content))
				.block(TIMEOUT);
			assertThat(completed.isCompleted()).isTrue();
			assertThat(completed.file().bytes()).isEqualTo(10);
			// a batch input expires after 30 days, as one sent to /files does
			assertThat(completed.file().expiresAt()).isEqualTo(completed.file().createdAt() + 2_592_000);
			assertThat(openai.simulator().fileIds()).containsExactly(completed.file().id());
			StepVerifier.create(files.addUploadPart(upload.id(), part(content, 0, 1)))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("with status 'completed'"))
				.verify(TIMEOUT);
		});
	}

	@Test
	void aCancelledUploadAcceptsNoPartsAndFaultsApplyToUploads() {
		run((files) -> {
			Upload upload = files.createUpload(UploadRequest.of("a.jsonl", FilePurpose.BATCH, 10, "text/jsonl"))
				.block(TIMEOUT);
			openai.simulator().inject(SimulatedFault.insufficientQuota()).on(Endpoint.UPLOADS).times(1);
			StepVerifier.create(files.addUploadPart(upload.id(), part(bytes(10), 0, 10)))
				.expectError(QuotaExceededException.class)
				.verify(TIMEOUT);
			StepVerifier.create(files.cancelUpload(upload.id()))
				.assertNext((cancelled) -> assertThat(cancelled.status()).isEqualTo(UploadStatus.CANCELLED))
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(files.addUploadPart(upload.id(), part(bytes(10), 0, 10)))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("Cannot add parts to upload " + upload.id() + " with status 'cancelled'"))
				.verify(TIMEOUT);
			StepVerifier.create(files.cancelUpload("upload_nope"))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("No such Upload object: upload_nope"))
				.verify(TIMEOUT);
		});
	}

	@Test
	void aPartThatCannotBeReadCancelsTheUpload() {
		// a file that shrank after its size was read: its last part ends early every attempt
		byte[] content = bytes(2500);
		ByteArrayResource shrunk = new ByteArrayResource(content) {

			@Override
			public long contentLength() {
				return 3000;
			}

		};
		run((files) -> {
			AtomicReference<Throwable> error = new AtomicReference<>();
			StepVerifier
				.create(files.uploadInParts(
						LargeFileUpload.of(FileUpload.of(UploadFile.of(shrunk, "training.jsonl"), "fine-tune"))
							.withPartSize(DataSize.ofBytes(1000))
							.withConcurrency(1)))
				.expectErrorSatisfies(error::set)
				.verify(TIMEOUT);
			Throwable failure = error.get();
			assertThat(failure).isInstanceOf(OpenAiTransportException.class)
				.hasMessageContaining("part 3 of 3 of 'training.jsonl'")
				.hasMessageContaining("did it change while it was uploaded?");
			Matcher cancelled = Pattern.compile("upload (upload_\\w+) cancelled").matcher(failure.getMessage());
			assertThat(cancelled.find()).as(failure.getMessage()).isTrue();
			StepVerifier.create(files.addUploadPart(cancelled.group(1), part(content, 0, 10)))
				.expectErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("with status 'cancelled'"))
				.verify(TIMEOUT);
			assertThat(openai.simulator().fileIds()).isEmpty();
		});
	}

	private static UploadFile part(byte[] content, int position, int length) {
		return UploadFile.of(new ByteArrayResource(content), "a.jsonl").part(position, length);
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

	private static Path write(Path path, byte[] content) {
		try {
			return Files.write(path, content);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static String md5(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
