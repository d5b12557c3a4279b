package io.github.openaiboot.sample;

import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.finetuning.FineTuningJob;
import io.github.openaiboot.finetuning.FineTuningJobRequest;
import io.github.openaiboot.finetuning.FineTuningUpdate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's fine-tuning job, followed live on the page: create a job, then follow it
 * as server-sent events, one {@code event} per job event and a {@code done} event with
 * the job as it ended (a failure ends the stream with a {@code problem} event, as the
 * chat stream does).
 *
 * @author openai-spring-boot
 */
@RestController
@RequestMapping("/api/fine-tuning/jobs")
class FineTuningController {

	private final FineTuningClient fineTuningClient;

	FineTuningController(FineTuningClient fineTuningClient) {
		this.fineTuningClient = fineTuningClient;
	}

	@PostMapping
	Mono<JobView> create() {
		return this.fineTuningClient
			.create(FineTuningJobRequest.builder("gpt-4o-mini-2024-07-18", "file-sample-training").suffix("sample")
				.build())
			.map(JobView::of);
	}

	@PostMapping("/{id}/cancel")
	Mono<JobView> cancel(@PathVariable String id) {
		return this.fineTuningClient.cancel(id).map(JobView::of);
	}

	@GetMapping(path = "/{id}/follow", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> follow(@PathVariable String id) {
		return this.fineTuningClient.follow(id)
			.map((update) -> (update instanceof FineTuningUpdate.Event event)
					? sse("event", new EventView(event.event().createdAt(), event.event().message()))
					: sse("done", JobView.of(((FineTuningUpdate.Finished) update).job())))
			.onErrorResume(OpenAiException.class,
					(ex) -> Mono.just(sse("problem", OpenAiProblemHandler.problemFor(ex))));
	}

	private static ServerSentEvent<Object> sse(String name, Object data) {
		return ServerSentEvent.builder(data).event(name).build();
	}

	record EventView(long createdAt, @Nullable String message) {

	}

	record JobView(@Nullable String id, @Nullable String status, @Nullable String fineTunedModel,
			@Nullable Long trainedTokens) {

		static JobView of(FineTuningJob job) {
			return new JobView(job.id(), job.status(), job.fineTunedModel(), job.trainedTokens());
		}

	}

}
