package io.github.openaiboot.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiMetricsAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiObservationAutoConfiguration;
import io.github.openaiboot.autoconfigure.OpenAiRateLimitAutoConfiguration;
import io.github.openaiboot.core.RateLimitTracker;
import io.github.openaiboot.error.AuthenticationException;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.RateLimitException;
import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.realtime.RealtimeClientEvent;
import io.github.openaiboot.realtime.RealtimeConnectionException;
import io.github.openaiboot.realtime.RealtimeServerEvent;
import io.github.openaiboot.realtime.RealtimeSession;
import io.github.openaiboot.realtime.RealtimeSessionConfig;
import io.github.openaiboot.realtime.RealtimeUsage;
import io.github.openaiboot.test.OpenAiSimulatorExtension;
import io.github.openaiboot.test.simulator.OpenAiSimulator;
import io.github.openaiboot.test.simulator.RealtimeSimulation;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured {@link RealtimeClient} against the simulator's WebSocket: the
 * protocol in text and audio, audio sent with back-pressure, usage and cost on the
 * meters, rate limits in the tracker, the error paths, and sockets closed after close and
 * failure as the server sees them.
 */
class SimulatorRealtimeTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@RegisterExtension
	static final OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension(OpenAiSimulator.builder());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, OpenAiAutoConfiguration.class,
				OpenAiRateLimitAutoConfiguration.class, OpenAiObservationAutoConfiguration.class,
				OpenAiMetricsAutoConfiguration.class, ObservationAutoConfiguration.class,
				MetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("openai.api-key=sk-test", "openai.base-url=" + openai.baseUrl(),
				"openai.realtime.url=" + openai.simulator().realtimeUrl(), "openai.organization=org-realtime",
				"openai.project=proj_realtime", "openai.headers.X-Custom=yes",
				"openai.pricing.models[gpt-realtime].input=4", "openai.pricing.models[gpt-realtime].cached-input=0.4",
				"openai.pricing.models[gpt-realtime].output=16",
				"openai.pricing.models[gpt-realtime].audio-input=32",
				"openai.pricing.models[gpt-realtime].audio-output=64");

	private static RealtimeSimulation simulation() {
		return openai.simulator().realtime();
	}

	@Test
	void textConversationDecodesEveryEventAndRecordsUsageCostAndRateLimits() {
		this.contextRunner.run((context) -> {
			RealtimeSession session = context.getBean(RealtimeClient.class)
				.connect(RealtimeSessionConfig.builder().instructions("Be brief").outputModalities("text").build())
				.block(TIMEOUT);
			List<RealtimeServerEvent> events = new CopyOnWriteArrayList<>();
			List<Throwable> failures = new CopyOnWriteArrayList<>();
			AtomicBoolean completed = new AtomicBoolean();
			session.events().subscribe(events::add, failures::add, () -> completed.set(true));
			session.send(RealtimeClientEvent.userText("Hello there")).block(TIMEOUT);
			session.send(RealtimeClientEvent.responseCreate()).block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> events.stream()
				.anyMatch(RealtimeServerEvent.RateLimitsUpdated.class::isInstance));
			assertThat(events).extracting(RealtimeServerEvent::type)
				.containsSubsequence("session.created", "session.updated", "conversation.item.added",
						"response.created", "response.output_text.delta", "response.output_text.done",
						"response.done", "rate_limits.updated");
			assertThat(session.sessionId()).startsWith("sess_");
			RealtimeServerEvent.SessionEvent updated = (RealtimeServerEvent.SessionEvent) events.get(1);
			assertThat(updated.session().instructions()).isEqualTo("Be brief");
			assertThat(updated.session().outputModalities()).containsExactly("text");
			String text = events.stream()
				.filter(RealtimeServerEvent.TextDelta.class::isInstance)
				.map((event) -> ((RealtimeServerEvent.TextDelta) event).delta())
				.collect(Collectors.joining());
			assertThat(text).isEqualTo("You said: Hello there");
			assertThat(events).filteredOn(RealtimeServerEvent.TextDone.class::isInstance)
				.singleElement()
				.extracting((event) -> ((RealtimeServerEvent.TextDone) event).text())
				.isEqualTo(text);
			// the handshake carried the client's authentication and headers
			Map<String, String> handshake = simulation().handshakes().get(0);
			assertThat(handshake).containsEntry("authorization", "Bearer sk-test")
				.containsEntry("openai-organization", "org-realtime")
				.containsEntry("openai-project", "proj_realtime")
				.containsEntry("x-custom", "yes")
				.doesNotContainKey("openai-beta");
			assertThat(simulation().clientEvents().get(0)).contains("\"type\":\"session.update\"")
				.contains("\"output_modalities\":[\"text\"]")
				.contains("\"instructions\":\"Be brief\"");
			RealtimeUsage usage = events.stream()
				.filter(RealtimeServerEvent.ResponseEvent.class::isInstance)
				.map((event) -> ((RealtimeServerEvent.ResponseEvent) event).response())
				.filter((response) -> response.usage() != null)
				.findFirst()
				.orElseThrow()
				.usage();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(meters.find("gen_ai.client.token.usage")
					.tags("gen_ai.token.type", "input", "gen_ai.operation.name", "realtime")
					.summary()).isNotNull());
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.token.type", "input", "gen_ai.operation.name", "realtime", "gen_ai.request.model",
						"gpt-realtime")
				.summary()
				.totalAmount()).isEqualTo(usage.inputTokens());
			assertThat(meters.get("gen_ai.client.token.usage")
				.tags("gen_ai.token.type", "output", "gen_ai.operation.name", "realtime")
				.summary()
				.totalAmount()).isEqualTo(usage.outputTokens());
			assertThat(meters.get("openai.client.cost").tags("gen_ai.operation.name", "realtime").counter().count())
				.isCloseTo((usage.inputTokens() * 4.0 + usage.outputTokens() * 16.0) / 1e6, within(1e-12));
			RateLimitTracker.Snapshot limits = context.getBean(RateLimitTracker.class).latest();
			assertThat(limits.headers().limitTokens()).isEqualTo(400000L);
			assertThat(limits.headers().remainingTokens()).isEqualTo(400000L - usage.totalTokens());
			assertThat(limits.headers().resetTokens()).isEqualTo(Duration.ofMillis(1500));
			session.close().block(TIMEOUT);
			await().atMost(TIMEOUT).until(completed::get);
			assertThat(failures).isEmpty();
			await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0);
			assertThat(simulation().closeStatuses()).containsExactly(1000);
			// one observation per session and one per response
			assertThat(meters.get("gen_ai.client.operation").tags("gen_ai.operation.name", "realtime").timer().count())
				.isEqualTo(1);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(meters.get("gen_ai.client.operation")
					.tags("gen_ai.operation.name", "realtime_session")
					.timer()
					.count()).isEqualTo(1));
		});
	}

	@Test
	void audioInAndOutIsDecodedAndItsTokensArePricedApart() {
		this.contextRunner.run((context) -> {
			RealtimeSession session = context.getBean(RealtimeClient.class)
				.connect(RealtimeSessionConfig.builder().outputModalities("audio").voice("marin").build())
				.block(TIMEOUT);
			List<RealtimeServerEvent> events = new CopyOnWriteArrayList<>();
			Disposable reading = session.events().subscribe(events::add);
			session.sendAudio(Flux.range(0, 10).map((i) -> buffer(4800))).block(TIMEOUT);
			session.send(RealtimeClientEvent.inputAudioCommit()).block(TIMEOUT);
			session.send(RealtimeClientEvent.responseCreate()).block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> events.stream()
				.anyMatch(RealtimeServerEvent.RateLimitsUpdated.class::isInstance));
			assertThat(events).extracting(RealtimeServerEvent::type)
				.contains("input_audio_buffer.speech_started", "input_audio_buffer.speech_stopped",
						"input_audio_buffer.committed", "conversation.item.input_audio_transcription.delta",
						"conversation.item.input_audio_transcription.completed", "response.output_audio.delta",
						"response.output_audio_transcript.delta", "response.output_audio_transcript.done");
			assertThat(events).filteredOn(RealtimeServerEvent.InputAudioTranscription.class::isInstance)
				.isNotEmpty();
			int audioBytes = events.stream()
				.filter(RealtimeServerEvent.AudioDelta.class::isInstance)
				.mapToInt((event) -> ((RealtimeServerEvent.AudioDelta) event).audio().length)
				.sum();
			assertThat(audioBytes).isEqualTo(9600);
			assertThat(simulation().audioBytesReceived()).isEqualTo(48000);
			assertThat(simulation().clientEvents().get(0)).contains("\"audio\":{\"output\":{\"voice\":\"marin\"}}");
			RealtimeUsage usage = events.stream()
				.filter(RealtimeServerEvent.ResponseEvent.class::isInstance)
				.map((event) -> ((RealtimeServerEvent.ResponseEvent) event).response().usage())
				.filter((value) -> value != null)
				.findFirst()
				.orElseThrow();
			assertThat(usage.inputAudioTokens()).isPositive();
			assertThat(usage.outputAudioTokens()).isPositive();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			double expected = ((usage.inputTokens() - usage.inputAudioTokens()) * 4.0
					+ usage.inputAudioTokens() * 32.0 + (usage.outputTokens() - usage.outputAudioTokens()) * 16.0
					+ usage.outputAudioTokens() * 64.0) / 1e6;
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(meters.find("openai.client.cost")
					.tags("gen_ai.operation.name", "realtime")
					.counter()).isNotNull());
			assertThat(meters.get("openai.client.cost").tags("gen_ai.operation.name", "realtime").counter().count())
				.isCloseTo(expected, within(1e-12));
			reading.dispose();
			session.close().block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0);
		});
	}

	@Test
	void aSlowSocketSlowsTheAudioSourcesRequests() {
		this.contextRunner.run((context) -> {
			RealtimeSession session = context.getBean(RealtimeClient.class).connect().block(TIMEOUT);
			Disposable reading = session.events().subscribe();
			simulation().pauseReading();
			int chunks = 1500;
			int chunkSize = 64 * 1024;
			AtomicLong requested = new AtomicLong();
			AtomicBoolean unbounded = new AtomicBoolean();
			Flux<DataBuffer> source = Flux.range(0, chunks).map((i) -> buffer(chunkSize)).doOnRequest((n) -> {
				if (n == Long.MAX_VALUE) {
					unbounded.set(true);
				}
				requested.addAndGet(n);
			});
			AtomicBoolean sent = new AtomicBoolean();
			session.sendAudio(source).subscribe(null, null, () -> sent.set(true));
			// wait until the socket's buffers are full: the requests stop growing
			long previous = -1;
			for (int i = 0; i < 40 && requested.get() != previous; i++) {
				previous = requested.get();
				Thread.sleep(500);
			}
			assertThat(unbounded).isFalse();
			assertThat(requested.get()).isLessThan(chunks);
			assertThat(sent).isFalse();
			simulation().resumeReading();
			await().atMost(Duration.ofSeconds(60)).until(sent::get);
			await().atMost(TIMEOUT)
				.until(() -> simulation().audioBytesReceived() == (long) chunks * chunkSize);
			reading.dispose();
			session.close().block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0);
		});
	}

	@Test
	void aDroppedSocketEndsTheEventsWithWhatWasInFlight() {
		this.contextRunner.run((context) -> {
			RealtimeSession session = context.getBean(RealtimeClient.class).connect().block(TIMEOUT);
			List<Throwable> failures = new CopyOnWriteArrayList<>();
			session.events().subscribe((event) -> {
			}, failures::add);
			session.sendAudio(Flux.just(buffer(4800))).block(TIMEOUT);
			simulation().dropNextResponse();
			session.send(RealtimeClientEvent.userText("Hello")).block(TIMEOUT);
			session.send(RealtimeClientEvent.responseCreate()).block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> !failures.isEmpty());
			assertThat(failures.get(0)).isInstanceOfSatisfying(RealtimeConnectionException.class, (failure) -> {
				assertThat(failure.kind()).isEqualTo(OpenAiErrorKind.CONNECTION);
				assertThat(failure.openResponseId()).startsWith("resp_");
				assertThat(failure.uncommittedAudioBytes()).isEqualTo(4800);
				assertThat(failure.closeStatus()).isNull();
				assertThat(failure.getMessage()).contains(failure.openResponseId()).contains("4800 byte(s)");
			});
			await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0);
			// the response's observation ends with the failure
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(meters.get("gen_ai.client.operation")
					.tags("gen_ai.operation.name", "realtime", "error.type", "CONNECTION")
					.timer()
					.count()).isEqualTo(1));
		});
	}

	@Test
	void anErrorEventIsTypedAndLeavesTheSessionOpen() {
		this.contextRunner.run((context) -> {
			RealtimeSession session = context.getBean(RealtimeClient.class).connect().block(TIMEOUT);
			List<RealtimeServerEvent> events = new CopyOnWriteArrayList<>();
			session.events().subscribe(events::add);
			simulation().errorOnNextResponse("rate_limit_exceeded");
			session.send(RealtimeClientEvent.responseCreate()).block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> events.stream().anyMatch(RealtimeServerEvent.Error.class::isInstance));
			RealtimeServerEvent.Error error = events.stream()
				.filter(RealtimeServerEvent.Error.class::isInstance)
				.map(RealtimeServerEvent.Error.class::cast)
				.findFirst()
				.orElseThrow();
			assertThat(error.error().code()).isEqualTo("rate_limit_exceeded");
			assertThat(error.toException()).isInstanceOf(RateLimitException.class);
			session.send(RealtimeClientEvent.responseCreate()).block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> events.stream()
				.anyMatch((event) -> "response.done".equals(event.type())));
			session.close().block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0);
		});
	}

	@Test
	void aRefusedHandshakeIsTypedByItsStatus() {
		this.contextRunner.run((context) -> {
			RealtimeClient client = context.getBean(RealtimeClient.class);
			simulation().refuseHandshakes(401);
			assertThatExceptionOfType(AuthenticationException.class).isThrownBy(() -> client.connect().block(TIMEOUT))
				.satisfies((failure) -> assertThat(failure.statusCode()).isEqualTo(401));
			simulation().refuseHandshakes(429);
			assertThatExceptionOfType(RateLimitException.class).isThrownBy(() -> client.connect().block(TIMEOUT));
			assertThat(simulation().openConnections()).isZero();
		});
	}

	@Test
	void betaSessionsSendTheBetaHeaderAndDecodeTheBetaNames() {
		this.contextRunner.withPropertyValues("openai.realtime.beta=true").run((context) -> {
			RealtimeSession session = context.getBean(RealtimeClient.class)
				.connect(RealtimeSessionConfig.builder().outputModalities("text").build())
				.block(TIMEOUT);
			List<RealtimeServerEvent> events = new CopyOnWriteArrayList<>();
			session.events().subscribe(events::add);
			session.send(RealtimeClientEvent.userText("Hi")).block(TIMEOUT);
			session.send(RealtimeClientEvent.responseCreate()).block(TIMEOUT);
			await().atMost(TIMEOUT).until(() -> events.stream()
				.anyMatch((event) -> "response.done".equals(event.type())));
			assertThat(simulation().handshakes().get(0)).containsEntry("openai-beta", "realtime=v1");
			assertThat(simulation().clientEvents().get(0)).contains("\"modalities\":[\"text\"]");
			assertThat(events).filteredOn(RealtimeServerEvent.TextDelta.class::isInstance)
				.extracting(RealtimeServerEvent::type)
				.containsOnly("response.text.delta");
			session.close().block(TIMEOUT);
		});
	}

	@Test
	void aPoolPinsEachSessionToOneMemberWithThatMembersKey() {
		try (OpenAiSimulator second = OpenAiSimulator.builder().build().start()) {
			this.contextRunner
				.withPropertyValues("openai.clients.a.api-key=sk-a", "openai.clients.a.base-url=" + openai.baseUrl(),
						"openai.clients.a.realtime.url=" + openai.simulator().realtimeUrl(),
						"openai.clients.b.api-key=sk-b", "openai.clients.b.base-url=" + second.baseUrl(),
						"openai.clients.b.realtime.url=" + second.realtimeUrl(), "openai.pools.both.members=a,b")
				.run((context) -> {
					io.github.openaiboot.pool.OpenAiClients clients = context
						.getBean(io.github.openaiboot.pool.OpenAiClients.class);
					RealtimeSession viaA = clients.realtime("a").connect().block(TIMEOUT);
					assertThat(simulation().handshakes()).singleElement()
						.satisfies((headers) -> assertThat(headers).containsEntry("authorization", "Bearer sk-a"));
					viaA.close().block(TIMEOUT);
					List<RealtimeSession> pooled = new java.util.ArrayList<>();
					for (int i = 0; i < 4; i++) {
						pooled.add(clients.realtime("both").connect().block(TIMEOUT));
					}
					// each session on one member, the members taking turns while their headroom is equal
					assertThat(simulation().handshakes().size() - 1 + second.realtime().handshakes().size())
						.isEqualTo(4);
					assertThat(second.realtime().handshakes()).isNotEmpty();
					assertThat(second.realtime().handshakes())
						.allSatisfy((headers) -> assertThat(headers).containsEntry("authorization", "Bearer sk-b"));
					pooled.forEach((session) -> session.close().block(TIMEOUT));
					await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0
							&& second.realtime().openConnections() == 0);
				});
		}
	}

	@Test
	void aPoolOpensTheSessionOnTheNextMemberWhenAMembersHandshakeIsRefusedAndTakesItOutOfRotation() {
		try (OpenAiSimulator second = OpenAiSimulator.builder().build().start()) {
			this.contextRunner
				.withPropertyValues("openai.clients.a.api-key=sk-a", "openai.clients.a.base-url=" + openai.baseUrl(),
						"openai.clients.a.realtime.url=" + openai.simulator().realtimeUrl(),
						"openai.clients.b.api-key=sk-b", "openai.clients.b.base-url=" + second.baseUrl(),
						"openai.clients.b.realtime.url=" + second.realtimeUrl(), "openai.pools.both.members=a,b",
						"openai.pools.both.strategy=ordered")
				.run((context) -> {
					RealtimeClient pooled = context.getBean(io.github.openaiboot.pool.OpenAiClients.class)
						.realtime("both");
					// a's key is refused: the session opens on b, and a leaves the rotation
					simulation().refuseHandshakes(401);
					RealtimeSession first = pooled.connect().block(TIMEOUT);
					RealtimeSession again = pooled.connect().block(TIMEOUT);
					assertThat(simulation().handshakes()).hasSize(1);
					assertThat(second.realtime().handshakes()).hasSize(2)
						.allSatisfy((headers) -> assertThat(headers).containsEntry("authorization", "Bearer sk-b"));
					first.close().block(TIMEOUT);
					again.close().block(TIMEOUT);
					// with a out of rotation and b refusing too, the connect fails with b's refusal
					second.realtime().refuseHandshakes(429);
					assertThatExceptionOfType(RateLimitException.class)
						.isThrownBy(() -> pooled.connect().block(TIMEOUT));
					await().atMost(TIMEOUT).until(() -> simulation().openConnections() == 0
							&& second.realtime().openConnections() == 0);
				});
		}
	}

	private static DataBuffer buffer(int size) {
		return DefaultDataBufferFactory.sharedInstance.wrap(new byte[size]);
	}

}
