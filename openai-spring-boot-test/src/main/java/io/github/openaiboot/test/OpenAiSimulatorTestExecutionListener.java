package io.github.openaiboot.test;

import java.lang.reflect.Method;

import io.github.openaiboot.test.simulator.OpenAiSimulator;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Before each test of a class annotated with {@link AutoConfigureOpenAiSimulator}, resets
 * the simulator (faults, counters, rate-limit budgets) and every rate limiter of the
 * starter in the context, so that a test that provoked a 429 does not leave the model
 * held, or a fault armed, for the next test sharing the cached context.
 * <p>
 * The rate limiters are found by type name, {@code io.github.openaiboot.ratelimit.RateLimiter},
 * and reset through its {@code reset()} method, since this module does not depend on the
 * starter.
 *
 * @author OpenAI Spring Boot contributors
 */
final class OpenAiSimulatorTestExecutionListener extends AbstractTestExecutionListener {

	private static final String RATE_LIMITER = "io.github.openaiboot.ratelimit.RateLimiter";

	private static final String NAMED_CLIENT = "io.github.openaiboot.autoconfigure.OpenAiNamedClient";

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureOpenAiSimulator.class)
				|| !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		// the root simulator and those of named clients
		context.getBeansOfType(OpenAiSimulator.class).values().forEach(OpenAiSimulator::reset);
		resetRateLimiters(context);
	}

	static void resetRateLimiters(ApplicationContext context) {
		Class<?> type = rateLimiterType(context.getClassLoader());
		Method reset = (type != null) ? ReflectionUtils.findMethod(type, "reset") : null;
		if (type == null || reset == null) {
			return;
		}
		for (Object rateLimiter : context.getBeansOfType(type, false, false).values()) {
			ReflectionUtils.invokeMethod(reset, rateLimiter);
		}
		// named clients and pools keep their pacers inside their bundle bean
		Class<?> named = ClassUtils.isPresent(NAMED_CLIENT, context.getClassLoader())
				? ClassUtils.resolveClassName(NAMED_CLIENT, context.getClassLoader()) : null;
		Method rateLimiterOf = (named != null) ? ReflectionUtils.findMethod(named, "rateLimiter") : null;
		if (named != null && rateLimiterOf != null) {
			for (Object client : context.getBeansOfType(named, false, false).values()) {
				Object rateLimiter = ReflectionUtils.invokeMethod(rateLimiterOf, client);
				if (rateLimiter != null) {
					ReflectionUtils.invokeMethod(reset, rateLimiter);
				}
			}
		}
	}

	private static @Nullable Class<?> rateLimiterType(@Nullable ClassLoader classLoader) {
		if (!ClassUtils.isPresent(RATE_LIMITER, classLoader)) {
			return null;
		}
		return ClassUtils.resolveClassName(RATE_LIMITER, classLoader);
	}

}
