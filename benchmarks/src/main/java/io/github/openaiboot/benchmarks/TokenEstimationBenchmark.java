package io.github.openaiboot.benchmarks;

import java.util.concurrent.TimeUnit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Token counting of a 2 KB prompt with JTokkit's {@code o200k_base}, the cost the pacing
 * stage pays per request before it may send. Measures JTokkit directly; switch to the
 * starter's token counter once it exists, to include its overhead.
 *
 * @author openai-spring-boot
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenEstimationBenchmark {

	private final String prompt = CannedResponses.prompt2k();

	private Encoding o200k;

	/**
	 * Load the encoding, which takes long enough to stay out of the measurement.
	 */
	@Setup
	public void loadEncoding() {
		this.o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
	}

	@Benchmark
	public int countTokens2kPrompt() {
		return this.o200k.countTokens(this.prompt);
	}

}
