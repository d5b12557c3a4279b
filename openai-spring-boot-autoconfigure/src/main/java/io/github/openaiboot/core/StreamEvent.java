package io.github.openaiboot.core;

import io.github.openaiboot.error.OpenAiError;
import org.jspecify.annotations.Nullable;

/**
 * A streamed chunk that says where its stream ends, for streams that do not end with
 * {@code data: [DONE]}, such as those of the Responses API, which end with a terminal
 * event. The {@link OpenAiPipeline} completes such a stream after the chunk that
 * {@link #endsStream() ends it} (or after {@code [DONE]}, should it come), fails it with
 * a {@link io.github.openaiboot.error.StreamErrorException} when a chunk
 * {@link #streamError() reports an error}, and fails it as broken when it ends before
 * either. Streams of other chunk types must end with {@code [DONE]}.
 *
 * @author openai-spring-boot
 */
public interface StreamEvent {

	/**
	 * Return whether this chunk is the last of its stream.
	 * @return whether the stream ends with it
	 */
	boolean endsStream();

	/**
	 * Return the error this chunk reports, which fails the stream instead of being
	 * passed on.
	 * @return the error, or {@code null} when the chunk reports none
	 */
	default @Nullable OpenAiError streamError() {
		return null;
	}

}
