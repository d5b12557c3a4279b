package io.github.openaiboot.finetuning;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.openaiboot.core.TestPipelines;
import io.github.openaiboot.error.InvalidRequestException;
import io.github.openaiboot.error.OpenAiErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DefaultFineTuningClient} against WireMock with OpenAI's bodies.
 */
class DefaultFineTuningClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String JOB_PATH = "/v1/fine_tuning/jobs/ftjob-abc123";

	// short real pauses: these tests count requests, never time them
	private static final FollowSettings FAST = new FollowSettings(Duration.ofMillis(1), Duration.ofMillis(4), 3);

	private DefaultFineTuningClient client() {
		return new DefaultFineTuningClient(TestPipelines.pipeline(wm.baseUrl()), FAST);
	}

	static String job(String status, String extra) {
		return """
				{"object":"fine_tuning.job","id":"ftjob-abc123","model":"gpt-4o-mini-2024-07-18","created_at":1721764800,
				"fine_tuned_model":null,"organization_id":"org-123","result_files":[],"status":"%s","validation_file":null,
				"training_file":"file-abc123","method":{"type":"supervised","supervised":{"hyperparameters":
				{"batch_size":"auto","learning_rate_multiplier":"auto","n_epochs":"auto"}}},"metadata":null%s}"""
			.formatted(status, extra);
	}

	static String event(int n, String message) {
		return """
				{"object":"fine_tuning.job.event","id":"ft-event-%d","created_at":%d,"level":"info",
				"message":"%s","data":null,"type":"message"}""".formatted(n, 1721764800 + n, message);
	}

	static String events(boolean hasMore, String... events) {
		return "{\"object\":\"list\",\"data\":[" + String.join(",", events) + "],\"has_more\":" + hasMore + "}";
	}

	@Test
	void createSendsTheDpoMethodWithItsHyperparametersSuffixSeedAndMetadata() {
		wm.stubFor(post("/v1/fine_tuning/jobs").willReturn(okJson(job("validating_files", ""))));
		FineTuningJobRequest request = FineTuningJobRequest.builder("gpt-4o-mini-2024-07-18", "file-abc123")
			.validationFile("file-def456")
			.method(FineTuningMethod.dpo(Hyperparameters.builder()
				.beta(Hyperparameter.of(0.1))
				.nEpochs(Hyperparameter.of(3))
				.batchSize(Hyperparameter.auto())
				.build()))
			.suffix("custom-model")
			.seed(42)
			.metadata("team", "search")
			.build();
		StepVerifier.create(client().create(request))
			.assertNext((job) -> {
				assertThat(job.id()).isEqualTo("ftjob-abc123");
				assertThat(job.status()).isEqualTo(FineTuningJobStatus.VALIDATING_FILES);
				assertThat(job.method().hyperparameters().nEpochs().isAuto()).isTrue();
			})
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		JsonNode body = TestPipelines.onlyRequestBody(wm);
		assertThat(body.path("model").asString()).isEqualTo("gpt-4o-mini-2024-07-18");
		assertThat(body.path("training_file").asString()).isEqualTo("file-abc123");
		assertThat(body.path("validation_file").asString()).isEqualTo("file-def456");
		assertThat(body.path("suffix").asString()).isEqualTo("custom-model");
		assertThat(body.path("seed").asInt()).isEqualTo(42);
		assertThat(body.path("metadata").path("team").asString()).isEqualTo("search");
		JsonNode method = body.path("method");
		assertThat(method.path("type").asString()).isEqualTo("dpo");
		assertThat(method.has("supervised")).isFalse();
		JsonNode hyperparameters = method.path("dpo").path("hyperparameters");
		assertThat(hyperparameters.path("beta").asDouble()).isEqualTo(0.1);
		assertThat(hyperparameters.path("n_epochs").asInt()).isEqualTo(3);
		assertThat(hyperparameters.path("batch_size").asString()).isEqualTo("auto");
		assertThat(hyperparameters.has("learning_rate_multiplier")).isFalse();
	}

	@Test
	void createSendsReinforcementWithItsGrader() {
		wm.stubFor(post("/v1/fine_tuning/jobs").willReturn(okJson(job("validating_files", ""))));
		Map<String, Object> grader = Map.of("type", "string_check", "name", "exact", "input",
				"{{sample.output_text}}", "reference", "{{item.answer}}", "operation", "eq");
		FineTuningJobRequest request = FineTuningJobRequest.builder("o4-mini-2025-04-16", "file-abc123")
			.method(FineTuningMethod.reinforcement(grader,
					Hyperparameters.builder().reasoningEffort("medium").evalInterval(Hyperparameter.of(5)).build()))
			.build();
		StepVerifier.create(client().create(request)).expectNextCount(1).expectComplete().verify(TestPipelines.TIMEOUT);
		JsonNode reinforcement = TestPipelines.onlyRequestBody(wm).path("method").path("reinforcement");
		assertThat(reinforcement.path("grader").path("type").asString()).isEqualTo("string_check");
		assertThat(reinforcement.path("grader").path("reference").asString()).isEqualTo("{{item.answer}}");
		assertThat(reinforcement.path("hyperparameters").path("reasoning_effort").asString()).isEqualTo("medium");
		assertThat(reinforcement.path("hyperparameters").path("eval_interval").asInt()).isEqualTo(5);
	}

	@Test
	void requestsOutOfOpenAisBoundsAreRefusedNamingTheField() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FineTuningJobRequest.builder("gpt-4o-mini", "file-1").suffix("x".repeat(65)).build())
			.withMessageContaining("'suffix'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Hyperparameters.builder().nEpochs(Hyperparameter.of(51)).build())
			.withMessageContaining("'n_epochs'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Hyperparameters.builder().beta(Hyperparameter.of(2.5)).build())
			.withMessageContaining("'beta'");
		assertThatIllegalArgumentException().isThrownBy(() -> {
			FineTuningJobRequest.Builder builder = FineTuningJobRequest.builder("gpt-4o-mini", "file-1");
			for (int i = 0; i < 17; i++) {
				builder.metadata("k" + i, "v");
			}
			builder.build();
		}).withMessageContaining("'metadata'");
	}

	@Test
	void pauseResumeAndCancelPostToTheJobsActions() {
		wm.stubFor(post(JOB_PATH + "/pause").willReturn(okJson(job("paused", ""))));
		wm.stubFor(post(JOB_PATH + "/resume").willReturn(okJson(job("queued", ""))));
		wm.stubFor(post(JOB_PATH + "/cancel").willReturn(okJson(job("cancelled", ""))));
		DefaultFineTuningClient client = client();
		StepVerifier.create(client.pause("ftjob-abc123").map(FineTuningJob::status))
			.expectNext("paused")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		StepVerifier.create(client.resume("ftjob-abc123").map(FineTuningJob::status))
			.expectNext("queued")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		StepVerifier.create(client.cancel("ftjob-abc123").map(FineTuningJob::isTerminal))
			.expectNext(true)
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo(JOB_PATH + "/pause")));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo(JOB_PATH + "/resume")));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo(JOB_PATH + "/cancel")));
	}

	@Test
	void listFetchesTheNextPageOnlyWhenItsJobsAreConsumed() {
		wm.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs?limit=100"))
			.willReturn(okJson("{\"object\":\"list\",\"data\":[" + job("running", "").replace("ftjob-abc123", "ftjob-1")
					+ "," + job("queued", "").replace("ftjob-abc123", "ftjob-2") + "],\"has_more\":true}")));
		wm.stubFor(get(urlEqualTo("/v1/fine_tuning/jobs?limit=100&after=ftjob-2"))
			.willReturn(okJson("{\"object\":\"list\",\"data\":[" + job("succeeded", "").replace("ftjob-abc123", "ftjob-3")
					+ "],\"has_more\":false}")));
		StepVerifier.create(client().list().take(2).map(FineTuningJob::id))
			.expectNext("ftjob-1", "ftjob-2")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(0), getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs?limit=100&after=ftjob-2")));
		StepVerifier.create(client().list().map(FineTuningJob::id))
			.expectNext("ftjob-1", "ftjob-2", "ftjob-3")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/fine_tuning/jobs?limit=100&after=ftjob-2")));
	}

	@Test
	void checkpointsAreReadWithTheirMetrics() {
		wm.stubFor(get(urlEqualTo(JOB_PATH + "/checkpoints?limit=100")).willReturn(okJson("""
				{"object":"list","data":[{"object":"fine_tuning.job.checkpoint","id":"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB",
				"created_at":1721764867,"fine_tuned_model_checkpoint":"ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:96olL566:ckpt-step-2000",
				"metrics":{"full_valid_loss":0.134,"full_valid_mean_token_accuracy":0.874},"fine_tuning_job_id":"ftjob-abc123",
				"step_number":2000}],"first_id":"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB","last_id":"ftckpt_zc4Q7MP6XxulcVzj4MZdwsAB","has_more":false}""")));
		StepVerifier.create(client().checkpoints("ftjob-abc123"))
			.assertNext((checkpoint) -> {
				assertThat(checkpoint.stepNumber()).isEqualTo(2000);
				assertThat(checkpoint.fineTunedModelCheckpoint()).endsWith(":ckpt-step-2000");
				assertThat(checkpoint.metrics()).containsEntry("full_valid_loss", 0.134);
			})
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void followEmitsEachEventOnceOldestFirstThenTheSucceededJob() {
		String scenario = "job";
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(job("running", "")))
			.willSetStateTo("second"));
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs("second")
			.willReturn(okJson(job("running", "")))
			.willSetStateTo("done"));
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs("done")
			.willReturn(okJson(job("succeeded",
					",\"trained_tokens\":1200,\"fine_tuned_model\":\"ft:gpt-4o-mini:openai::7p4lURel\""))));
		String eventsScenario = "events";
		wm.stubFor(get(urlPathEqualTo(JOB_PATH + "/events")).inScenario(eventsScenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(events(false, event(2, "Fine-tuning job started"), event(1, "Validating training file"))))
			.willSetStateTo("more"));
		// the second poll finds a newer event and, on a second page, the ones already seen
		wm.stubFor(get(urlEqualTo(JOB_PATH + "/events?limit=100")).inScenario(eventsScenario)
			.whenScenarioStateIs("more")
			.willReturn(okJson(events(true, event(3, "Step 1/100: training loss=1.9"))))
			.willSetStateTo("final"));
		wm.stubFor(get(urlEqualTo(JOB_PATH + "/events?limit=100&after=ft-event-3")).inScenario(eventsScenario)
			.willReturn(okJson(events(false, event(2, "Fine-tuning job started"), event(1, "Validating training file")))));
		wm.stubFor(get(urlEqualTo(JOB_PATH + "/events?limit=100")).inScenario(eventsScenario)
			.whenScenarioStateIs("final")
			.willReturn(okJson(events(false, event(4, "New fine-tuned model created: ft:gpt-4o-mini:openai::7p4lURel"),
					event(3, "Step 1/100: training loss=1.9"), event(2, "Fine-tuning job started")))));
		StepVerifier.create(client().follow("ftjob-abc123").map(DefaultFineTuningClientTests::describe))
			.expectNext("ft-event-1", "ft-event-2", "ft-event-3", "ft-event-4", "finished succeeded 1200")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(3), getRequestedFor(urlEqualTo(JOB_PATH)));
		wm.verify(exactly(1), getRequestedFor(urlEqualTo(JOB_PATH + "/events?limit=100&after=ft-event-3")));
	}

	@Test
	void followResumesAfterAServerErrorAndAConnectionResetWithoutRepeatingEvents() {
		String scenario = "flaky";
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(job("running", "")))
			.willSetStateTo("error"));
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs("error")
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"The server had an error while processing your request.\","
						+ "\"type\":\"server_error\",\"param\":null,\"code\":null}}"))
			.willSetStateTo("reset"));
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs("reset")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("done"));
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs("done")
			.willReturn(okJson(job("failed",
					",\"error\":{\"code\":\"invalid_training_file\",\"message\":\"The file is invalid\",\"param\":\"training_file\"}"))));
		wm.stubFor(get(urlEqualTo(JOB_PATH + "/events?limit=100"))
			.willReturn(okJson(events(false, event(2, "Fine-tuning job started"), event(1, "Validating training file")))));
		StepVerifier.create(client().follow("ftjob-abc123").map(DefaultFineTuningClientTests::describe))
			.expectNext("ft-event-1", "ft-event-2", "finished failed null")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(4), getRequestedFor(urlEqualTo(JOB_PATH)));
	}

	@Test
	void followKeepsPollingAJobInAStatusUnknownToday() {
		String scenario = "unknown";
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(okJson(job("deploying_weights", "")))
			.willSetStateTo("done"));
		wm.stubFor(get(JOB_PATH).inScenario(scenario)
			.whenScenarioStateIs("done")
			.willReturn(okJson(job("cancelled", ""))));
		wm.stubFor(get(urlEqualTo(JOB_PATH + "/events?limit=100")).willReturn(okJson(events(false))));
		StepVerifier.create(client().follow("ftjob-abc123").map(DefaultFineTuningClientTests::describe))
			.expectNext("finished cancelled null")
			.expectComplete()
			.verify(TestPipelines.TIMEOUT);
	}

	@Test
	void followFailsAtOnceOnAnErrorNoWaitFixes() {
		wm.stubFor(get(JOB_PATH).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Could not find fine tune: ftjob-abc123\",\"type\":\"invalid_request_error\","
					+ "\"param\":\"fine_tune_id\",\"code\":\"fine_tune_not_found\"}}")));
		StepVerifier.create(client().follow("ftjob-abc123"))
			.expectErrorSatisfies((failure) -> assertThat(failure).isInstanceOf(InvalidRequestException.class)
				.satisfies((ex) -> assertThat(((InvalidRequestException) ex).kind())
					.isEqualTo(OpenAiErrorKind.NOT_FOUND)))
			.verify(TestPipelines.TIMEOUT);
		wm.verify(exactly(1), getRequestedFor(urlEqualTo(JOB_PATH)));
	}

	@Test
	void followGivesUpAfterTooManyFailedPollsInARow() {
		wm.stubFor(get(JOB_PATH).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Service Unavailable\",\"type\":\"server_error\",\"param\":null,\"code\":null}}")));
		StepVerifier.create(client().follow("ftjob-abc123"))
			.expectErrorSatisfies((failure) -> assertThat(failure).hasMessageContaining("503"))
			.verify(TestPipelines.TIMEOUT);
		// the first poll and three more
		wm.verify(exactly(4), getRequestedFor(urlEqualTo(JOB_PATH)));
	}

	static String describe(FineTuningUpdate update) {
		if (update instanceof FineTuningUpdate.Event event) {
			return event.event().id();
		}
		FineTuningJob job = ((FineTuningUpdate.Finished) update).job();
		return "finished " + job.status() + " " + job.trainedTokens();
	}

	static List<String> ids(List<FineTuningUpdate> updates) {
		return updates.stream().map(DefaultFineTuningClientTests::describe).toList();
	}

}
