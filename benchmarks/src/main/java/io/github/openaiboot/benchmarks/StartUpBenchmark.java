package io.github.openaiboot.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.openaiboot.chat.ChatClient;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the starter adds to an application's start-up: pairs of fresh JVMs, each starting
 * the benchmarks' application (WebClient, Jackson, Micrometer, Actuator) once with the
 * starter, its chat client taken from the context, and once without the starter, its
 * raw {@code WebClient.builder()} client built instead, the way the load benchmark's
 * plain client is. Each child times its start from {@code main} to the client in hand
 * and exits at once (a context's close waits out Reactor Netty's quiet period, which is
 * not start-up). The order alternates from pair to pair; the figure to read is the
 * median of the pairs' differences.
 *
 * <pre>
 * ./mvnw -f benchmarks exec:exec@start-up -Dstart-up.args="-Dstart-up.pairs=15"
 * </pre>
 *
 * {@code -Dstart-up.jvmArgs} passes options to the children, such as
 * {@code -XX:TieredStopAtLevel=1}, which on a machine with few cores makes the runs less
 * spread by taking the C2 compiler out.
 *
 * @author openai-spring-boot
 */
public final class StartUpBenchmark {

	private static final String BASE_URL = "http://127.0.0.1:9/v1";

	private StartUpBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("child")) {
			child(Boolean.parseBoolean(args[1]));
			return;
		}
		int pairs = Integer.getInteger("start-up.pairs", 10);
		double[] starter = new double[pairs];
		double[] plain = new double[pairs];
		double[] differences = new double[pairs];
		for (int i = 0; i < pairs; i++) {
			boolean starterFirst = (i % 2 == 0);
			double first = run(starterFirst);
			double second = run(!starterFirst);
			starter[i] = starterFirst ? first : second;
			plain[i] = starterFirst ? second : first;
			differences[i] = starter[i] - plain[i];
			System.out.printf("pair %d: with the starter %.0f ms, without %.0f ms, added %.0f ms%n", i + 1, starter[i],
					plain[i], differences[i]);
		}
		System.out.printf("median of %d pairs: without the starter %.0f ms, with it %.0f ms; added by the starter, "
				+ "median of the pairs' differences: %.0f ms (quartiles %.0f to %.0f)%n", pairs, median(plain),
				median(starter), median(differences), ChildJvms.quantile(differences, 0.25),
				ChildJvms.quantile(differences, 0.75));
	}

	private static double run(boolean withStarter) throws IOException, InterruptedException {
		List<String> options = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
		String jvmArgs = System.getProperty("start-up.jvmArgs", "").strip();
		if (!jvmArgs.isEmpty()) {
			options.addAll(Arrays.asList(jvmArgs.split("\\s+")));
		}
		String properties = System.getProperty(BenchmarkContexts.PROPERTIES);
		if (properties != null) {
			options.add("-D" + BenchmarkContexts.PROPERTIES + "=" + properties);
		}
		List<String> command = ChildJvms.java(options);
		command.addAll(List.of(StartUpBenchmark.class.getName(), "child", Boolean.toString(withStarter)));
		return ChildJvms.result(command)[0];
	}

	private static void child(boolean withStarter) {
		long start = System.nanoTime();
		if (withStarter) {
			ConfigurableApplicationContext context = BenchmarkContexts.starter(BASE_URL);
			context.getBean(ChatClient.class);
		}
		else {
			BenchmarkContexts.withoutStarter();
			PlainBenchmarkClient.create(BASE_URL);
		}
		double started = (System.nanoTime() - start) / 1e6;
		System.out.printf("RESULT %.1f%n", started);
		System.out.flush();
		Runtime.getRuntime().halt(0);
	}

	private static double median(double[] values) {
		return ChildJvms.quantile(values, 0.5);
	}

}
