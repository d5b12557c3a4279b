package io.github.openaiboot.finetuning;

import java.time.Duration;

/**
 * How a followed fine-tuning job is polled.
 *
 * @param pollInterval the pause between polls while events arrive
 * @param maxPollInterval the longest pause, reached by doubling the pause after each
 * poll without new events or that failed
 * @param maxFailures the failed polls in a row after which following gives up with the
 * last failure
 * @author openai-spring-boot
 */
public record FollowSettings(Duration pollInterval, Duration maxPollInterval, int maxFailures) {

	/**
	 * Create settings.
	 */
	public FollowSettings {
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("'pollInterval' must be positive, but was " + pollInterval);
		}
		if (maxPollInterval.compareTo(pollInterval) < 0) {
			throw new IllegalArgumentException("'maxPollInterval' (" + maxPollInterval
					+ ") must not be shorter than 'pollInterval' (" + pollInterval + ")");
		}
		if (maxFailures < 0) {
			throw new IllegalArgumentException("'maxFailures' must not be negative, but was " + maxFailures);
		}
	}

	/**
	 * Return the settings used when none are configured: polls every 10 seconds while
	 * events arrive, at most every minute otherwise, giving up after 10 failed polls in
	 * a row.
	 * @return the default settings
	 */
	public static FollowSettings defaults() {
		return new FollowSettings(Duration.ofSeconds(10), Duration.ofMinutes(1), 10);
	}

	/**
	 * Return the pause after a number of polls in a row without new events.
	 * @param idlePolls the polls without new events (or failed) since the last event
	 * @return the pause, from the poll interval doubling to the longest one
	 */
	Duration pause(int idlePolls) {
		Duration pause = this.pollInterval;
		for (int i = 0; i < idlePolls && pause.compareTo(this.maxPollInterval) < 0; i++) {
			pause = pause.multipliedBy(2);
		}
		return (pause.compareTo(this.maxPollInterval) > 0) ? this.maxPollInterval : pause;
	}

}
