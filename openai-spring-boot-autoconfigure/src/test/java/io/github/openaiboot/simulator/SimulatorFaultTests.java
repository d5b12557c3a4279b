package io.github.openaiboot.simulator;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.error.AuthenticationException;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.OpenAiTransportException;
import io.github.openaiboot.error.PermissionDeniedException;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.error.RateLimitDimension;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.error.StreamErrorException;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.Endpoint;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.SimulatedFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each fault the simulator can inject, seen through the auto-configured clients with
 * their default retry: the typed exception the caller gets, and how many requests
 * reached the server.
 */
class SimulatorFaultTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(
			OpenAiSimulator.builder().streamChunks(6));

	private final ApplicationContextRunner contextRunner = SimulatorContexts.clientsRetryingFast(openai);

	@Test
	void insufficientQuotaIsNeverRetried() {
		openai.simulator().inject(SimulatedFault.insufficientQuota());
		assertChatFails(QuotaExceededException.class, OpenAiErrorKind.QUOTA_EXCEEDED, 1);
	}

	@Test
	void invalidApiKeyIsNeverRetried() {
		openai.simulator().inject(SimulatedFault.invalidApiKey());
		assertChatFails(AuthenticationException.class, OpenAiErrorKind.INVALID_API_KEY, 1);
	}

	@Test
	void deactivatedAccountIsNeverRetried() {
		openai.simulator().inject(SimulatedFault.accountDeactivated());
		assertChatFails(AuthenticationException.class, OpenAiErrorKind.ACCOUNT_DEACTIVATED, 1);
	}

	@Test
	void unsupportedRegionIsNeverRetried() {
		openai.simulator().inject(SimulatedFault.unsupportedRegion());
		assertChatFails(PermissionDeniedException.class, OpenAiErrorKind.REGION_NOT_SUPPORTED, 1);
	}

	@Test
	void contextLengthExceededIsNeverRetried() {
		openai.simulator().inject(SimulatedFault.contextLengthExceeded());
		assertChatFails(InvalidRequestException.class, OpenAiErrorKind.CONTEXT_LENGTH_EXCEEDED, 1);
	}

	@Test
	void unknownModelIsNeverRetried() {
		this.contextRunner.run((context) -> StepVerifier.create(context.getBean(ModelsClient.class).retrieve("gpt-9"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidRequestException.class)
				.extracting("kind")
				.isEqualTo(OpenAiErrorKind.MODEL_NOT_FOUND))
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.MODELS)).isOne();
	}

	@Test
	void requestTooLargeForTheWholeLimitIsNeverRetried() {
		openai.simulator().inject(SimulatedFault.requestTooLarge());
		assertChatFails(InvalidRequestException.class, OpenAiErrorKind.REQUEST_TOO_LARGE, 1,
				(ex) -> assertThat(ex).hasMessageContaining("[limit: tokens per minute (TPM)]"));
	}

	@Test
	void dailyRateLimitFailsFastWithItsDimensionAndHint() {
		openai.simulator().inject(SimulatedFault.rateLimited().retryAfter(Duration.ofMinutes(28)).perDay());
		assertChatFails(RateLimitException.class, OpenAiErrorKind.RATE_LIMITED, 1, (ex) -> {
			assertThat(((RateLimitException) ex).dimension()).contains(RateLimitDimension.REQUESTS_PER_DAY);
			assertThat(ex.retryAfter()).contains(Duration.ofMinutes(28));
			assertThat(ex).hasMessageContaining("more than the maximum server delay");
		});
	}

	@Test
	void persistentServerErrorFailsAfterMaxAttempts() {
		openai.simulator().inject(SimulatedFault.serverError());
		assertChatFails(OpenAiServerException.class, OpenAiErrorKind.SERVER_ERROR, 3);
	}

	@Test
	void persistentOverloadFailsAfterMaxAttemptsSayingSo() {
		openai.simulator().inject(SimulatedFault.overloaded());
		assertChatFails(OpenAiServerException.class, OpenAiErrorKind.OVERLOADED, 3,
				(ex) -> assertThat(ex).hasMessageContaining("3 attempts"));
	}

	@Test
	void transientRateLimitIsRetriedAfterTheHint() {
		openai.simulator().inject(SimulatedFault.rateLimited().retryAfterMs(50)).times(1);
		assertChatSucceeds(2);
	}

	@Test
	void persistentRateLimitFailsAfterMaxAttempts() {
		openai.simulator().inject(SimulatedFault.rateLimited());
		assertChatFails(RateLimitException.class, OpenAiErrorKind.RATE_LIMITED, 3,
				(ex) -> assertThat(ex.retryAfter()).isPresent());
	}

	@Test
	void connectionResetIsRetriedThenSucceeds() {
		openai.simulator().inject(SimulatedFault.connectionReset()).times(2);
		assertChatSucceeds(3);
	}

	@Test
	void persistentConnectionResetFailsWithATransportException() {
		openai.simulator().inject(SimulatedFault.connectionReset());
		assertChatFails(OpenAiTransportException.class, OpenAiErrorKind.CONNECTION, 3);
	}

	@Test
	void slowResponseTimesOutPerAttemptAndIsRetried() {
		openai.simulator().inject(SimulatedFault.slowResponse(Duration.ofSeconds(2))).times(1);
		this.contextRunner.withPropertyValues("openai.response-timeout=300ms")
			.run((context) -> StepVerifier.create(context.getBean(ChatClient.class).ask("hi"))
				.expectNextMatches((answer) -> answer.startsWith("Simulated answer to: hi"))
				.expectComplete()
				.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(2);
	}

	@Test
	void malformedJsonIsAnInvalidResponse() {
		openai.simulator().inject(SimulatedFault.malformedJson());
		assertChatFails(OpenAiServerException.class, OpenAiErrorKind.INVALID_RESPONSE, 1);
	}

	@Test
	void errorFrameMidStreamEmitsTheChunksThenFailsWithoutRetry() {
		openai.simulator().inject(SimulatedFault.errorFrameAfter(3));
		assertStreamFails(3);
	}

	@Test
	void streamCutBeforeDoneEmitsTheChunksThenFailsWithoutRetry() {
		openai.simulator().inject(SimulatedFault.streamCutAfter(3));
		assertStreamFails(3);
	}

	@Test
	void overloadBeforeTheFirstChunkIsRetriedAndTheStreamCompletes() {
		openai.simulator().inject(SimulatedFault.overloaded()).times(1);
		this.contextRunner.run((context) -> {
			List<ChatCompletionChunk> chunks = context.getBean(ChatClient.class)
				.stream(ChatRequest.builder().user("hi").build())
				.collectList()
				.block(TIMEOUT);
			assertThat(chunks).isNotEmpty();
			assertThat(chunks.get(chunks.size() - 1).usage()).isNotNull();
		});
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(2);
	}

	@Test
	void faultOnOneEndpointLeavesTheOthersAlone() {
		openai.simulator().inject(SimulatedFault.insufficientQuota()).on(Endpoint.EMBEDDINGS);
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(EmbeddingClient.class).embed("text"))
				.expectError(QuotaExceededException.class)
				.verify(TIMEOUT);
			StepVerifier.create(context.getBean(ChatClient.class).ask("hi"))
				.expectNextCount(1)
				.expectComplete()
				.verify(TIMEOUT);
		});
		assertThat(openai.simulator().requestCount(Endpoint.EMBEDDINGS)).isOne();
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isOne();
	}

	private void assertChatSucceeds(int expectedRequests) {
		this.contextRunner.run((context) -> StepVerifier.create(context.getBean(ChatClient.class).ask("hi"))
			.expectNextMatches((answer) -> answer.startsWith("Simulated answer to: hi"))
			.expectComplete()
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(expectedRequests);
	}

	private void assertChatFails(Class<? extends OpenAiException> type, OpenAiErrorKind kind, int expectedRequests) {
		assertChatFails(type, kind, expectedRequests, (ex) -> {
		});
	}

	private void assertChatFails(Class<? extends OpenAiException> type, OpenAiErrorKind kind, int expectedRequests,
			Consumer<OpenAiException> more) {
		this.contextRunner.run((context) -> StepVerifier.create(context.getBean(ChatClient.class).ask("hi"))
			.expectErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(type);
				OpenAiException failure = (OpenAiException) ex;
				assertThat(failure.kind()).isEqualTo(kind);
				if (failure.statusCode() > 0) {
					assertThat(failure.requestId()).startsWith("req_");
				}
				assertThat(failure.getMessage()).doesNotContain("sk-test");
				more.accept(failure);
			})
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isEqualTo(expectedRequests);
	}

	private void assertStreamFails(int expectedChunks) {
		this.contextRunner.run((AssertableApplicationContext context) -> StepVerifier
			.create(context.getBean(ChatClient.class)
				.stream(ChatRequest.builder().user("tell me a long story please").build())
				.filter((chunk) -> !chunk.content().isEmpty()))
			.expectNextCount(expectedChunks)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(StreamErrorException.class)
				.hasMessageContaining("chunk"))
			.verify(TIMEOUT));
		assertThat(openai.simulator().requestCount(Endpoint.CHAT)).isOne();
	}

}
