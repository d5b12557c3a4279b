package io.github.openaiboot.sample;

import java.util.Map;

import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.realtime.RealtimeClientEvent;
import io.github.openaiboot.realtime.RealtimeServerEvent;
import io.github.openaiboot.realtime.RealtimeSessionConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * The page's realtime chat: a WebSocket at {@code /realtime} that relays each text the
 * browser sends to a Realtime API session of its own, opened by the server with the
 * server's key, and sends back the answer's text deltas as {@code {"delta": "…"}} and its
 * end as {@code {"done": true}} (or {@code {"error": "…"}}). The key never reaches the
 * browser.
 *
 * @author openai-spring-boot
 */
@Configuration(proxyBeanMethods = false)
class RealtimeRelay implements WebSocketHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RealtimeClient realtime;

	RealtimeRelay(RealtimeClient realtime) {
		this.realtime = realtime;
	}

	@Bean
	static HandlerMapping realtimeRelayMapping(RealtimeRelay relay) {
		return new SimpleUrlHandlerMapping(Map.of("/realtime", relay), -1);
	}

	@Override
	public Mono<Void> handle(WebSocketSession browser) {
		return this.realtime
			.connect(RealtimeSessionConfig.builder()
				.instructions("You are a helpful assistant. Answer briefly.")
				.outputModalities("text")
				.build())
			.flatMap((session) -> {
				Flux<String> answers = session.events().<String>handle((event, sink) -> {
					if (event instanceof RealtimeServerEvent.TextDelta delta && !delta.isTranscript()) {
						sink.next(json(Map.of("delta", delta.delta())));
					}
					else if (event instanceof RealtimeServerEvent.ResponseEvent response && response.isDone()) {
						sink.next(json(Map.of("done", true)));
					}
					else if (event instanceof RealtimeServerEvent.Error error) {
						sink.next(json(Map.of("error", String.valueOf(error.error().message()))));
					}
				}).onErrorResume((failure) -> Mono.just(json(Map.of("error", failure.getMessage()))));
				Mono<Void> questions = browser.receive()
					.map(WebSocketMessage::getPayloadAsText)
					.concatMap((text) -> session.send(RealtimeClientEvent.userText(text))
						.then(session.send(RealtimeClientEvent.responseCreate())))
					.then();
				Mono<Void> replies = browser.send(answers.map(browser::textMessage));
				// the browser leaving ends the relay and closes the OpenAI session
				return Mono.firstWithSignal(questions, replies).then(session.close());
			});
	}

	private static String json(Object value) {
		return JSON.writeValueAsString(value);
	}

}
