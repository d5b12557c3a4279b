package io.github.openaiboot.ratelimit;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiOperation;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.error.RateLimitException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the pacing stage wired into {@link OpenAiPipeline}, against WireMock.
 */
class OpenAiPipelinePacingTests {

	private static final String MODEL = "gpt-4o-mini";

	private static final String COMPLETION = """
			{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
			"choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
			"usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}""";

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@BeforeEach
	void start() {
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
		this.time.dispose();
	}

	@Test
	void learnsTheLimitsFromTheFirstResponseAndPacesTheNext() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(completion()
			.withHeader("x-ratelimit-limit-requests", "60")
			.withHeader("x-ratelimit-limit-tokens", "150000")
			.withHeader("x-ratelimit-remaining-requests", "0")
			.withHeader("x-ratelimit-remaining-tokens", "149000")
			.withHeader("x-ratelimit-reset-requests", "1s")
			.withHeader("x-ratelimit-reset-tokens", "400ms")));
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).build();
		OpenAiPipeline pipeline = pipeline(pacer);
		StepVerifier.create(pipeline.exchange(chat())).expectNextCount(1).expectComplete().verify(Duration.ofSeconds(10));
		assertThat(pacer.limit(MODEL, RateLimitType.REQUESTS)).isEqualTo(60);
		assertThat(pacer.limit(MODEL, RateLimitType.TOKENS)).isEqualTo(150000);
		StepVerifier.create(pipeline.exchange(chat()))
			.then(() -> {
				assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).as("waiting for a request").isEqualTo(-1);
				this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions")));
				this.time.advanceTimeBy(Duration.ofSeconds(1));
			})
			.expectNextCount(1)
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		this.server.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions")));
	}

	@Test
	void reconcilesTheEstimateWithTheReportedUsage() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(completion()));
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).defaultLimits(60, 6000)
			.burst(Duration.ofMinutes(1))
			.build();
		StepVerifier.create(pipeline(pacer).exchange(chat())).expectNextCount(1).expectComplete()
			.verify(Duration.ofSeconds(10));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isEqualTo(6000 - 30);
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
	}

	@Test
	void drainsTheBucketWhenTheServerAnswers429() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-1 on tokens per min \
					(TPM): Limit 6000, Used 6000, Requested 50. Please try again in 5s.","type":"tokens",\
					"param":null,"code":"rate_limit_exceeded"}}""")));
		TokenBucketPacer pacer = TokenBucketPacer.builder().scheduler(this.time).defaultLimits(60, 6000)
			.burst(Duration.ofMinutes(1))
			.build();
		StepVerifier.create(pipeline(pacer).exchange(chat()))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOfSatisfying(RateLimitException.class,
					(ex) -> assertThat(ex.isLocal()).isFalse()))
			.verify(Duration.ofSeconds(10));
		assertThat(pacer.available(MODEL, RateLimitType.TOKENS)).isZero();
		assertThat(pacer.available(MODEL, RateLimitType.REQUESTS)).isEqualTo(59);
	}

	private OpenAiPipeline pipeline(RateLimiter rateLimiter) {
		return OpenAiPipeline.builder(WebClient.create(this.server.baseUrl() + "/v1"))
			.rateLimiter(rateLimiter)
			.tokenEstimator(new TokenCounter(100))
			.build();
	}

	private static ResponseDefinitionBuilder completion() {
		return aResponse().withHeader("Content-Type", "application/json").withBody(COMPLETION);
	}

	private static OpenAiRequest<ChatCompletion> chat() {
		return OpenAiRequest.post(OpenAiOperation.CHAT, "/chat/completions",
				ChatRequest.builder().model(MODEL).user("Hello").build(), ChatCompletion.class, MODEL);
	}

}
