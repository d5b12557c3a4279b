package io.github.openaiboot.core;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DeferredScheduler}.
 */
class DeferredSchedulerTests {

	@AfterEach
	void resetSchedulers() {
		VirtualTimeScheduler.reset();
	}

	@Test
	void looksTheSharedSchedulerUpWhenUsedNotWhenTaken() {
		// taken before the virtual clock is installed, as a client built at start-up takes it
		var parallel = DeferredScheduler.parallel();
		VirtualTimeScheduler virtual = VirtualTimeScheduler.getOrSet();
		virtual.advanceTimeBy(Duration.ofHours(1));
		assertThat(parallel.now(TimeUnit.MILLISECONDS)).isEqualTo(Duration.ofHours(1).toMillis());
		StepVerifier.withVirtualTime(() -> Mono.delay(Duration.ofMinutes(10), parallel))
			.expectSubscription()
			.expectNoEvent(Duration.ofMinutes(9))
			.thenAwait(Duration.ofMinutes(1))
			.expectNext(0L)
			.verifyComplete();
	}

	@Test
	void runsOnReactorsSharedSchedulers() throws InterruptedException {
		String[] thread = new String[2];
		Mono.fromRunnable(() -> thread[0] = Thread.currentThread().getName())
			.subscribeOn(DeferredScheduler.parallel())
			.then(Mono.fromRunnable(() -> thread[1] = Thread.currentThread().getName())
				.subscribeOn(DeferredScheduler.boundedElastic()))
			.block(Duration.ofSeconds(10));
		assertThat(thread[0]).startsWith("parallel-");
		assertThat(thread[1]).startsWith("boundedElastic-");
	}

	@Test
	void disposingItLeavesTheSharedSchedulerRunning() {
		DeferredScheduler.parallel().dispose();
		assertThat(Schedulers.parallel().isDisposed()).isFalse();
		assertThat(Mono.just(1).subscribeOn(DeferredScheduler.parallel()).block(Duration.ofSeconds(10))).isOne();
	}

}
