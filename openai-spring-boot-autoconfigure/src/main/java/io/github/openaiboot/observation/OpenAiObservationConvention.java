package io.github.openaiboot.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for OpenAI calls. Declare a bean of this type to change
 * the observation's name or key values.
 *
 * @author openai-spring-boot
 */
public interface OpenAiObservationConvention extends ObservationConvention<OpenAiObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof OpenAiObservationContext;
	}

}
