package io.github.openaiboot.embedding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.openaiboot.core.OpenAiJson;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.OpenAiTransport;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.retry.OpenAiRetry;
import io.github.openaiboot.retry.OpenAiRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link EmbeddingClient#embedAll(Flux, EmbedAllOptions)} and the splitting of
 * large requests.
 */
class EmbedAllTests {

	/**
	 * Answers every embeddings call with vector {@code [n]} for input text {@code "t<n>"},
	 * in reverse order, and delays calls whose first text ends in 0 so that later calls
	 * finish first.
	 */
	static final class EchoTransformer implements ResponseDefinitionTransformerV2 {

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			JsonNode body = OpenAiJson.mapper().readTree(serveEvent.getRequest().getBodyAsString());
			List<String> items = new ArrayList<>();
			JsonNode input = body.get("input");
			for (int local = input.size() - 1; local >= 0; local--) {
				int global = Integer.parseInt(input.get(local).asString().substring(1));
				items.add("{\"object\":\"embedding\",\"index\":" + local + ",\"embedding\":[" + global + ".0]}");
			}
			String json = "{\"object\":\"list\",\"data\":[" + String.join(",", items)
					+ "],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":" + input.size()
					+ ",\"total_tokens\":" + input.size() + "}}";
			boolean slow = input.get(0).asString().endsWith("0");
			return aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody(json)
				.withFixedDelay(slow ? 150 : 0)
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return false;
		}

