package io.github.openaiboot.benchmarks;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeStrategies;

/**
 * An {@link ExchangeFunction} that answers from memory with the canned responses, so
 * that a microbenchmark measures the client's own code (request building, filters,
 * observation, header reading, SSE and JSON decoding) and no network. A stream arrives
 * one data buffer per event, as it does from a socket.
 *
 * @author openai-spring-boot
 */
public final class InMemoryExchange implements ExchangeFunction {

	private final ExchangeStrategies strategies = ExchangeStrategies.withDefaults();

	@Override
	public Mono<ClientResponse> exchange(ClientRequest request) {
		ClientResponse.Builder response = ClientResponse.create(HttpStatus.OK, this.strategies)
			.header("x-request-id", "req_5eed0000000000a1")
			.header("openai-processing-ms", "412");
		CannedResponses.RATE_LIMIT_HEADERS.forEach(response::header);
		if (request.url().getPath().endsWith("/embeddings")) {
			return Mono.just(json(response, CannedResponses.embeddingBase64()));
		}
		if (request.headers().getAccept().contains(MediaType.TEXT_EVENT_STREAM)) {
			Flux<DataBuffer> events = Flux.fromIterable(CannedResponses.sseEvents())
				.map(DefaultDataBufferFactory.sharedInstance::wrap);
			return Mono.just(response.header("Content-Type", "text/event-stream; charset=utf-8").body(events).build());
		}
		return Mono.just(json(response, CannedResponses.chatCompletion()));
	}

	private static ClientResponse json(ClientResponse.Builder response, byte[] body) {
		return response.header("Content-Type", "application/json")
			.header("Content-Length", Integer.toString(body.length))
			.body(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)))
			.build();
	}

}
