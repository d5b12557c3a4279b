package io.github.openaiboot.batch;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EnqueuedTokens}.
 */
class EnqueuedTokensTests {

	@Test
	void learnsTheLimitOpenAisAndAzuresFailuresName() {
		EnqueuedTokens enqueued = new EnqueuedTokens(null);
		enqueued.learn("gpt-4o-mini", "Enqueued token limit reached for gpt-4o-mini in organization org-123. Limit: "
				+ "2,000,000 enqueued tokens. Please try submitting an older batch after some of your existing batches"
				+ " have completed.");
		enqueued.learn("gpt-4.1", "The number of enqueued tokens has surpassed the configured limit of 30K for the"
				+ " deployment 'gpt-4.1-batch'. Please try again after some of your batches have completed.");
		enqueued.learn("gpt-5", "Something else went wrong.");
		assertThat(enqueued.limit("GPT-4o-mini")).isEqualTo(2_000_000L);
		assertThat(enqueued.limit("gpt-4.1")).isEqualTo(30_000L);
		assertThat(enqueued.limit("gpt-5")).isNull();
	}

	@Test
	void aConfiguredLimitIsNeverReplacedByALearnedOne() {
		EnqueuedTokens enqueued = new EnqueuedTokens(250L);
		enqueued.learn("gpt-4o-mini", "Limit: 100 enqueued tokens.");
		assertThat(enqueued.limit("gpt-4o-mini")).isEqualTo(250L);
	}

	@Test
	void aBatchHasRoomWhenNoneOfItsModelIsInFlightAndOtherwiseUnderTheLimit() {
		EnqueuedTokens enqueued = new EnqueuedTokens(250L);
		// larger than the limit, but alone
		assertThat(enqueued.tryReserve("gpt-4o-mini", 400)).isTrue();
		assertThat(enqueued.tryReserve("gpt-4o-mini", 1)).isFalse();
		// another model has its own room
		assertThat(enqueued.tryReserve("gpt-4o", 200)).isTrue();
		enqueued.release("gpt-4o-mini", 400);
		assertThat(enqueued.tryReserve("gpt-4o-mini", 200)).isTrue();
		assertThat(enqueued.tryReserve("gpt-4o-mini", 50)).isTrue();
		assertThat(enqueued.tryReserve("gpt-4o-mini", 1)).isFalse();
		assertThat(enqueued.batchesInFlight("gpt-4o-mini")).isEqualTo(2);
	}

	@Test
	void awaitingRoomEndsWhenABatchThatHeldRoomEndsNotWhenARefusedOneDoes() {
		VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
		EnqueuedTokens enqueued = new EnqueuedTokens(null);
		enqueued.tryReserve("gpt-4o-mini", 100);
		enqueued.tryReserve("gpt-4o-mini", 100);
		Mono<Void> awaiting = enqueued.awaitRoomFreed("gpt-4o-mini", Duration.ofMinutes(1), scheduler);
		StepVerifier.create(awaiting)
			.then(() -> enqueued.release("gpt-4o-mini", 100, false))
			.expectNoEvent(Duration.ofMillis(10))
			.then(() -> enqueued.release("gpt-4o-mini", 100, true))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		// with none of the model in flight, after the idle wait
		StepVerifier.withVirtualTime(() -> enqueued.awaitRoomFreed("gpt-4o-mini", Duration.ofMinutes(1), scheduler),
				() -> scheduler, Long.MAX_VALUE)
			.expectSubscription()
			.expectNoEvent(Duration.ofSeconds(59))
			.thenAwait(Duration.ofSeconds(1))
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

}
