package io.github.openaiboot.ratelimit;

import java.util.concurrent.TimeUnit;

import io.github.bucket4j.TimeMeter;
import reactor.core.scheduler.Scheduler;

/**
 * The time of a Reactor {@link Scheduler} as a Bucket4j {@link TimeMeter}, so that the
 * buckets refill on the same clock the pacer waits on (virtual time in tests).
 *
 * @author openai-spring-boot
 */
public final class SchedulerTimeMeter implements TimeMeter {

	private final Scheduler scheduler;

	/**
	 * Create a time meter.
	 * @param scheduler the scheduler whose clock to read
	 */
	public SchedulerTimeMeter(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public long currentTimeNanos() {
		return this.scheduler.now(TimeUnit.NANOSECONDS);
	}

	@Override
	public boolean isWallClockBased() {
		return true;
	}

}
