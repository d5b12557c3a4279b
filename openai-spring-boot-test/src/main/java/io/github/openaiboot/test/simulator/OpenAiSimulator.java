package io.github.openaiboot.test.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A fake OpenAI API on a local port, answering chat completions (plain and streamed, with tool calls), responses
 * (plain and streamed, with function calls, kept for {@code previous_response_id}), embeddings, image generations and
 * models like the real service, and misbehaving on demand through
 * {@link #inject(SimulatedFault)} and {@link #rateLimit(String, int, int)}.
 * <p>
 * Free of JUnit and Spring so that applications can also run it in-process. Thread-safe.
 *
 * <pre class="code">
 * try (OpenAiSimulator simulator = OpenAiSimulator.builder().streamChunks(5).build().start()) {
 *     simulator.inject(SimulatedFault.insufficientQuota()).on(Endpoint.CHAT).times(1);
 *     // point the client at simulator.baseUrl()
 * }
 * </pre>
 *
 * @author OpenAI Spring Boot contributors
 */
public final class OpenAiSimulator implements AutoCloseable {

	private final int requestedPort;

	private final RequestJournal journal = new RequestJournal();

	private final FaultRegistry faults;

	private final RateLimiter rateLimiter;

	private final SimulatorResponseTransformer transformer;

	private final ImagesResponder images;

	private final ResponsesResponder responses;

	private final FilesResponder files;

	private final FineTuningResponder fineTuning;

	private final BatchesResponder batches;

	private final UploadsResponder uploads;

	private final boolean azure;

	private final List<FaultInjection> quotaFaults = new ArrayList<>();

	private final RealtimeSimulation realtime = new RealtimeSimulation();

	private @Nullable WireMockServer server;

	private OpenAiSimulator(Builder builder) {
		this.requestedPort = builder.port;
		this.faults = new FaultRegistry(builder.seed);
		this.rateLimiter = new RateLimiter(builder.clock, builder.rateLimits, builder.defaultRateLimit);
		this.images = new ImagesResponder(builder.clock, this::baseUrl);
		this.responses = new ResponsesResponder(builder.clock, builder.streamChunks);
		this.files = new FilesResponder(builder.clock);
		ChatCompletionResponder chat = new ChatCompletionResponder(builder.clock, builder.streamChunks);
		this.fineTuning = new FineTuningResponder(builder.clock);
		this.batches = new BatchesResponder(builder.clock, this.files, chat, new EmbeddingsResponder());
		this.uploads = new UploadsResponder(builder.clock, this.files);
		this.transformer = new SimulatorResponseTransformer(this.journal, this.faults, this.rateLimiter, chat,
				this.responses, this.images, this.files, this.fineTuning, this.batches, this.uploads,
				builder.chunkDelay, builder.azure);
		this.azure = builder.azure;
	}

	/**
	 * Returns a builder for a simulator.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the simulator; does nothing if it is already running.
	 * @return this simulator
	 */
	public synchronized OpenAiSimulator start() {
		if (this.server == null) {
			WireMockConfiguration options = WireMockConfiguration.options()
				.bindAddress("127.0.0.1")
				.containerThreads(64)
				.gzipDisabled(true)
				.jettyStopTimeout(100L)
				.disableRequestJournal()
				.extensions(this.transformer);
			if (this.requestedPort == 0) {
				options.dynamicPort();
			}
			else {
				options.port(this.requestedPort);
			}
			WireMockServer server = new WireMockServer(options);
			server.start();
			server.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.ok()));
			this.server = server;
			this.realtime.start();
		}
		return this;
	}

	/**
	 * Stops the simulator; does nothing if it is not running.
	 */
	public synchronized void stop() {
		if (this.server != null) {
			this.realtime.stop();
			this.server.stop();
			this.server = null;
		}
	}

	/**
	 * Stops the simulator.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Returns whether the simulator is running.
	 * @return whether it serves requests
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Returns the port the simulator listens on.
	 * @return the port
	 * @throws IllegalStateException if the simulator is not running
	 */
	public synchronized int port() {
		if (this.server == null) {
			throw new IllegalStateException("OpenAiSimulator is not running");
		}
		return this.server.port();
	}

	/**
	 * Returns the endpoint of an Azure OpenAI resource to configure clients with
	 * ({@code openai.clients.<name>.endpoint}), {@code http://localhost:{port}}.
	 * @return the endpoint
	 * @throws IllegalStateException if the simulator is not running
	 */
	public String endpoint() {
		return "http://localhost:" + port();
	}

	/**
	 * Returns whether the simulator answers as an Azure OpenAI resource.
	 * @return whether it is in Azure mode
	 */
	public boolean isAzure() {
		return this.azure;
	}

	/**
	 * Makes every later chat, responses, embeddings and images request fail as an account out of
	 * credit does ({@code 429 insufficient_quota}), as when a running account's billing
	 * runs out; the models listing keeps working, as it does on the real API.
	 */
	public void exhaustQuota() {
		synchronized (this.quotaFaults) {
			if (this.quotaFaults.isEmpty()) {
				for (Endpoint endpoint : new Endpoint[] { Endpoint.CHAT, Endpoint.EMBEDDINGS, Endpoint.IMAGES,
						Endpoint.RESPONSES, Endpoint.AUDIO }) {
					this.quotaFaults.add(this.faults.add(SimulatedFault.insufficientQuota()).on(endpoint));
				}
			}
		}
	}

	/**
	 * Undoes {@link #exhaustQuota()}.
	 */
	public void restoreQuota() {
		synchronized (this.quotaFaults) {
			this.quotaFaults.forEach(FaultInjection::cancel);
			this.quotaFaults.clear();
		}
	}

	/**
	 * Returns the base URL to configure clients with, {@code http://localhost:{port}/v1}.
	 * @return the base URL
	 * @throws IllegalStateException if the simulator is not running
	 */
	public String baseUrl() {
		return "http://localhost:" + port() + "/v1";
	}

	/**
	 * Returns the WebSocket URL of the simulated Realtime API, on a port of its own,
	 * {@code ws://127.0.0.1:{port}/v1/realtime} (for Azure OpenAI {@code …/openai/v1/realtime}), to set as
	 * {@code openai.realtime.url}.
	 * @return the URL
	 * @throws IllegalStateException if the simulator is not running
	 */
	public String realtimeUrl() {
		port();
		return "ws://127.0.0.1:" + this.realtime.port() + (this.azure ? "/openai/v1/realtime" : "/v1/realtime");
	}

	/**
	 * Returns the simulated Realtime API: its faults and what it received.
	 * @return the realtime simulation
	 */
	public RealtimeSimulation realtime() {
		return this.realtime;
	}

	/**
	 * Schedules a fault. It hits every request until narrowed with {@link FaultInjection#times(int)},
	 * {@link FaultInjection#fraction(double)} or {@link FaultInjection#on(Endpoint)}, or until {@link #reset()}.
	 * When several faults match a request, the one injected first wins.
	 * @param fault the fault
	 * @return the injection, to narrow
	 */
	public FaultInjection inject(SimulatedFault fault) {
		return this.faults.add(fault);
	}

	/**
	 * Removes all injected faults.
	 */
	public void clearFaults() {
		this.faults.clear();
	}

	/**
	 * Enforces requests-per-minute and tokens-per-minute limits for one model, with a full budget. A request costs
	 * one request and its prompt estimate plus {@code max_completion_tokens} or {@code max_tokens} (16 when absent)
	 * tokens; embeddings cost their prompt tokens, images no tokens.
	 * @param model the model name as sent in requests
	 * @param requestsPerMinute the RPM limit
	 * @param tokensPerMinute the TPM limit
	 */
	public void rateLimit(String model, int requestsPerMinute, int tokensPerMinute) {
		this.rateLimiter.limit(model, new RateLimiter.Limits(requestsPerMinute, tokensPerMinute));
	}

	/**
	 * Enforces requests-per-minute and tokens-per-minute limits for every model without its own limit, each model
	 * with its own budget.
	 * @param requestsPerMinute the RPM limit
	 * @param tokensPerMinute the TPM limit
	 */
	public void defaultRateLimit(int requestsPerMinute, int tokensPerMinute) {
		this.rateLimiter.defaultLimit(new RateLimiter.Limits(requestsPerMinute, tokensPerMinute));
	}

	/**
	 * Returns how many requests an endpoint received, including those answered with a fault.
	 * @param endpoint the endpoint
	 * @return the request count
	 */
	public long requestCount(Endpoint endpoint) {
		return this.journal.count(endpoint);
	}

	/**
	 * Returns how many requests the simulator received, including those to unknown paths.
	 * @return the request count
	 */
	public long requestCount() {
		return this.journal.count();
	}

	/**
	 * Returns the bodies an endpoint received, oldest first.
	 * @param endpoint the endpoint
	 * @return the JSON bodies as sent
	 */
	public List<String> receivedBodies(Endpoint endpoint) {
		return this.journal.bodies(endpoint);
	}

	/**
	 * Clears faults, request counts and bodies and stored responses, and restores the rate limits given to the
	 * builder with full budgets.
	 */
	public void reset() {
		synchronized (this.quotaFaults) {
			this.quotaFaults.clear();
		}
		this.faults.clear();
		this.journal.clear();
		this.rateLimiter.reset();
		this.responses.stored().clear();
		this.files.reset();
		this.fineTuning.reset();
		this.batches.reset();
		this.uploads.reset();
		this.realtime.reset();
	}

	/**
	 * Returns the ids of the files uploaded to {@code /v1/files} and not deleted, oldest
	 * first.
	 * @return the file ids
	 */
	public List<String> fileIds() {
		return this.files.ids();
	}

	/**
	 * Makes the lines of batches with these custom ids fail (a 400 in the batch's error
	 * file) rather than be answered, until {@link #reset()}. Fine-tuning jobs move through
	 * their stages, and batches complete, on the builder's {@link Builder#clock(Clock)
	 * clock}: a job spends 10 seconds in each of {@code validating_files}, {@code queued}
	 * and {@code running} (twice, a checkpoint between) before it succeeds; a batch
	 * completes 30 seconds after it was created.
	 * @param customIds the custom ids, such as {@code request-1}
	 */
	public void failBatchLines(String... customIds) {
		this.batches.failLines(List.of(customIds));
	}

	/**
	 * Limit the prompt tokens the batches of one model may have enqueued at once, until
	 * {@link #reset()}: a batch whose estimated tokens (about one per four bytes of its
	 * lines), with those of the other batches of its model in progress, are over the limit
	 * fails validation with {@code token_limit_exceeded} and OpenAI's message naming the
	 * limit.
	 * @param limit the limit, in tokens
	 */
	public void limitBatchEnqueuedTokens(long limit) {
		this.batches.limitEnqueuedTokens(limit);
	}

	/**
	 * Returns the PNG the simulator hands out for every generated image.
	 * @return the image bytes
	 */
	public byte[] imageBytes() {
		return this.images.png();
	}

	/**
	 * Builds an {@link OpenAiSimulator}.
	 */
	public static final class Builder {

		private int port;

		private int streamChunks;

		private Duration chunkDelay = Duration.ZERO;

		private Clock clock = Clock.systemUTC();

		private long seed = 42;

		private boolean azure;

		private final Map<String, RateLimiter.Limits> rateLimits = new LinkedHashMap<>();

		private RateLimiter.@Nullable Limits defaultRateLimit;

		private Builder() {
		}

		/**
		 * Sets the port to listen on; {@code 0}, the default, picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Sets how many content chunks a streamed answer is split into; by default one chunk per word (or per eight
		 * characters of tool-call arguments), as a tokenizer would.
		 * @param chunks the number of content chunks
		 * @return this builder
		 */
		public Builder streamChunks(int chunks) {
			if (chunks < 1) {
				throw new IllegalArgumentException("chunks must be positive");
			}
			this.streamChunks = chunks;
			return this;
		}

		/**
		 * Sets the pause between streamed frames; the stream is written in timed pieces, so a client sees it arrive
		 * over time. Zero by default.
		 * @param delay the pause per frame
		 * @return this builder
		 */
		public Builder chunkDelay(Duration delay) {
			this.chunkDelay = delay;
			return this;
		}

		/**
		 * Sets the clock that drives rate-limit refill and {@code created} timestamps.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Sets the seed of the random source behind {@link FaultInjection#fraction(double)}.
		 * @param seed the seed
		 * @return this builder
		 */
		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		/**
		 * Enforces limits for one model from the start and after every {@link OpenAiSimulator#reset()}.
		 * @param model the model name
		 * @param requestsPerMinute the RPM limit
		 * @param tokensPerMinute the TPM limit
		 * @return this builder
		 */
		public Builder rateLimit(String model, int requestsPerMinute, int tokensPerMinute) {
			this.rateLimits.put(model, new RateLimiter.Limits(requestsPerMinute, tokensPerMinute));
			return this;
		}

		/**
		 * Enforces limits for every other model from the start and after every {@link OpenAiSimulator#reset()}.
		 * @param requestsPerMinute the RPM limit
		 * @param tokensPerMinute the TPM limit
		 * @return this builder
		 */
		public Builder defaultRateLimit(int requestsPerMinute, int tokensPerMinute) {
			this.defaultRateLimit = new RateLimiter.Limits(requestsPerMinute, tokensPerMinute);
			return this;
		}

		/**
		 * Answers as an Azure OpenAI resource: paths under {@code /openai/v1} and, with an
		 * {@code api-version} query parameter, {@code /openai/deployments/{deployment}} and
		 * {@code /openai}; requests need an {@code api-key} header or a bearer token; error
		 * bodies and request ids are Azure's. A deployment in the path is the model of a
		 * request that names none.
		 * @return this builder
		 */
		public Builder azure() {
			this.azure = true;
			return this;
		}

		/**
		 * Builds the simulator, not yet started.
		 * @return the simulator
		 */
		public OpenAiSimulator build() {
			return new OpenAiSimulator(this);
		}

	}

}
