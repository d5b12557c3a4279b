package io.github.openaiboot.pool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.openaiboot.core.OpenAiCallObserver;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.retry.OpenAiRetry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One logical client over several accounts. Each attempt of a call goes to a member in
 * rotation (the one with the most headroom, or the first listed, by
 * {@link Strategy}), through that member's pacing; an attempt the member refuses for its
 * rate limit goes on at once to the next member instead of waiting, and a member whose
 * account cannot serve (quota, key, deactivated account, permission) is taken out of
 * rotation until a probe of it succeeds. A stream fails over only before its first
 * chunk. When every member has failed an attempt, the attempt fails with the last
 * member's exception, which names each member's state, and the pool's retry stage
 * decides whether to try again (after the server's hint for a rate limit).
 *
 * @author openai-spring-boot
 */
public final class OpenAiPool implements OpenAiTransport {

	private static final Log logger = LogFactory.getLog(OpenAiPool.class);

	/**
	 * Kinds of failure that take a member out of rotation: its account cannot serve any
	 * call until someone acts.
	 */
	public static final Set<OpenAiErrorKind> OUT_OF_ROTATION_KINDS = EnumSet.of(OpenAiErrorKind.QUOTA_EXCEEDED,
			OpenAiErrorKind.INVALID_API_KEY, OpenAiErrorKind.ACCOUNT_DEACTIVATED, OpenAiErrorKind.AUTHENTICATION,
			OpenAiErrorKind.PERMISSION_DENIED, OpenAiErrorKind.REGION_NOT_SUPPORTED);

	private final String name;

	private final List<PoolMember> members;

	private final Strategy strategy;

	private final OpenAiRetry retry;

	private final OpenAiCallObserver callObserver;

	private final PoolListener listener;

	private final Duration probeInterval;

	private final Clock clock;

	private final AtomicInteger turn = new AtomicInteger();

	private OpenAiPool(Builder builder) {
		this.name = builder.name;
		this.members = List.copyOf(builder.members);
		this.strategy = builder.strategy;
		this.retry = builder.retry;
		this.callObserver = builder.callObserver;
		this.listener = builder.listener;
		this.probeInterval = builder.probeInterval;
		this.clock = builder.clock;
	}

	/**
	 * Start building a pool.
	 * @param name the name of the pool
	 * @param members its members, in the order listed
	 * @return a new builder
	 */
	public static Builder builder(String name, List<PoolMember> members) {
		return new Builder(name, members);
	}

	/**
	 * Return the name of the pool.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the members, in the order listed.
	 * @return the members
	 */
	public List<PoolMember> members() {
		return this.members;
	}

	@Override
	public <T> Mono<T> exchange(OpenAiRequest<T> request) {
		Mono<T> call = Mono.defer(() -> attempt(request, route(request), 0));
		if (request.isRepeatable()) {
			call = this.retry.apply(request, call);
		}
		return this.callObserver.observe(request, call);
	}

	@Override
	public <T> Flux<T> stream(OpenAiRequest<T> request) {
		Flux<T> call = Flux.defer(() -> streamAttempt(request, route(request), 0));
		if (request.isRepeatable()) {
			call = this.retry.apply(request, call);
		}
		return this.callObserver.observeStream(request, call);
	}

	private <T> Mono<T> attempt(OpenAiRequest<T> request, List<PoolMember> route, int index) {
		if (route.isEmpty()) {
			return Mono.error(noMemberInRotation());
		}
		PoolMember member = route.get(index);
		return member.pipeline().attemptOnce(request).onErrorResume(OpenAiException.class, (failure) -> {
			// a body streamed from a Flux was read by the first member
			OpenAiException stop = request.isRepeatable() ? failOver(member, failure, route, index) : failure;
			return (stop != null) ? Mono.error(stop) : attempt(request, route, index + 1);
		});
	}

	private <T> Flux<T> streamAttempt(OpenAiRequest<T> request, List<PoolMember> route, int index) {
		if (route.isEmpty()) {
			return Flux.error(noMemberInRotation());
		}
		PoolMember member = route.get(index);
		AtomicBoolean chunked = new AtomicBoolean();
		return member.pipeline()
			.streamOnce(request)
			.doOnNext((chunk) -> chunked.lazySet(true))
			.onErrorResume(OpenAiException.class, (failure) -> {
				if (chunked.get() || !request.isRepeatable()) {
					return Flux.error(failure);
				}
				OpenAiException stop = failOver(member, failure, route, index);
				return (stop != null) ? Flux.error(stop) : streamAttempt(request, route, index + 1);
			});
	}

	/**
	 * Decide what a failed attempt on a member leads to.
	 * @return the failure to signal, or {@code null} to try the next member
	 */
	private @Nullable OpenAiException failOver(PoolMember member, OpenAiException failure, List<PoolMember> route,
			int index) {
		boolean outOfRotation = OUT_OF_ROTATION_KINDS.contains(failure.kind());
		if (!outOfRotation && failure.kind() != OpenAiErrorKind.RATE_LIMITED) {
			return failure;
		}
		if (outOfRotation) {
			takeOut(member, failure);
		}
		if (index + 1 >= route.size()) {
			return failure.withDetail(states());
		}
		this.listener.onFailover(this.name, member.name(), failure.kind());
		return null;
	}

	private void takeOut(PoolMember member, OpenAiException failure) {
		Instant now = this.clock.instant();
		if (member.takeOut(failure, now, now.plus(this.probeInterval)) && logger.isWarnEnabled()) {
			logger.warn("OpenAI pool '" + this.name + "': member '" + member.name() + "' is out of rotation after "
					+ failure.kind() + ((failure.requestId() != null) ? " (request id " + failure.requestId() + ")"
							: "")
					+ "; it is probed every " + this.probeInterval + " and comes back once a probe succeeds");
		}
	}

	/**
	 * Return the members a call of a model would try, best first, as for one attempt: for
	 * what is pinned to one member, such as a realtime session.
	 * @param model the model
	 * @return the members, at least one
	 * @throws OpenAiException when no member is in rotation
	 * @since 0.1.0
	 */
	public List<PoolMember> route(@Nullable String model) {
		List<PoolMember> route = route(new OpenAiRequest<>(io.github.openaiboot.core.OpenAiOperation.REALTIME_SESSION,
				org.springframework.http.HttpMethod.GET, "/", null, Void.class, model));
		if (route.isEmpty()) {
			throw noMemberInRotation();
		}
		return route;
	}

	/**
	 * Open something pinned to one member, such as a realtime session: on the members a
	 * call of the model would go to, best first, moving on to the next after the failures
	 * that move a call (the member out of credit, its key refused, rate limited), and
	 * taking a member out of rotation as such a failure of a call would. Other failures
	 * end it.
	 * @param <T> what is opened
	 * @param model the model
	 * @param open what opens it on a member
	 * @return what was opened, on the first member that could
	 * @since 0.1.0
	 */
	public <T> Mono<T> pinned(@Nullable String model, Function<PoolMember, Mono<T>> open) {
		return Mono.defer(() -> pinnedAttempt(open, route(model), 0));
	}

	private <T> Mono<T> pinnedAttempt(Function<PoolMember, Mono<T>> open, List<PoolMember> route, int index) {
		PoolMember member = route.get(index);
		return open.apply(member).onErrorResume(OpenAiException.class, (failure) -> {
			OpenAiException stop = failOver(member, failure, route, index);
			return (stop != null) ? Mono.error(stop) : pinnedAttempt(open, route, index + 1);
		});
	}

	/**
	 * The members to try for one attempt, best first: those in rotation, after probing
	 * those out of rotation whose probe is due.
	 */
	private List<PoolMember> route(OpenAiRequest<?> request) {
		Instant now = this.clock.instant();
		List<PoolMember> usable = new ArrayList<>(this.members.size());
		for (PoolMember member : this.members) {
			if (member.inRotation()) {
				usable.add(member);
			}
			else if (member.claimProbe(now, now.plus(this.probeInterval))) {
				probe(member);
			}
		}
		if (this.strategy == Strategy.ORDERED || usable.size() < 2) {
			return usable;
		}
		// in turn among equals, so that members without known limits share the load
		int size = usable.size();
		int start = Math.floorMod(this.turn.getAndIncrement(), size);
		List<PoolMember> rotated = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			rotated.add(usable.get((start + i) % size));
		}
		String model = request.model();
		rotated.sort(Comparator.comparingDouble((PoolMember member) -> member.headroom(model)).reversed());
		return rotated;
	}

	private void probe(PoolMember member) {
		member.probe().subscribe((result) -> {
		}, (failure) -> {
			if (logger.isDebugEnabled()) {
				logger.debug("OpenAI pool '" + this.name + "': probe of member '" + member.name() + "' failed: "
						+ failure.getMessage());
			}
		}, () -> {
			member.restore();
			logger.info("OpenAI pool '" + this.name + "': member '" + member.name() + "' is back in rotation");
		});
	}

	private OpenAiException noMemberInRotation() {
		PoolMember last = this.members.get(this.members.size() - 1);
		PoolMember.OutOfRotation out = last.outOfRotation();
		OpenAiErrorKind kind = (out != null) ? out.kind() : OpenAiErrorKind.UNKNOWN;
		return io.github.openaiboot.error.OpenAiErrorClassifier
			.toException(kind, 0, new io.github.openaiboot.error.OpenAiError(
					"No member of OpenAI pool '" + this.name + "' is in rotation", null, null, null),
					(out != null) ? out.requestId() : null, null)
			.withDetail(states());
	}

	private String states() {
		return "pool '" + this.name + "': "
				+ this.members.stream().map(PoolMember::toString).collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		return "OpenAiPool[" + states() + "]";
	}

	/**
	 * How a pool chooses the member of an attempt.
	 */
	public enum Strategy {

		/**
		 * The member whose pacer can admit the call soonest, in turn among equals.
		 */
		HEADROOM,

		/**
		 * The first member in rotation, in the order listed.
		 */
		ORDERED

	}

	/**
	 * Builder of {@link OpenAiPool}.
	 */
	public static final class Builder {

		private final String name;

		private final List<PoolMember> members;

		private Strategy strategy = Strategy.HEADROOM;

		private OpenAiRetry retry = OpenAiRetry.none();

		private OpenAiCallObserver callObserver = OpenAiCallObserver.NONE;

		private PoolListener listener = PoolListener.NONE;

		private Duration probeInterval = Duration.ofSeconds(30);

		private Clock clock = Clock.systemUTC();

		private Builder(String name, List<PoolMember> members) {
			if (members.isEmpty()) {
				throw new IllegalArgumentException("A pool needs at least one member");
			}
			this.name = name;
			this.members = members;
		}

		/**
		 * Set how an attempt chooses its member.
		 * @param strategy the strategy
		 * @return this builder
		 */
		public Builder strategy(Strategy strategy) {
			this.strategy = strategy;
			return this;
		}

		/**
		 * Set the retry stage that runs when every member failed an attempt.
		 * @param retry the retry stage
		 * @return this builder
		 */
		public Builder retry(OpenAiRetry retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Set the observation stage that wraps every call.
		 * @param callObserver the observer
		 * @return this builder
		 */
		public Builder callObserver(OpenAiCallObserver callObserver) {
			this.callObserver = callObserver;
			return this;
		}

		/**
		 * Set what is told of failovers.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(PoolListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Set how often a member out of rotation is probed.
		 * @param probeInterval the interval
		 * @return this builder
		 */
		public Builder probeInterval(Duration probeInterval) {
			this.probeInterval = probeInterval;
			return this;
		}

		/**
		 * Set the clock that times probes.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Build the pool.
		 * @return the pool
		 */
		public OpenAiPool build() {
			return new OpenAiPool(this);
		}

	}

}
