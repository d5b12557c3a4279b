package io.github.openaiboot.batch;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * The estimated prompt tokens of one client's batches in flight, per model, held
 * under the organization's enqueued-token limit of the model, which OpenAI sums over
 * every batch not yet ended. The limit is the configured one
 * ({@code openai.batch.max-enqueued-tokens}), or, failing that, the one a
 * {@code token_limit_exceeded} failure named (OpenAI's "Limit: 2,000,000 enqueued
 * tokens", Azure's "the configured limit of 30K"). Batches created elsewhere are not seen,
 * which is why such a failure is also answered by creating the batch again later.
 *
 * @author openai-spring-boot
 */
final class EnqueuedTokens {

	// "Limit: 2,000,000 enqueued tokens", as OpenAI's failed batch says, or Azure's "surpassed the
	// configured limit of 30K for the deployment"
	private static final Pattern LIMIT = Pattern.compile(
			"(?:Limit:\\s*([0-9][0-9,]*)\\s*enqueued tokens)"
					+ "|(?:configured limit of\\s*([0-9][0-9,.]*)\\s*([KkMm]?)\\b)",
			Pattern.CASE_INSENSITIVE);

	private final @Nullable Long configured;

	private final Map<String, Long> inFlight = new HashMap<>();

	// batches, apart from their tokens, which may be estimated at none
	private final Map<String, Integer> batchesInFlight = new HashMap<>();

	private final Map<String, Long> learned = new HashMap<>();

	// made by the first use rather than at start-up, which would load most of Reactor
	private Sinks.@Nullable Many<String> released;

	EnqueuedTokens(@Nullable Long configured) {
		this.configured = configured;
	}

	/**
	 * Take room for a batch if there is room now. A batch always has room when none of
	 * this model's is in flight, so that one larger than a learned limit still goes.
	 * Each batch given room must give it back once, with {@link #release}.
	 * @param model the batch's model
	 * @param tokens its estimated tokens
	 * @return whether the room was taken
	 */
	synchronized boolean tryReserve(@Nullable String model, long tokens) {
		String key = key(model);
		long current = this.inFlight.getOrDefault(key, 0L);
		Long limit = limit(key);
		if (this.batchesInFlight.containsKey(key) && limit != null && current + tokens > limit) {
			return false;
		}
		this.inFlight.put(key, current + tokens);
		this.batchesInFlight.merge(key, 1, Integer::sum);
		return true;
	}

	/**
	 * Take room for a batch once there is room: when a batch of this client ends, and
	 * at least every {@code recheck}.
	 * @param model the batch's model
	 * @param tokens its estimated tokens
	 * @param first how long to wait before the first try
	 * @param recheck how often to try again without a batch having ended
	 * @param scheduler the scheduler of the waits
	 * @return completes once the room is taken
	 */
	Mono<Void> reserve(@Nullable String model, long tokens, Duration first, Duration recheck, Scheduler scheduler) {
		// the sink is subscribed to before the first try, so that no release is missed
		return Flux.merge(released().asFlux(), Flux.interval(first, recheck, scheduler))
			.filter((signal) -> tryReserve(model, tokens))
			.next()
			.then();
	}

	/**
	 * Wait, after a batch failed for the organization's enqueued tokens, for room to
	 * free up, as OpenAI's error advises ("after some of your existing batches have
	 * completed"): until one of this client's batches of the model ends, or, when none
	 * is in flight, for {@code idleWait}.
	 * @param model the model
	 * @param idleWait the wait when this client has no batch of the model in flight
	 * @param scheduler the scheduler of the wait
	 * @return completes when it is worth trying again
	 */
	Mono<Void> awaitRoomFreed(@Nullable String model, Duration idleWait, Scheduler scheduler) {
		String key = key(model);
		// the sink is subscribed to before the batches in flight are counted, so that no end is missed
		Mono<String> idle = Mono.defer(() -> (batchesInFlight(key) == 0)
				? Mono.delay(idleWait, scheduler).thenReturn(key) : Mono.<String>never());
		return Flux.merge(released().asFlux().filter(key::equals), idle).next().then();
	}

	private synchronized Sinks.Many<String> released() {
		Sinks.Many<String> released = this.released;
		if (released == null) {
			released = Sinks.many().multicast().directBestEffort();
			this.released = released;
		}
		return released;
	}

	/**
	 * Give back a batch's room once it has ended, telling those waiting for room.
	 * @param model the batch's model
	 * @param tokens its estimated tokens
	 */
	void release(@Nullable String model, long tokens) {
		release(model, tokens, true);
	}

	/**
	 * Give back a batch's room once it has ended.
	 * @param model the batch's model
	 * @param tokens its estimated tokens
	 * @param freed whether room was freed on OpenAI's side too, which those waiting for
	 * room are told; not for a batch refused for the limit, which never held any
	 */
	synchronized void release(@Nullable String model, long tokens, boolean freed) {
		String key = key(model);
		long remaining = this.inFlight.getOrDefault(key, 0L) - tokens;
		int batches = this.batchesInFlight.getOrDefault(key, 0) - 1;
		if (batches > 0) {
			this.inFlight.put(key, Math.max(0, remaining));
			this.batchesInFlight.put(key, batches);
		}
		else {
			this.inFlight.remove(key);
			this.batchesInFlight.remove(key);
		}
		if (freed) {
			// emitted under the lock, so never from two threads at once
			released().tryEmitNext(key);
		}
	}

	/**
	 * Learn a model's limit from the message of a {@code token_limit_exceeded} failure,
	 * unless one is configured.
	 * @param model the batch's model
	 * @param message the failure's message
	 */
	synchronized void learn(@Nullable String model, @Nullable String message) {
		if (this.configured != null || message == null) {
			return;
		}
		Matcher matcher = LIMIT.matcher(message);
		if (matcher.find()) {
			try {
				this.learned.put(key(model), limit(matcher));
			}
			catch (NumberFormatException ex) {
				// a limit too large for a long is no limit worth holding to
			}
		}
	}

	/**
	 * Return the limit batches of a model are held under.
	 * @param model the model
	 * @return the configured or learned limit, or {@code null} when neither is known
	 */
	synchronized @Nullable Long limit(@Nullable String model) {
		return (this.configured != null) ? this.configured : this.learned.get(key(model));
	}

	/**
	 * Return the estimated tokens of a model's batches in flight.
	 * @param model the model
	 * @return the tokens
	 */
	synchronized long inFlight(@Nullable String model) {
		return this.inFlight.getOrDefault(key(model), 0L);
	}

	/**
	 * Return how many of this client's batches of a model are in flight.
	 * @param model the model
	 * @return the batches
	 */
	synchronized int batchesInFlight(@Nullable String model) {
		return this.batchesInFlight.getOrDefault(key(model), 0);
	}

	private static long limit(Matcher matcher) {
		if (matcher.group(1) != null) {
			return Long.parseLong(matcher.group(1).replace(",", ""));
		}
		BigDecimal value = new BigDecimal(matcher.group(2).replace(",", ""));
		String unit = matcher.group(3).toUpperCase(Locale.ROOT);
		BigDecimal factor = switch (unit) {
			case "K" -> BigDecimal.valueOf(1_000);
			case "M" -> BigDecimal.valueOf(1_000_000);
			default -> BigDecimal.ONE;
		};
		return value.multiply(factor).longValue();
	}

	private static String key(@Nullable String model) {
		return (model != null) ? model.toLowerCase(Locale.ROOT) : "";
	}

}
