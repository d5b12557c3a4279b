package io.github.openaiboot.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.sun.management.OperatingSystemMXBean;

/**
 * Reads what the JVM spends: CPU time, heap after GC, and which threads are alive.
 *
 * @author openai-spring-boot
 */
final class JvmProbe {

	/**
	 * Name prefixes of threads that the JVM, Reactor, Netty, the test runner or this
	 * harness start; any other thread is reported.
	 */
	private static final List<String> KNOWN_PREFIXES = List.of(
			// JVM
			"main", "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Notification Thread",
			"Attach Listener", "process reaper", "DestroyJavaVM", "Service Thread", "Monitor Deflation Thread",
			"JFR ", "RMI ", "ForkJoinPool.commonPool-worker-", "surefire-forkedjvm-",
			// Reactor and Netty
			"reactor-", "parallel-", "boundedElastic-", "single-", "elastic-", "nioEventLoopGroup-",
			"epollEventLoopGroup-", "kqueueEventLoopGroup-", "globalEventExecutor-", "threadDeathWatcher-",
			"ObjectCleanerThread",
			// this harness
			FakeOpenAiServer.THREAD_PREFIX);

	private JvmProbe() {
	}

	/**
	 * Return the CPU time the JVM has used, less that of the fake server's threads when
	 * the server runs in this JVM.
	 * @return the CPU time in nanoseconds
	 */
	static long clientCpuNanos() {
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long server = 0;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith(FakeOpenAiServer.THREAD_PREFIX)) {
				server += Math.max(0, threads.getThreadCpuTime(thread.getId()));
			}
		}
		return os.getProcessCpuTime() - server;
	}

	/**
	 * Collect garbage and return the used heap.
	 * @return the used heap in bytes
	 */
	static long heapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static int liveThreads() {
		return ManagementFactory.getThreadMXBean().getThreadCount();
	}

	/**
	 * Return the threads that are neither the JVM's, Reactor's, Netty's nor this
	 * harness's, by name with numbers folded, and how many of each.
	 * @return descriptions such as {@code my-pool-N x4}
	 */
	static List<String> foreignThreads() {
		Map<String, Integer> counts = new TreeMap<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			String name = thread.getName();
			if (KNOWN_PREFIXES.stream().noneMatch(name::startsWith)) {
				counts.merge(name.replaceAll("\\d+", "N"), 1, Integer::sum);
			}
		}
		return counts.entrySet().stream().map((entry) -> entry.getKey() + " x" + entry.getValue()).toList();
	}

}
