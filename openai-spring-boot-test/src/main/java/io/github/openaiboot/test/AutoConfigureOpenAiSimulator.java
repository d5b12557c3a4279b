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
 * {@code openai.api-key} to {@code sk-simulator-key} unless another property source sets it. Named clients
 * ({@link #clients()}, {@link #azureClients()}) get a simulator each, so that a test can see what each account
 * received and fail one account alone.
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

	/**
	 * Names of further clients that each get a simulator of their own, registered as a
	 * bean named {@code openAiSimulator.<name>}, with {@code openai.clients.<name>.base-url}
	 * pointing at it.
	 * @return the client names
	 */
	String[] clients() default {};

	/**
	 * Names of further clients that each get a simulator in Azure OpenAI mode
	 * ({@code OpenAiSimulator.Builder#azure()}), registered as a bean named
	 * {@code openAiSimulator.<name>}, with {@code openai.clients.<name>.provider=azure},
	 * its {@code endpoint}, and an {@code api-key} unless another property source sets it.
	 * @return the client names
	 */
	String[] azureClients() default {};

}
