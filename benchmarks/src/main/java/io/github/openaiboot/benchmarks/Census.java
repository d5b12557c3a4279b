package io.github.openaiboot.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a client's JVM holds after a scenario: heap after a full GC and threads, in a
 * form that crosses a process boundary as one line of text.
 *
 * @param mode the client
 * @param heapBytes used heap after a full GC
 * @param liveThreads live threads
 * @param foreignThreads threads neither the JVM's, Reactor's, Netty's nor the harness's
 * @author openai-spring-boot
 */
record Census(ClientMode mode, long heapBytes, int liveThreads, List<String> foreignThreads) {

	/**
	 * Take the census of this JVM.
	 * @param mode the client it runs
	 * @return the census
	 */
	static Census take(ClientMode mode) {
		long heap = JvmProbe.heapAfterGc();
		return new Census(mode, heap, JvmProbe.liveThreads(), JvmProbe.foreignThreads());
	}

	String toLine() {
		return WorkerProtocol.reply(WorkerProtocol.CENSUS, "mode=" + this.mode.id(), "heap=" + this.heapBytes,
				"threads=" + this.liveThreads, "foreign=" + String.join("|", this.foreignThreads));
	}

	static Census parse(String line) {
		Map<String, String> values = WorkerProtocol.fields(WorkerProtocol.CENSUS, line);
		String foreign = values.getOrDefault("foreign", "");
		return new Census(ClientMode.of(values.get("mode")), Long.parseLong(values.get("heap")),
				Integer.parseInt(values.get("threads")),
				foreign.isEmpty() ? List.of() : Arrays.asList(foreign.split("\\|")));
	}

}
