package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletionChunk;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiAccount;
import io.github.openaiboot.core.OpenAiAccountResolver;
import io.github.openaiboot.core.OpenAiAccounts;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.error.RateLimitException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.json;
import static io.github.openaiboot.autoconfigure.OpenAiWireMock.sse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for per-tenant keys: an {@link OpenAiAccountResolver} deciding each call's account
 * from the Reactor context.
 */
class OpenAiAccountResolverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final OpenAiAccountResolver BY_TENANT = (context) -> Mono
		.justOrEmpty(context.<String>getOrEmpty("tenant"))
		.map((tenant) -> new OpenAiAccount("sk-" + tenant + "-secret-key", "org-" + tenant, null));

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.server.start();
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(json(200, OpenAiWireMock.CHAT_COMPLETION)));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
					OpenAiRateLimitAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
					MetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withBean(OpenAiAccountResolver.class, () -> BY_TENANT)
			.withPropertyValues("openai.api-key=sk-own-key", "openai.organization=org-own",
					"openai.project=proj-own", "openai.base-url=" + this.server.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aResolvedAccountsKeyAndOrganizationReplaceTheClientsOwnAndItsProjectIsNotSent() {
		this.contextRunner.run((context) -> {
			ChatClient chat = context.getBean(ChatClient.class);
			StepVerifier.create(chat.ask("Hi").contextWrite((c) -> c.put("tenant", "acme")))
				.expectNext("Hi")
				.expectComplete()
				.verify(TIMEOUT);
			StepVerifier.create(chat.ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
			this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer sk-acme-secret-key"))
				.withHeader("OpenAI-Organization", equalTo("org-acme"))
				.withHeader("OpenAI-Project", absent()));
			this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer sk-own-key"))
				.withHeader("OpenAI-Organization", equalTo("org-own"))
				.withHeader("OpenAI-Project", equalTo("proj-own")));
		});
	}

	@Test
	void streamsAreSentWithTheResolvedAccountToo() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(sse(OpenAiWireMock.CHAT_STREAM)));
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class)
				.stream(ChatRequest.builder().user("Hi").build())
				.map(ChatCompletionChunk::content)
				.contextWrite((c) -> c.put("tenant", "acme"))).expectNext("Hel", "lo", "").expectComplete().verify(TIMEOUT);
			this.server.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
				.withHeader("Authorization", equalTo("Bearer sk-acme-secret-key")));
		});
	}

	@Test
	void eachAccountIsPacedOnItsOwn() {
		this.contextRunner
			.withPropertyValues("openai.rate-limit.requests-per-minute=1", "openai.rate-limit.max-wait=0s",
					"openai.rate-limit.burst=1m")
			.run((context) -> {
				ChatClient chat = context.getBean(ChatClient.class);
				for (String tenant : new String[] { "acme", "globex" }) {
					StepVerifier.create(chat.ask("Hi").contextWrite((c) -> c.put("tenant", tenant)))
						.expectNext("Hi")
						.expectComplete()
						.verify(TIMEOUT);
				}
				StepVerifier.create(chat.ask("Hi").contextWrite((c) -> c.put("tenant", "acme")))
					.expectError(RateLimitException.class)
					.verify(TIMEOUT);
				StepVerifier.create(chat.ask("Hi")).expectNext("Hi").expectComplete().verify(TIMEOUT);
				assertThat(this.server.getAllServeEvents()).hasSize(3);
			});
	}

	@Test
	void metersNameAccountsByTheirHashNeverTheirKey() {
		this.contextRunner.run((context) -> {
			StepVerifier.create(context.getBean(ChatClient.class)
				.ask("Hi")
				.contextWrite((c) -> c.put("tenant", "acme"))).expectNext("Hi").expectComplete().verify(TIMEOUT);
			String id = new OpenAiAccount("sk-acme-secret-key", "org-acme", null).id();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("openai.account.calls")
				.tag("openai.account", id)
				.tag("openai.client", "default")
				.tag("error.type", "none")
				.counter()
				.count()).isEqualTo(1);
			assertThat(id).startsWith("acct_").hasSize(21).doesNotContain("secret");
			registry.getMeters()
				.forEach((meter) -> assertThat(meter.getId().toString()).doesNotContain("sk-acme-secret-key"));
		});
	}

	@Test
	void theNumberOfAccountsKeptIsBoundedAndTheLeastRecentlyUsedForgotten() {
		this.contextRunner.withPropertyValues("openai.max-accounts=2").run((context) -> {
			ChatClient chat = context.getBean(ChatClient.class);
			for (String tenant : new String[] { "a", "b", "a", "c" }) {
				StepVerifier.create(chat.ask("Hi").contextWrite((c) -> c.put("tenant", tenant)))
					.expectNext("Hi")
					.expectComplete()
					.verify(TIMEOUT);
			}
			OpenAiAccounts accounts = (OpenAiAccounts) org.springframework.test.util.ReflectionTestUtils
				.getField(context.getBean(OpenAiPipeline.class), "accounts");
			assertThat(accounts.accounts()).extracting(OpenAiAccounts.Account::id)
				.containsExactly(new OpenAiAccount("sk-a-secret-key", "org-a", null).id(),
						new OpenAiAccount("sk-c-secret-key", "org-c", null).id());
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("openai.account.calls")
				.tag("openai.account", new OpenAiAccount("sk-b-secret-key", "org-b", null).id())
				.counters()).isEmpty();
		});
	}

	@Test
	void healthListsTheAccountsWithoutChangingTheClientsStatus() {
		this.server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(OpenAiWireMock.error(401,
				"invalid_request_error", "invalid_api_key", "Incorrect API key provided")));
		this.contextRunner.withConfiguration(AutoConfigurations.of(OpenAiHealthAutoConfiguration.class))
			.run((context) -> {
				StepVerifier.create(context.getBean(ChatClient.class)
					.ask("Hi")
					.contextWrite((c) -> c.put("tenant", "acme")))
					.expectError(io.github.openaiboot.error.AuthenticationException.class)
					.verify(TIMEOUT);
				this.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock
					.get(urlEqualTo("/v1/models")).willReturn(json(200, OpenAiWireMock.MODELS)));
				org.springframework.boot.health.contributor.Health health = context
					.getBean(OpenAiHealthIndicator.class).health(true).block(TIMEOUT);
				assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
				@SuppressWarnings("unchecked")
				java.util.Map<String, Object> accounts = (java.util.Map<String, Object>) health.getDetails()
					.get("accounts");
				assertThat(accounts).containsEntry("count", 1);
				String id = new OpenAiAccount("sk-acme-secret-key", "org-acme", null).id();
				assertThat(accounts.get("recent").toString()).contains(id).contains("INVALID_API_KEY")
					.doesNotContain("secret");
			});
	}

	@Test
	void anAccountsToStringMasksItsKey() {
		assertThat(new OpenAiAccount("sk-acme-secret-key", "org-acme", null).toString())
			.doesNotContain("sk-acme-secret-key")
			.contains("org-acme");
	}

}
