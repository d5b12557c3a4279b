package io.github.openaiboot.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.finetuning.FineTuningJob;
import io.github.openaiboot.pool.OpenAiClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.NestedExceptionUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the auto-configured {@link FineTuningClient} and {@link BatchClient}: root
 * beans, beans per named client, none per pool.
 */
class OpenAiFineTuningAndBatchAutoConfigurationTests {

	private final WireMockServer server = new WireMockServer(options().dynamicPort());

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void start() {
		this.server.start();
		this.server.stubFor(get("/v1/fine_tuning/jobs/ftjob-abc123").willReturn(okJson("""
				{"object":"fine_tuning.job","id":"ftjob-abc123","model":"gpt-4o-mini-2024-07-18","created_at":1721764800,
				"status":"running","training_file":"file-abc123","result_files":[]}""")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-root", "openai.base-url=" + this.server.baseUrl() + "/v1");
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void rootBeansCallTheRootAccount() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BatchClient.class);
			StepVerifier.create(context.getBean(FineTuningClient.class).retrieve("ftjob-abc123").map(FineTuningJob::status))
				.expectNext("running")
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			this.server.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/ftjob-abc123"))
				.withHeader("Authorization", equalTo("Bearer sk-root")));
		});
	}

	@Test
	void namedClientsHaveTheirOwnAndPoolsNone() {
		this.contextRunner
			.withPropertyValues("openai.clients.a.api-key=sk-a", "openai.clients.b.api-key=sk-b",
					"openai.pools.both.members=a,b")
			.run((context) -> {
				assertThat(context).hasBean("openAiFineTuningClient.a").hasBean("openAiBatchClient.b");
				assertThat(context).doesNotHaveBean("openAiFineTuningClient.both")
					.doesNotHaveBean("openAiBatchClient.both");
				OpenAiClients clients = context.getBean(OpenAiClients.class);
				StepVerifier.create(clients.fineTuning("a").retrieve("ftjob-abc123").then())
					.expectComplete()
					.verify(Duration.ofSeconds(10));
				this.server.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs/ftjob-abc123"))
					.withHeader("Authorization", equalTo("Bearer sk-a")));
				assertThat(clients.batch("default")).isSameAs(context.getBean(BatchClient.class));
				assertThatIllegalArgumentException().isThrownBy(() -> clients.batch("both"))
					.withMessageContaining("'both' is a pool (of [a, b])")
					.withMessageContaining("belong to one account");
				assertThatIllegalArgumentException().isThrownBy(() -> clients.fineTuning("both"))
					.withMessageContaining("FineTuningClient");
			});
	}

	@Test
	void invalidSettingsFailNamingTheProperty() {
		this.contextRunner.withPropertyValues("openai.clients.a.api-key=sk-a", "openai.clients.a.batch.max-lines=60000")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("openai.clients.a.batch.max-lines"));
		this.contextRunner
			.withPropertyValues("openai.clients.a.api-key=sk-a", "openai.clients.a.fine-tuning.poll-interval=30s",
					"openai.clients.a.fine-tuning.max-poll-interval=10s")
			.run((context) -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("openai.clients.a.fine-tuning.max-poll-interval"));
	}

}
