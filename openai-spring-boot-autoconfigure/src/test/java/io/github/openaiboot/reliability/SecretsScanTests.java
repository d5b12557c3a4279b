package io.github.openaiboot.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.github.openaiboot.autoconfigure.OpenAiActuatorAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiHealthAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiMetricsAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiRateLimitAutoConfiguration;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatRequest;
import io.github.openaiboot.core.OpenAiCredentials;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.SimulatedFault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key, and an Entra ID token from an {@link OpenAiCredentials} bean, appear
 * nowhere a user or operator can read: no log line at any level (TRACE everywhere,
 * request details logging on), no exception message, no {@code toString()} of a bean,
 * no Actuator {@code env} or {@code configprops} entry shown with
 * {@code show-values: always}, no health detail and no meter name or tag.
 * <p>
 * Reactor Netty's wiretap, which the starter never turns on, is left out: it dumps the
 * raw bytes of every request, headers included, and nothing above it can redact them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsScanTests {

	private static final String API_KEY = "sk-proj-SECRETabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String ENTRA_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.SECRET-entra-token-payload";

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodecsAutoConfiguration.class, WebClientAutoConfiguration.class,
				OpenAiRateLimitAutoConfiguration.class, OpenAiAutoConfiguration.class,
				OpenAiMetricsAutoConfiguration.class, OpenAiHealthAutoConfiguration.class,
				OpenAiActuatorAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("openai.base-url=" + openai.baseUrl(), "openai.retry.initial-backoff=5ms",
				"spring.http.codecs.log-request-details=true", "spring.codec.log-request-details=true");

	private final List<Level> levels = new ArrayList<>();

	@BeforeEach
	void traceEverything() {
		Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
		this.levels.add(root.getLevel());
		root.setLevel(Level.TRACE);
	}

	@AfterEach
	void restoreLevels() {
		((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME)
			.setLevel(this.levels.get(0));
	}

	@Test
	void apiKeyAppearsNowhere(CapturedOutput output) {
		this.contextRunner.withPropertyValues("openai.api-key=" + API_KEY)
			.run((context) -> assertSecretAppearsNowhere(context, output, API_KEY));
	}

	@Test
	void entraTokenAppearsNowhere(CapturedOutput output) {
		this.contextRunner
			.withBean(OpenAiCredentials.class,
					() -> () -> Mono.just(new OpenAiCredentials.AccessToken(ENTRA_TOKEN, Instant.now().plusSeconds(3600))))
			.run((context) -> assertSecretAppearsNowhere(context, output, ENTRA_TOKEN));
	}

	private void assertSecretAppearsNowhere(AssertableApplicationContext context, CapturedOutput output,
			String secret) {
		assertThat(context).hasNotFailed();
		List<String> seen = new ArrayList<>();
		ChatClient chat = context.getBean(ChatClient.class);
		seen.add(chat.ask("hi").block(TIMEOUT));
		seen.add(String.valueOf(chat.stream(ChatRequest.builder().user("hi").build()).collectList().block(TIMEOUT)));
		seen.add(String.valueOf(context.getBean(EmbeddingClient.class).embed("text").block(TIMEOUT).length));
		for (SimulatedFault fault : List.of(SimulatedFault.invalidApiKey(), SimulatedFault.serverError(),
				SimulatedFault.connectionReset(), SimulatedFault.streamCutAfter(1))) {
			openai.simulator().clearFaults();
			openai.simulator().inject(fault);
			seen.add(failure(chat.ask("hi")));
			seen.add(failure(chat.stream(ChatRequest.builder().user("hi").build())));
		}
		openai.simulator().clearFaults();
		ReactiveHealthIndicator health = context.getBeanProvider(ReactiveHealthIndicator.class).getIfAvailable();
		if (health != null) {
			seen.add(JsonMapper.shared().writeValueAsString(health.health().block(TIMEOUT)));
		}
		for (String name : context.getBeanDefinitionNames()) {
			seen.add(name + "=" + context.getBean(name));
		}
		List<SanitizingFunction> sanitizers = context.getBeanProvider(SanitizingFunction.class).orderedStream().toList();
		seen.add(JsonMapper.shared()
			.writeValueAsString(new EnvironmentEndpoint(context.getEnvironment(), sanitizers, Show.ALWAYS).environment(null)));
		ConfigurationPropertiesReportEndpoint configprops = new ConfigurationPropertiesReportEndpoint(sanitizers,
				Show.ALWAYS);
		configprops.setApplicationContext(context);
		seen.add(JsonMapper.shared().writeValueAsString(configprops.configurationProperties()));
		context.getBean(MeterRegistry.class).getMeters().forEach((meter) -> seen.add(meter.getId().toString()));
		assertThat(output.getAll()).as("the logs at TRACE").isNotEmpty().doesNotContain(secret);
		assertThat(seen).as("messages, toString(), endpoints and meters").noneMatch((text) -> text.contains(secret));
		// the scan read what it claims to: the key or token was sent and the endpoints list openai.*
		assertThat(String.join("\n", seen)).contains("openai.base-url").contains("INVALID_API_KEY");
	}

	private static String failure(Flux<?> call) {
		return call.then().map(Object::toString).onErrorResume((ex) -> Mono.just(describe(ex))).defaultIfEmpty("").block(TIMEOUT);
	}

	private static String failure(Mono<?> call) {
		return failure(call.flux());
	}

	private static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			text.append(candidate).append('\n');
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return text.toString();
	}

}
