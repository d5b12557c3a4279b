package io.github.openaiboot.test.simulator;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Formats durations the way OpenAI's headers and messages do (Go's {@code time.Duration} style: {@code 17ms},
 * {@code 1.2s}, {@code 6m0s}).
 *
 * @author OpenAI Spring Boot contributors
 */
final class GoDuration {

	private GoDuration() {
	}

	static String format(Duration duration) {
		long millis = Math.max(0, duration.toMillis());
		if (millis == 0) {
			return "0s";
		}
		if (millis < 1000) {
			return millis + "ms";
		}
		long hours = millis / 3_600_000;
		long minutes = (millis % 3_600_000) / 60_000;
		BigDecimal seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros();
		StringBuilder result = new StringBuilder();
		if (hours > 0) {
			result.append(hours).append('h');
		}
		if (hours > 0 || minutes > 0) {
			result.append(minutes).append('m');
		}
		return result.append(seconds.toPlainString()).append('s').toString();
	}

}
