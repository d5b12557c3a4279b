package io.github.openaiboot.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.github.openaiboot.chat.ChatClient;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * How long an application's first chat call takes, and its start-up, with the starter's
 * warm-up ({@code openai.warm-up}) on and off: pairs of fresh JVMs, one of each, against
 * the fake server of this JVM. Each child starts the application, waits
 * {@code -Dfirst-call.idle} milliseconds (1000: traffic seldom arrives the moment an
 * application is ready), then times its first and second calls.
 *
 * <pre>
 * ./mvnw -f benchmarks exec:exec@first-call -Dfirst-call.args="-Dfirst-call.pairs=5"
 * </pre>
 *
 * @author openai-spring-boot
 */
public final class FirstCallBenchmark {

	private FirstCallBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("child")) {
			child(args[1]);
			return;
		}
		int pairs = Integer.getInteger("first-call.pairs", 5);
		List<double[]> on = new ArrayList<>();
		List<double[]> off = new ArrayList<>();
		SelfSignedTls tls = Boolean.getBoolean("first-call.tls") ? SelfSignedTls.create() : null;
		List<String> options = (tls != null) ? tls.trustStoreOptions() : List.of();
		try (FakeOpenAiServer server = (tls != null) ? FakeOpenAiServer.startSecure(1, tls)
				: FakeOpenAiServer.start(1)) {
			System.out.println("server: " + server.baseUrl());
			for (int i = 0; i < pairs; i++) {
				// alternate which goes first, as the load benchmark does
				boolean onFirst = (i % 2 == 0);
				double[] first = run(server.baseUrl(), onFirst, options);
				double[] second = run(server.baseUrl(), !onFirst, options);
				on.add(onFirst ? first : second);
				off.add(onFirst ? second : first);
				System.out.printf("pair %d: warm-up on: start %.0f ms, first call %.1f ms; off: start %.0f ms, "
						+ "first call %.1f ms%n", i + 1, on.get(i)[0], on.get(i)[1], off.get(i)[0], off.get(i)[1]);
			}
		}
		double[] ratios = new double[pairs];
		for (int i = 0; i < pairs; i++) {
			ratios[i] = on.get(i)[1] / off.get(i)[1];
		}
		System.out.printf("median of %d pairs: start %.0f -> %.0f ms (off -> on), first call %.1f -> %.1f ms, "
				+ "second call %.1f -> %.1f ms; first call on/off by pair: %.2fx%n", pairs, median(off, 0),
				median(on, 0), median(off, 1), median(on, 1), median(off, 2), median(on, 2), median(ratios));
	}

	private static double[] run(String baseUrl, boolean warmUp, List<String> options)
			throws IOException, InterruptedException {
		long idle = Long.getLong("first-call.idle", 1000);
		List<String> jvmOptions = new ArrayList<>(List.of("-Xms256m", "-Xmx256m",
				"-Dapp.properties=openai.warm-up=" + warmUp, "-Dfirst-call.idle=" + idle));
		jvmOptions.addAll(options);
		List<String> command = ChildJvms.java(jvmOptions);
		command.addAll(List.of(FirstCallBenchmark.class.getName(), "child", baseUrl));
		return ChildJvms.result(command);
	}

	private static void child(String baseUrl) throws InterruptedException {
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = BenchmarkContexts.starter(baseUrl)) {
			double started = (System.nanoTime() - start) / 1e6;
			ChatClient chat = context.getBean(ChatClient.class);
			Thread.sleep(Long.getLong("first-call.idle", 1000));
			long first = System.nanoTime();
			chat.ask("Hi").block();
			long second = System.nanoTime();
			chat.ask("Hi").block();
			long end = System.nanoTime();
			System.out.printf("RESULT %.1f %.2f %.2f%n", started, (second - first) / 1e6, (end - second) / 1e6);
		}
	}

	private static double median(List<double[]> runs, int index) {
		return median(runs.stream().mapToDouble((run) -> run[index]).toArray());
	}

	private static double median(double[] values) {
		return ChildJvms.quantile(values, 0.5);
	}

}