		@Override
		public String getName() {
			return "echo-embeddings";
		}

	}

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(new EchoTransformer()))
		.build();

	private static final Duration TIMEOUT = TestPipelines.TIMEOUT;

	private static List<String> texts(int count) {
		return IntStream.range(0, count).mapToObj((i) -> "t" + i).toList();
	}

	private void stubEcho() {
		wm.stubFor(post("/v1/embeddings").willReturn(aResponse().withTransformers("echo-embeddings")));
	}

	private DefaultEmbeddingClient client(OpenAiTransport transport, int concurrency, int maxTokens) {
		return new DefaultEmbeddingClient(transport, EmbeddingDefaults.of("text-embedding-3-small"), concurrency,
				maxTokens);
	}

	@Test
	void embedAllSplitsByCountAndTokensAndKeepsInputOrderWhileCallsFinishOutOfOrder() {
		stubEcho();
		// "t0".."t9999" are 2 to 5 bytes: at most 6,000 bytes per call gives calls of
		// about 1,200 texts, below 2,048 by count.
		int total = 10_000;
		List<Embedding> embeddings = client(TestPipelines.pipeline(wm.baseUrl()), 4, 6_000)
			.embedAll(texts(total))
			.collectList()
			.block(TIMEOUT);
		assertThat(embeddings).hasSize(total);
		for (int i = 0; i < total; i++) {
			assertThat(embeddings.get(i).index()).isEqualTo(i);
			assertThat(embeddings.get(i).embedding()).containsExactly(i);
		}
		List<JsonNode> bodies = TestPipelines.requestBodies(wm);
		assertThat(bodies).hasSizeGreaterThan(total / 2048);
		int sent = 0;
		for (JsonNode body : bodies) {
			int bytes = 0;
			for (JsonNode text : body.get("input")) {
				bytes += text.asString().length();
			}
			assertThat(bytes).isLessThanOrEqualTo(6_000);
			assertThat(body.get("input").size()).isLessThanOrEqualTo(EmbeddingRequest.MAX_INPUTS_PER_CALL);
			assertThat(body.get("model").asString()).isEqualTo("text-embedding-3-small");
			sent += body.get("input").size();
		}
		assertThat(sent).isEqualTo(total);
	}

	@Test
	void embedAllCutsByCountWhenTextsAreShort() {
		stubEcho();
		List<Embedding> embeddings = client(TestPipelines.pipeline(wm.baseUrl()), 2, 300_000)
			.embedAll(Flux.fromIterable(texts(2 * 2048 + 1)))
			.collectList()
			.block(TIMEOUT);
		assertThat(embeddings).extracting(Embedding::index).containsExactlyElementsOf(IntStream.range(0, 4097).boxed().toList());
		assertThat(TestPipelines.requestBodies(wm)).extracting((body) -> body.get("input").size())
			.containsExactlyInAnyOrder(2048, 2048, 1);
	}

	@Test
	void embedSplitsARequestOverTheTokenLimitAndSumsUsage() {
		stubEcho();
		EmbeddingResponse response = client(TestPipelines.pipeline(wm.baseUrl()), 4, 5)
			.embed(EmbeddingRequest.of("t1", "t2", "t3", "t4", "t5"))
			.block(TIMEOUT);
		assertThat(response.vectors()).extracting((vector) -> vector[0]).containsExactly(1f, 2f, 3f, 4f, 5f);
		assertThat(response.data()).extracting(Embedding::index).containsExactly(0, 1, 2, 3, 4);
		assertThat(response.usage().promptTokens()).isEqualTo(5);
		assertThat(response.usage().totalTokens()).isEqualTo(5);
		wm.verify(exactly(3), postRequestedFor(urlEqualTo("/v1/embeddings")));
	}

	@Test
	void aFailedCallIsRetriedAloneAndTheOthersAreSentOnce() {
		stubEcho();
		wm.stubFor(post("/v1/embeddings").withRequestBody(containing("\"t2048\""))
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}"))
			.willSetStateTo("recovered"));
		wm.stubFor(post("/v1/embeddings").withRequestBody(containing("\"t2048\""))
			.inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withTransformers("echo-embeddings")));
		List<Embedding> embeddings = client(retryingPipeline(), 4, 300_000).embedAll(texts(3 * 2048))
			.collectList()
			.block(TIMEOUT);
		assertThat(embeddings).hasSize(3 * 2048);
		assertThat(embeddings.get(2048).embedding()).containsExactly(2048);
		wm.verify(exactly(4), postRequestedFor(urlEqualTo("/v1/embeddings")));
		wm.verify(exactly(2), postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(containing("\"t2048\"")));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/embeddings")).withRequestBody(containing("\"t0\"")));
	}

	@Test
	void aCallThatFailsForGoodEndsTheStreamAfterEveryVectorBeforeIt() {
		stubEcho();
		wm.stubFor(post("/v1/embeddings").withRequestBody(containing("\"t2048\""))
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));
		List<Integer> received = new CopyOnWriteArrayList<>();
		StepVerifier.create(client(TestPipelines.pipeline(wm.baseUrl()), 1, 300_000).embedAll(texts(3 * 2048))
			.doOnNext((embedding) -> received.add(embedding.index())))
			.expectNextCount(2048)
			.expectError(OpenAiServerException.class)
			.verify(TIMEOUT);
		assertThat(received).containsExactlyElementsOf(IntStream.range(0, 2048).boxed().toList());
	}

	@Test
	void anEmptyTextFailsNamingItsIndexBeforeAnythingIsSent() {
		stubEcho();
		StepVerifier.create(client(TestPipelines.pipeline(wm.baseUrl()), 4, 300_000)
			.embedAll(List.of("t0", "t1", "", "t3")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Text at index 2 is empty; OpenAI rejects empty embedding inputs"))
			.verify(TIMEOUT);
		wm.verify(exactly(0), postRequestedFor(urlEqualTo("/v1/embeddings")));
	}

	@Test
	void keepsAtMostTheConfiguredCallsInFlightAndReadsTextsOnlyAsFastAsCallsComplete() {
		List<Sinks.One<EmbeddingResponse>> calls = new CopyOnWriteArrayList<>();
		List<EmbeddingRequest> requests = new CopyOnWriteArrayList<>();
		OpenAiTransport transport = new OpenAiTransport() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> Mono<T> exchange(OpenAiRequest<T> request) {
				Sinks.One<EmbeddingResponse> sink = Sinks.one();
				calls.add(sink);
				requests.add((EmbeddingRequest) request.body());
				return (Mono<T>) sink.asMono();
			}

			@Override
			public <T> Flux<T> stream(OpenAiRequest<T> request) {
				throw new UnsupportedOperationException();
			}

		};
		AtomicLong pulled = new AtomicLong();
		Flux<String> source = Flux.range(0, 100_000).map((i) -> "t" + i).doOnNext((text) -> pulled.incrementAndGet());
		List<Embedding> received = new CopyOnWriteArrayList<>();
		client(transport, 3, 300_000).embedAll(source).subscribe(received::add);
		assertThat(calls).hasSize(3);
		long pulledWhileWaiting = pulled.get();
		assertThat(pulledWhileWaiting).isLessThan(5 * 2048);
		// The second call finishes first: nothing is emitted until the first does, and
		// a finished call waiting for an earlier one still counts as in flight.
		calls.get(1).tryEmitValue(echo(requests.get(1)));
		assertThat(received).isEmpty();
		assertThat(calls).hasSize(3);
		calls.get(0).tryEmitValue(echo(requests.get(0)));
		assertThat(received).hasSize(2 * 2048);
		assertThat(received).extracting(Embedding::index)
			.containsExactlyElementsOf(IntStream.range(0, 2 * 2048).boxed().toList());
		assertThat(calls).hasSize(5);
		assertThat(requests.get(3).input().get(0)).isEqualTo("t" + 3 * 2048);
		assertThat(pulled.get()).isLessThan(pulledWhileWaiting + 3 * 2048);
	}

	@Test
	void aCallThePacerRefusesForThisMinuteWaitsAsLongAsItSaysAndIsAskedAgain() {
		List<EmbeddingRequest> requests = new CopyOnWriteArrayList<>();
		OpenAiTransport transport = refusingFirst(requests, "Rate limit of default for text-embedding-3-small on "
				+ "tokens per minute (TPM) would be exceeded: the request would have to wait 40s");
		StepVerifier.withVirtualTime(() -> client(transport, 2, 300_000).embedAll(List.of("t0", "t1")))
			.expectSubscription()
			.thenAwait(Duration.ofSeconds(39))
			.then(() -> assertThat(requests).hasSize(1))
			.thenAwait(Duration.ofSeconds(1))
			.assertNext((embedding) -> assertThat(embedding.embedding()).containsExactly(0))
			.assertNext((embedding) -> assertThat(embedding.embedding()).containsExactly(1))
			.expectComplete()
			.verify(TIMEOUT);
		assertThat(requests).hasSize(2);
	}

	@Test
	void aCallThePacerRefusesForTheDayFailsTheStream() {
		List<EmbeddingRequest> requests = new CopyOnWriteArrayList<>();
		OpenAiTransport transport = refusingFirst(requests, "Rate limit of default for text-embedding-3-small on "
				+ "tokens per day (TPD) reached, says OpenAI's 429");
		StepVerifier.create(client(transport, 2, 300_000).embedAll(List.of("t0", "t1")))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(RateLimitException.class)
				.hasMessageContaining("tokens per day"))
			.verify(TIMEOUT);
		assertThat(requests).hasSize(1);
	}

	private static OpenAiTransport refusingFirst(List<EmbeddingRequest> requests, String message) {
		return new OpenAiTransport() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> Mono<T> exchange(OpenAiRequest<T> request) {
				return Mono.defer(() -> {
					requests.add((EmbeddingRequest) request.body());
					if (requests.size() == 1) {
						return Mono.error(new RateLimitException(OpenAiErrorKind.RATE_LIMITED, 0,
								new OpenAiError(message, "tokens", null, "local_rate_limit_exceeded"), null,
								Duration.ofSeconds(40), true));
					}
					return Mono.just((T) echo((EmbeddingRequest) request.body()));
				});
			}

			@Override
			public <T> Flux<T> stream(OpenAiRequest<T> request) {
				throw new UnsupportedOperationException();
			}

		};
	}

	private static EmbeddingResponse echo(EmbeddingRequest request) {
		List<Embedding> data = new ArrayList<>();
		for (int i = 0; i < request.input().size(); i++) {
			data.add(new Embedding(i, new float[] { Integer.parseInt(request.input().get(i).substring(1)) }));
		}
		return new EmbeddingResponse("text-embedding-3-small", data, null);
	}

	private OpenAiPipeline retryingPipeline() {
		return OpenAiPipeline.builder(WebClient.create(wm.baseUrl() + "/v1"))
			.retry(OpenAiRetry.builder(OpenAiRetryPolicy.builder()
				.initialBackoff(Duration.ofMillis(1))
				.maxBackoff(Duration.ofMillis(5))
				.build()).build())
			.build();
	}

}
