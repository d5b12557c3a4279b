package io.github.openaiboot.batch;

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
 * {@code token_limit_exceeded} failure named. Batches created elsewhere are not seen,
 * which is why such a failure is also answered by creating the batch again later.
 *
 * @author openai-spring-boot
 */
final class EnqueuedTokens {

	// "Limit: 2,000,000 enqueued tokens", as a failed batch's error says
	private static final Pattern LIMIT = Pattern.compile("Limit:\\s*([0-9][0-9,]*)\\s*enqueued tokens",
			Pattern.CASE_INSENSITIVE);

	private final @Nullable Long configured;

	private final Map<String, Long> inFlight = new HashMap<>();

	private final Map<String, Long> learned = new HashMap<>();

	private final Sinks.Many<String> released = Sinks.many().multicast().directBestEffort();

	EnqueuedTokens(@Nullable Long configured) {
		this.configured = configured;
	}

	/**
	 * Take room for a batch if there is room now. A batch always has room when none of
	 * this model's is in flight, so that one larger than a learned limit still goes.
	 * @param model the batch's model
	 * @param tokens its estimated tokens
	 * @return whether the room was taken
	 */
	synchronized boolean tryReserve(@Nullable String model, long tokens) {
		String key = key(model);
		long current = this.inFlight.getOrDefault(key, 0L);
		Long limit = limit(key);
		if (current > 0 && limit != null && current + tokens > limit) {
			return false;
		}
		this.inFlight.put(key, current + tokens);
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
		return Flux.merge(this.released.asFlux(), Flux.interval(first, recheck, scheduler))
			.filter((signal) -> tryReserve(model, tokens))
			.next()
			.then();
	}

	/**
	 * Give back a batch's room once it has ended.
	 * @param model the batch's model
	 * @param tokens its estimated tokens
	 */
	synchronized void release(@Nullable String model, long tokens) {
		String key = key(model);
		long remaining = this.inFlight.getOrDefault(key, 0L) - tokens;
		if (remaining > 0) {
			this.inFlight.put(key, remaining);
		}
		else {
			this.inFlight.remove(key);
		}
		// emitted under the lock, so never from two threads at once
		this.released.tryEmitNext(key);
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
				this.learned.put(key(model), Long.parseLong(matcher.group(1).replace(",", "")));
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

	private static String key(@Nullable String model) {
		return (model != null) ? model.toLowerCase(Locale.ROOT) : "";
	}

}
