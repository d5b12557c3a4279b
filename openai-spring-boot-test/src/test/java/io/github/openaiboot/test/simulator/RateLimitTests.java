package io.github.openaiboot.test.simulator;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the simulator's RPM and TPM budgets.
 *
 * @author OpenAI Spring Boot contributors
 */
class RateLimitTests {

	// 10 characters -> 3 tokens, + 3 + 3 = 9 prompt tokens; + max_tokens 11 = 20 tokens per request
	private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":11,\"messages\":[{\"role\":\"user\",\"content\":\"0123456789\"}]}";

	private final MutableClock clock = new MutableClock();

	private OpenAiSimulator simulator;

	private SimulatorHttp http;

	@BeforeEach
	void start() {
		this.simulator = OpenAiSimulator.builder().clock(this.clock).build().start();
		this.http = new SimulatorHttp(this.simulator.baseUrl());
	}

	@AfterEach
	void stop() {
		this.simulator.stop();
	}

	@Test
	void reportsRemainingBudgetInHeaders() {
		this.simulator.rateLimit("gpt-4o-mini", 60, 6000);
		HttpResponse<String> response = this.http.post("/chat/completions", CHAT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("x-ratelimit-limit-requests")).hasValue("60");
		assertThat(response.headers().firstValue("x-ratelimit-limit-tokens")).hasValue("6000");
		assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("59");
		assertThat(response.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("5980");
		assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("1s");
		assertThat(response.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("200ms");
	}

	@Test
	void rejectsRequestsOverRpmWithHintUntilRefill() {
		this.simulator.rateLimit("gpt-4o-mini", 2, 100_000);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(6));
		HttpResponse<String> limited = this.http.post("/chat/completions", CHAT);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("x-request-id")).isPresent();
		assertThat(limited.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
		JsonNode error = SimulatorHttp.json(limited.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("requests");
		assertThat(error.path("code").asString()).isEqualTo("rate_limit_exceeded");
		// 2 RPM refills one request every 30s; 6s of it have passed
		assertThat(error.path("message").asString()).isEqualTo(
				"Rate limit reached for gpt-4o-mini in organization org-simulator on requests per min (RPM): Limit 2, Used 2, Requested 1. Please try again in 24s. Visit https://platform.openai.com/account/rate-limits to learn more.");
		this.clock.advance(Duration.ofMillis(23_999));
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(429);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(this.simulator.requestCount(Endpoint.CHAT)).isEqualTo(5);
	}

	@Test
	void freeEndpointsReportNoBudgetWhileLimitsAreEnforced() {
		assertThat(this.http.get("/models").headers().firstValue("x-ratelimit-limit-requests")).hasValue("10000");
		this.simulator.defaultRateLimit(500, 200_000);
		HttpResponse<String> models = this.http.get("/models");
		assertThat(models.statusCode()).isEqualTo(200);
		assertThat(models.headers().map().keySet()).noneMatch((name) -> name.startsWith("x-ratelimit-"));
	}

	@Test
	void rejectsRequestsOverTpmWithTokensType() {
		this.simulator.defaultRateLimit(1000, 50);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		HttpResponse<String> limited = this.http.post("/chat/completions", CHAT);
		assertThat(limited.statusCode()).isEqualTo(429);
		JsonNode error = SimulatorHttp.json(limited.body()).path("error");
		assertThat(error.path("type").asString()).isEqualTo("tokens");
		// 10 tokens left, 20 requested: 10 tokens at 50 per minute take 12s
		assertThat(error.path("message").asString()).contains("on tokens per min (TPM): Limit 50, Used 40, Requested 20.")
			.contains("Please try again in 12s.");
		assertThat(limited.headers().firstValue("x-ratelimit-remaining-tokens")).hasValue("10");
		assertThat(limited.headers().firstValue("x-ratelimit-reset-tokens")).hasValue("48s");
		String otherModel = CHAT.replace("gpt-4o-mini", "gpt-4o");
		assertThat(this.http.post("/chat/completions", otherModel).statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofSeconds(12));
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

	@Test
	void rejectsRequestLargerThanTheWholeBudget() {
		this.simulator.rateLimit("gpt-4o-mini", 10, 15);
		HttpResponse<String> limited = this.http.post("/chat/completions", CHAT);
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(SimulatorHttp.json(limited.body()).path("error").path("message").asString())
			.startsWith("Request too large for gpt-4o-mini in organization org-simulator on tokens per min (TPM): Limit 15, Requested 20.");
	}

	@Test
	void countsEmbeddingTokensAgainstTpm() {
		this.simulator.rateLimit("text-embedding-3-small", 100, 10);
		String embed = "{\"model\":\"text-embedding-3-small\",\"input\":\"0123456789012345\"}";
		assertThat(this.http.post("/embeddings", embed).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/embeddings", embed).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/embeddings", embed).statusCode()).isEqualTo(429);
	}

	@Test
	void resetRestoresFullBudgetAndRemovesLimits() {
		this.simulator.rateLimit("gpt-4o-mini", 1, 1000);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(429);
		this.simulator.reset();
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
		assertThat(this.http.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
	}

	@Test
	void keepsBuilderLimitsAcrossReset() {
		OpenAiSimulator limited = OpenAiSimulator.builder().clock(this.clock).rateLimit("gpt-4o-mini", 1, 1000).build();
		try (OpenAiSimulator running = limited.start()) {
			SimulatorHttp client = new SimulatorHttp(running.baseUrl());
			assertThat(client.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
			assertThat(client.post("/chat/completions", CHAT).statusCode()).isEqualTo(429);
			running.reset();
			assertThat(client.post("/chat/completions", CHAT).statusCode()).isEqualTo(200);
			assertThat(client.post("/chat/completions", CHAT).statusCode()).isEqualTo(429);
		}
		assertThat(limited.isRunning()).isFalse();
	}

	static final class MutableClock extends Clock {

		private volatile Instant now = Instant.parse("2025-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
