package io.github.openaiboot.core;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * One of Reactor's shared schedulers, looked up each time it is used rather than when
 * the client or pacer that uses it is built: looking it up during start-up would load
 * most of Reactor there, which the first call loads anyway. Disposing it leaves the
 * shared scheduler alone, as disposing the one {@link Schedulers#parallel()} returns does.
 *
 * @author openai-spring-boot
 */
public final class DeferredScheduler implements Scheduler {

	private final Supplier<Scheduler> scheduler;

	private final String name;

	private DeferredScheduler(Supplier<Scheduler> scheduler, String name) {
		this.scheduler = scheduler;
		this.name = name;
	}

	/**
	 * Return {@link Schedulers#parallel()}, looked up when used.
	 * @return the scheduler
	 */
	public static Scheduler parallel() {
		return Holder.PARALLEL;
	}

	/**
	 * Return {@link Schedulers#boundedElastic()}, looked up when used.
	 * @return the scheduler
	 */
	public static Scheduler boundedElastic() {
		return Holder.BOUNDED_ELASTIC;
	}

	@Override
	public Disposable schedule(Runnable task) {
		return this.scheduler.get().schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		return this.scheduler.get().schedule(task, delay, unit);
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return this.scheduler.get().schedulePeriodically(task, initialDelay, period, unit);
	}

	@Override
	public long now(TimeUnit unit) {
		return this.scheduler.get().now(unit);
	}

	@Override
	public Worker createWorker() {
		return this.scheduler.get().createWorker();
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static final class Holder {

		static final Scheduler PARALLEL = new DeferredScheduler(Schedulers::parallel, "Schedulers.parallel()");

		static final Scheduler BOUNDED_ELASTIC = new DeferredScheduler(Schedulers::boundedElastic,
				"Schedulers.boundedElastic()");

	}

}
