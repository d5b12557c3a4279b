package io.github.openaiboot.benchmarks;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link StageCostBenchmark}'s stage settings.
 */
class StageCostBenchmarkTests {

	@Test
	void everyParameterValueSwitchesOffWhatItsNameSays() throws NoSuchFieldException {
		String[] values = StageCostBenchmark.class.getField("stages").getAnnotation(Param.class).value();
		assertThat(values).allSatisfy((stages) -> assertThat(StageCostBenchmark.properties(stages)).isNotNull());
		assertThat(StageCostBenchmark.properties("defaults")).isEmpty();
		assertThat(StageCostBenchmark.properties("no-pacing")).containsExactly("openai.rate-limit.enabled=false");
		assertThat(StageCostBenchmark.properties("no-long-task-timers"))
			.containsExactly("management.metrics.observations.ignored-meters=long-task-timer");
		// with no observation, there is no long task timer to leave out either
		assertThat(StageCostBenchmark.properties("none")).hasSize(4)
			.containsAll(Arrays.stream(values)
				.filter((stages) -> !stages.equals("none") && !stages.equals("no-long-task-timers"))
				.flatMap((stages) -> Arrays.stream(StageCostBenchmark.properties(stages)))
				.toList());
	}

	@Test
	void unknownStagesAreNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> StageCostBenchmark.properties("fast"))
			.withMessageContaining("'fast'");
	}

}
