package io.github.openaiboot.test;

import java.util.function.Supplier;

import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that runs an {@link OpenAiSimulator} for a test class and resets its faults, counters and
 * rate-limit budgets before each test.
 * <p>
 * Register it on a static field to configure it and reach the simulator:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static OpenAiSimulatorExtension openai = new OpenAiSimulatorExtension();
 *
 * &#64;Test
 * void retriesOnce() {
 *     openai.simulator().inject(SimulatedFault.serverError()).times(1);
 * }
 * </pre>
 *
 * or with {@code @ExtendWith(OpenAiSimulatorExtension.class)} and an {@link OpenAiSimulator} test or lifecycle method
 * parameter. Registered on an instance field, it runs one simulator per test.
 *
 * @author OpenAI Spring Boot contributors
 */
public final class OpenAiSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

	private final Supplier<OpenAiSimulator> factory;

	private @Nullable OpenAiSimulator simulator;

	private @Nullable String owner;

	/**
	 * Creates an extension with a default simulator on a free port.
	 */
	public OpenAiSimulatorExtension() {
		this(OpenAiSimulator.builder());
	}

	/**
	 * Creates an extension whose simulator is built by the given builder.
	 * @param builder the configured builder
	 */
	public OpenAiSimulatorExtension(OpenAiSimulator.Builder builder) {
		this.factory = builder::build;
	}

	/**
	 * Returns the running simulator.
	 * @return the simulator
	 * @throws IllegalStateException outside a test's lifecycle
	 */
	public synchronized OpenAiSimulator simulator() {
		if (this.simulator == null) {
			throw new IllegalStateException("OpenAiSimulator is only available while tests run");
		}
		return this.simulator;
	}

	/**
	 * Returns the simulator's base URL, {@code http://localhost:{port}/v1}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return simulator().baseUrl();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		ensureStarted(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		ensureStarted(context).reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		stopIfOwnedBy(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stopIfOwnedBy(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == OpenAiSimulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return ensureStarted(extensionContext);
	}

	private synchronized OpenAiSimulator ensureStarted(ExtensionContext context) {
		if (this.simulator == null) {
			this.simulator = this.factory.get().start();
			this.owner = context.getUniqueId();
		}
		return this.simulator;
	}

	private synchronized void stopIfOwnedBy(ExtensionContext context) {
		if (this.simulator != null && context.getUniqueId().equals(this.owner)) {
			this.simulator.stop();
			this.simulator = null;
			this.owner = null;
		}
	}

}
