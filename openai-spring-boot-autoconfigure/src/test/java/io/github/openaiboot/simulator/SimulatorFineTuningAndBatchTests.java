package io.github.openaiboot.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.batch.BatchResult;
import io.github.openaiboot.batch.BatchSubmission;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingRequest;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.finetuning.FineTuningJob;
import io.github.openaiboot.finetuning.FineTuningJobRequest;
import io.github.openaiboot.finetuning.FineTuningJobStatus;
import io.github.openaiboot.finetuning.FineTuningUpdate;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fine-tuning and batch clients against the simulator, whose clock moves a second
 * each time it is read, so that jobs and batches progress as they are polled.
 */
class SimulatorFineTuningAndBatchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(
			OpenAiSimulator.builder().clock(new TickingClock()));

	private final ApplicationContextRunner contextRunner = SimulatorContexts.clients(openai)
		.withPropertyValues("openai.fine-tuning.poll-interval=1ms", "openai.fine-tuning.max-poll-interval=2ms",
				"openai.batch.poll-interval=1ms");

	@Test
	void aFollowedJobMovesThroughItsStatesWithEachEventOnceThenSucceeds() {
		this.contextRunner.run((context) -> {
			FineTuningClient client = context.getBean(FineTuningClient.class);
			FineTuningJob created = client
				.create(FineTuningJobRequest.builder("gpt-4o-mini-2024-07-18", "file-abc123").suffix("sim").build())
				.block(TIMEOUT);
			assertThat(created.status()).isEqualTo(FineTuningJobStatus.VALIDATING_FILES);
			List<FineTuningUpdate> updates = client.follow(created.id()).collectList().block(TIMEOUT);
			List<String> messages = updates.stream()
				.filter(FineTuningUpdate.Event.class::isInstance)
				.map((update) -> ((FineTuningUpdate.Event) update).event().message())
				.toList();
			assertThat(messages).startsWith("Validating training file: file-abc123",
					"Files validated, moving job to queued state", "Fine-tuning job started")
				.contains("Checkpoint created at step 50")
				.endsWith("The job has successfully completed")
				.doesNotHaveDuplicates();
			FineTuningJob finished = ((FineTuningUpdate.Finished) updates.get(updates.size() - 1)).job();
			assertThat(finished.status()).isEqualTo(FineTuningJobStatus.SUCCEEDED);
			assertThat(finished.fineTunedModel()).startsWith("ft:gpt-4o-mini-2024-07-18:sim-org:sim:");
			assertThat(finished.trainedTokens()).isPositive();
			StepVerifier.create(client.checkpoints(created.id()))
				.assertNext((checkpoint) -> assertThat(checkpoint.fineTunedModelCheckpoint()).endsWith(":ckpt-step-50"))
				.expectComplete()
				.verify(TIMEOUT);
		});
	}

	@Test
	void aCancelledJobEndsTheFollowingWithItsCancelledState() {
		this.contextRunner.run((context) -> {
			FineTuningClient client = context.getBean(FineTuningClient.class);
			String id = client.create(FineTuningJobRequest.builder("gpt-4o-mini", "file-abc123").build())
				.block(TIMEOUT)
				.id();
			assertThat(client.cancel(id).block(TIMEOUT).status()).isEqualTo(FineTuningJobStatus.CANCELLED);
			StepVerifier.create(client.follow(id).filter(FineTuningUpdate.Finished.class::isInstance))
				.assertNext((update) -> assertThat(((FineTuningUpdate.Finished) update).job().status())
					.isEqualTo("cancelled"))
				.expectComplete()
				.verify(TIMEOUT);
		});
	}

	@Test
	void aSubmittedBatchCompletesWithTheLinesMadeToFailAsTypedErrors() {
		openai.simulator().failBatchLines("request-1");
		this.contextRunner.run((context) -> {
			List<BatchResult<io.github.openaiboot.chat.ChatCompletion>> results = submitThreeChats(
					context.getBean(BatchClient.class));
			assertThat(results).extracting(BatchResult::customId).containsExactly("request-0", "request-1", "request-2");
			assertThat(results.get(0).orThrow().content()).isNotBlank();
			assertThat(results.get(1).error()).isInstanceOf(InvalidRequestException.class)
				.hasMessageContaining("request-1");
			assertThat(results.get(2).isSuccess()).isTrue();
			assertThat(openai.simulator().requestCount(Endpoint.BATCHES)).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void batchesOverTheOrganizationsEnqueuedTokenLimitAreCreatedAgainAsTheOthersEnd() {
		// room for one batch of one request at a time, which the client is not told
		openai.simulator().limitBatchEnqueuedTokens(50);
		this.contextRunner.withPropertyValues("openai.batch.max-lines=1").run((context) -> {
			List<BatchResult<io.github.openaiboot.chat.ChatCompletion>> results = submitThreeChats(
					context.getBean(BatchClient.class));
			assertThat(results).extracting(BatchResult::customId).containsExactly("request-0", "request-1", "request-2");
			assertThat(results).allSatisfy((result) -> assertThat(result.orThrow().content()).isNotBlank());
			// two of the three failed for the limit at first and were created again
			assertThat(openai.simulator().receivedBodies(Endpoint.BATCHES))
				.filteredOn((body) -> body.contains("input_file_id"))
				.hasSizeBetween(5, 9);
		});
	}

	@Test
	void submittedEmbeddingsAreAnsweredInOrder() {
		this.contextRunner.run((context) -> {
			BatchClient client = context.getBean(BatchClient.class);
			List<BatchResult<io.github.openaiboot.embedding.EmbeddingResponse>> results = client
				.submitEmbeddings(Flux.just(EmbeddingRequest.of("a"), EmbeddingRequest.of("b", "c")))
				.flatMapMany(BatchSubmission::results)
				.collectList()
				.block(TIMEOUT);
			assertThat(results).hasSize(2);
			assertThat(results.get(1).orThrow().data()).hasSize(2);
		});
	}

	/**
	 * A clock that moves a second each time it is read.
	 */
	static final class TickingClock extends Clock {

		private final AtomicLong seconds = new AtomicLong(1_721_764_800);

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochSecond(this.seconds.getAndIncrement());
		}

	}

	private static List<BatchResult<io.github.openaiboot.chat.ChatCompletion>> submitThreeChats(BatchClient client) {
		return client
			.submit(Flux.just(ChatRequest.builder().user("One").build(), ChatRequest.builder().user("Two").build(),
					ChatRequest.builder().user("Three").build()))
			.flatMapMany(BatchSubmission::results)
			.collectList()
			.block(TIMEOUT);
	}

}
