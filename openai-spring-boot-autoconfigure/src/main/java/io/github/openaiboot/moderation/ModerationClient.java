package io.github.openaiboot.moderation;

import reactor.core.publisher.Mono;

/**
 * Reactive client for OpenAI's moderation ({@code /moderations}), free of charge.
 *
 * @author openai-spring-boot
 */
public interface ModerationClient {

	/**
	 * Moderate texts or text and image parts.
	 * @param request the request
	 * @return the results
	 */
	Mono<ModerationResponse> moderate(ModerationRequest request);

	/**
	 * Moderate one text.
	 * @param text the text
	 * @return its result
	 */
	default Mono<ModerationResponse.Result> moderate(String text) {
		return Mono.fromSupplier(() -> ModerationRequest.of(text))
			.flatMap(this::moderate)
			.flatMap((response) -> Mono.justOrEmpty(response.results().stream().findFirst()));
	}

}
