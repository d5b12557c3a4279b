package io.github.openaiboot.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiRateLimitAutoConfiguration;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.error.AuthenticationException;
import io.github.openaiboot.error.ContentFilterException;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.github.openaiboot.error.PermissionDeniedException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageRequest;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.responses.ResponseRequest;
import io.github.openaiboot.responses.ResponsesClient;
import io.github.openaiboot.test.AutoConfigureOpenAiSimulator;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fault the simulator injects, against every client: the documented typed
 * exception (README, "Errors"), as many requests as the retry policy allows for that
 * kind (one for a kind never retried), before the retry deadline, and no connection left
 * acquired or waited for afterwards.
 * <p>
 * A client added later is one more row of {@link #CALLS}; a fault, one more row of
 * {@link #FAULTS}.
 */
@SpringJUnitConfig(FaultMatrixTests.Config.class)
@AutoConfigureOpenAiSimulator
@TestPropertySource(properties = { "openai.retry.initial-backoff=5ms", "openai.retry.max-backoff=20ms",
		"openai.retry.deadline=" + FaultMatrixTests.DEADLINE_SECONDS + "s", "openai.response-timeout=300ms" })
class FaultMatrixTests {

	static final int DEADLINE_SECONDS = 10;

	private static final int MAX_ATTEMPTS = 3;

	private static final PooledConnections connections = new PooledConnections("fault-matrix");

	/**
	 * One row per client call: what it is, which simulator endpoint it reaches, whether it
	 * streams, and how to make it.
	 */
	static final List<Call> CALLS = List.of(
			Call.single("chat", Endpoint.CHAT, (context) -> context.getBean(ChatClient.class).ask("hi")),
			Call.stream("chat stream", Endpoint.CHAT,
					(context) -> context.getBean(ChatClient.class).stream(ChatRequest.builder().user("hi").build())),
			Call.single("embeddings", Endpoint.EMBEDDINGS,
					(context) -> context.getBean(EmbeddingClient.class).embed("text")),
			Call.single("images", Endpoint.IMAGES,
					(context) -> context.getBean(ImageClient.class).generate(ImageRequest.builder("a cat").build())),
			Call.single("models", Endpoint.MODELS, (context) -> context.getBean(ModelsClient.class).list()),
			Call.single("responses", Endpoint.RESPONSES,
					(context) -> context.getBean(ResponsesClient.class)
						.create(ResponseRequest.builder().input("hi").build())),
			Call.stream("responses stream", Endpoint.RESPONSES, (context) -> context.getBean(ResponsesClient.class)
				.stream(ResponseRequest.builder().input("hi").build())));

	/**
	 * One row per fault: the exception and kind the caller gets, and whether it is
	 * retried. Faults that only streams can meet say so.
	 */
	static final List<Expected> FAULTS = List.of(
			Expected.never(SimulatedFault::insufficientQuota, QuotaExceededException.class,
					OpenAiErrorKind.QUOTA_EXCEEDED),
			Expected.never(SimulatedFault::invalidApiKey, AuthenticationException.class,
					OpenAiErrorKind.INVALID_API_KEY),
			Expected.never(SimulatedFault::accountDeactivated, AuthenticationException.class,
					OpenAiErrorKind.ACCOUNT_DEACTIVATED),
			Expected.never(SimulatedFault::unsupportedRegion, PermissionDeniedException.class,
					OpenAiErrorKind.REGION_NOT_SUPPORTED),
			Expected.never(SimulatedFault::contextLengthExceeded, InvalidRequestException.class,
					OpenAiErrorKind.CONTEXT_LENGTH_EXCEEDED),
			Expected.never(SimulatedFault::modelNotFound, InvalidRequestException.class,
					OpenAiErrorKind.MODEL_NOT_FOUND),
			Expected.never(SimulatedFault::requestTooLarge, InvalidRequestException.class,
					OpenAiErrorKind.REQUEST_TOO_LARGE),
			Expected.never(SimulatedFault::contentFiltered, ContentFilterException.class,
					OpenAiErrorKind.CONTENT_FILTERED),
			// a daily limit's hint (28 minutes) is past openai.retry.max-server-delay: fails fast
			Expected.never(() -> SimulatedFault.rateLimited().retryAfter(Duration.ofMinutes(28)).perDay(),
					RateLimitException.class, OpenAiErrorKind.RATE_LIMITED),
			// a stream cut in half ends inside an event (a malformed chunk) or between two (no [DONE])
			Expected.never(SimulatedFault::malformedJson, OpenAiServerException.class,
					OpenAiErrorKind.INVALID_RESPONSE).streamsFailWith(StreamErrorException.class,
							OpenAiErrorKind.INVALID_RESPONSE, OpenAiErrorKind.CONNECTION),
			Expected.retried(SimulatedFault::rateLimited, RateLimitException.class, OpenAiErrorKind.RATE_LIMITED),
			Expected.retried(() -> SimulatedFault.rateLimited().onTokens(), RateLimitException.class,
					OpenAiErrorKind.RATE_LIMITED),
			Expected.retried(SimulatedFault::serverError, OpenAiServerException.class, OpenAiErrorKind.SERVER_ERROR),
			Expected.retried(() -> SimulatedFault.serverError(502), OpenAiServerException.class,
					OpenAiErrorKind.OVERLOADED),
			Expected.retried(SimulatedFault::overloaded, OpenAiServerException.class, OpenAiErrorKind.OVERLOADED),
			Expected.retried(SimulatedFault::connectionReset, OpenAiTransportException.class,
					OpenAiErrorKind.CONNECTION),
			Expected.retried(() -> SimulatedFault.slowResponse(Duration.ofSeconds(2)), OpenAiTransportException.class,
					OpenAiErrorKind.TIMEOUT),
			Expected.streamsOnly(() -> SimulatedFault.errorFrameAfter(2), StreamErrorException.class,
					OpenAiErrorKind.SERVER_ERROR),
			Expected.streamsOnly(() -> SimulatedFault.streamCutAfter(2), StreamErrorException.class,
					OpenAiErrorKind.CONNECTION));

	@Autowired
	private ApplicationContext context;

	@Autowired
	private OpenAiSimulator simulator;

	private static boolean warm;

	/**
	 * Make each call once without a fault, so that the first case does not pay for
	 * loading Netty, WireMock and the codecs inside its short response timeout.
	 */
	@BeforeEach
	void warmUp() {
		if (warm) {
			return;
		}
		for (Call call : CALLS) {
			Flux.from(call.invoke(this.context)).then().onErrorResume((ex) -> Mono.empty()).block(Duration.ofSeconds(30));
		}
		this.simulator.reset();
		warm = true;
	}

	static Stream<Arguments> matrix() {
		return FAULTS.stream()
			.flatMap((expected) -> CALLS.stream()
				.filter((call) -> call.streaming() || !expected.streamsOnly())
				.map((call) -> Arguments.of(expected, call)));
	}

	@ParameterizedTest(name = "{0} on {1}")
	@MethodSource("matrix")
	void eachFaultEndsInItsTypedExceptionWithinTheDeadline(Expected expected, Call call) {
		this.simulator.inject(expected.fault().get()).on(call.endpoint());
		Class<? extends OpenAiException> type = expected.type(call);
		Set<OpenAiErrorKind> kinds = expected.kinds(call);
		StepVerifier.create(Flux.from(call.invoke(this.context)).then())
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(type);
				OpenAiException failure = (OpenAiException) ex;
				assertThat(failure.kind()).isIn(kinds);
				assertThat(failure.getMessage()).isNotBlank()
					.doesNotContain("deadline")
					.doesNotContain(SimulatorKey.VALUE);
			})
			// a hang guard, not a timing assertion: the deadline itself would end the call with TIMEOUT
			.verify(Duration.ofSeconds(DEADLINE_SECONDS * 3));
		assertThat(this.simulator.requestCount(call.endpoint())).as("requests sent")
			.isEqualTo(expected.retried() ? MAX_ATTEMPTS : 1);
		String settled = connections.awaitSettled();
		assertThat(connections.isObserved()).as("the clients use the observed pool (%s)", settled).isTrue();
	}

	@AfterAll
	static void disposeConnections() {
		connections.dispose();
	}

	/**
	 * A client call of the matrix.
	 * @param name what the call is, as the test names it
	 * @param endpoint the simulator endpoint it reaches
	 * @param streaming whether it is a stream
	 * @param call how to make it
	 */
	record Call(String name, Endpoint endpoint, boolean streaming,
			Function<ApplicationContext, Publisher<?>> call) {

		static Call single(String name, Endpoint endpoint, Function<ApplicationContext, Publisher<?>> call) {
			return new Call(name, endpoint, false, call);
		}

		static Call stream(String name, Endpoint endpoint, Function<ApplicationContext, Publisher<?>> call) {
			return new Call(name, endpoint, true, call);
		}

		Publisher<?> invoke(ApplicationContext context) {
			return this.call.apply(context);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * What a fault ends in.
	 * @param fault the fault, made afresh for each case
	 * @param type the exception the caller gets
	 * @param kind its kind
	 * @param retried whether the retry policy makes every attempt
	 * @param streamsOnly whether only streams can meet the fault
	 * @param streamType the exception a stream gets, when it differs
	 * @param streamKinds the kinds it may have
	 */
	record Expected(Supplier<SimulatedFault> fault, Class<? extends OpenAiException> type, OpenAiErrorKind kind,
			boolean retried, boolean streamsOnly, Class<? extends OpenAiException> streamType,
			Set<OpenAiErrorKind> streamKinds) {

		static Expected never(Supplier<SimulatedFault> fault, Class<? extends OpenAiException> type,
				OpenAiErrorKind kind) {
			return new Expected(fault, type, kind, false, false, type, Set.of(kind));
		}

		static Expected retried(Supplier<SimulatedFault> fault, Class<? extends OpenAiException> type,
				OpenAiErrorKind kind) {
			return new Expected(fault, type, kind, true, false, type, Set.of(kind));
		}

		static Expected streamsOnly(Supplier<SimulatedFault> fault, Class<? extends OpenAiException> type,
				OpenAiErrorKind kind) {
			return new Expected(fault, type, kind, false, true, type, Set.of(kind));
		}

		Expected streamsFailWith(Class<? extends OpenAiException> type, OpenAiErrorKind... kinds) {
			return new Expected(this.fault, this.type, this.kind, this.retried, this.streamsOnly, type, Set.of(kinds));
		}

		Class<? extends OpenAiException> type(Call call) {
			return call.streaming() ? this.streamType : this.type;
		}

		Set<OpenAiErrorKind> kinds(Call call) {
			return call.streaming() ? this.streamKinds : Set.of(this.kind);
		}

		@Override
		public String toString() {
			return this.fault.get().toString();
		}

	}

	/**
	 * The key the simulator's context sends, which no message may show.
	 */
	static final class SimulatorKey {

		static final String VALUE = "sk-simulator";

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ WebClientAutoConfiguration.class, OpenAiRateLimitAutoConfiguration.class,
			OpenAiAutoConfiguration.class })
	static class Config {

		@Bean
		ClientHttpConnectorBuilder<?> observedConnector() {
			return connections.connectorBuilder();
		}

	}

}
