package io.github.openaiboot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts one {@link io.github.openaiboot.test.simulator.OpenAiSimulator} per Spring test context, on a free port, and
 * points the application at it.
 * <p>
 * The simulator is registered as a bean named {@code openAiSimulator} (so tests can autowire it) and stopped when the
 * context closes. The property {@code openai.base-url} is set to its base URL, overriding any other value, and
 * {@code openai.api-key} to {@code sk-simulator-key} unless another property source sets it.
 * <p>
 * Before each test method the simulator is reset (faults, counters, rate-limit budgets), and so is every rate
 * limiter of the starter in the context ({@code RateLimiter.reset()}: learned limits, buckets and holds), so that a
 * {@code 429} one test provoked does not hold the model for the next test sharing the cached context.
 *
 * @author OpenAI Spring Boot contributors
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureOpenAiSimulator {

}
