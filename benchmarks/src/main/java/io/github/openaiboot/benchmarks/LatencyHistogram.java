package io.github.openaiboot.benchmarks;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A lock-free latency histogram with about 0.2% resolution: exact microseconds below
 * 1 ms, then 512 buckets per power of two. Histograms add up, and cross a process
 * boundary as text ({@link #encode()}, {@link #decode(String)}), so that percentiles
 * can be taken over many short measurements.
 *
 * @author openai-spring-boot
 */
final class LatencyHistogram {

	private static final int EXACT = 1024;

	private static final int SUB_BUCKET_BITS = 9;

	private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

	private final AtomicLongArray counts = new AtomicLongArray(EXACT + (64 - 10) * SUB_BUCKETS);

	void recordNanos(long nanos) {
		this.counts.incrementAndGet(index(Math.max(0, nanos / 1000)));
	}

	/**
	 * Add the counts of another histogram to this one.
	 * @param other the other histogram
	 */
	void add(LatencyHistogram other) {
		for (int i = 0; i < other.counts.length(); i++) {
			long count = other.counts.get(i);
			if (count != 0) {
				this.counts.addAndGet(i, count);
			}
		}
	}

	/**
	 * Return the non-empty buckets as text: {@code index:count} pairs separated by
	 * commas, empty when nothing was recorded.
	 * @return the text
	 * @see #decode(String)
	 */
	String encode() {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < this.counts.length(); i++) {
			long count = this.counts.get(i);
			if (count != 0) {
				if (!text.isEmpty()) {
					text.append(',');
				}
				text.append(i).append(':').append(count);
			}
		}
		return text.toString();
	}

	/**
	 * Read a histogram from the text of {@link #encode()}.
	 * @param text the text
	 * @return the histogram
	 */
	static LatencyHistogram decode(String text) {
		LatencyHistogram histogram = new LatencyHistogram();
		for (String bucket : text.split(",")) {
			int colon = bucket.indexOf(':');
			if (colon > 0) {
				histogram.counts.addAndGet(Integer.parseInt(bucket.substring(0, colon)),
						Long.parseLong(bucket.substring(colon + 1)));
			}
		}
		return histogram;
	}

	long count() {
		long total = 0;
		for (int i = 0; i < this.counts.length(); i++) {
			total += this.counts.get(i);
		}
		return total;
	}

	/**
	 * Return the latency at a percentile.
	 * @param percentile between 0 and 100
	 * @return the latency in microseconds, or 0 when nothing was recorded
	 */
	long percentileMicros(double percentile) {
		long total = count();
		if (total == 0) {
			return 0;
		}
		long rank = (long) Math.ceil(total * percentile / 100.0);
		long seen = 0;
		for (int i = 0; i < this.counts.length(); i++) {
			seen += this.counts.get(i);
			if (seen >= rank) {
				return valueOf(i);
			}
		}
		return valueOf(this.counts.length() - 1);
	}

	private static int index(long micros) {
		if (micros < EXACT) {
			return (int) micros;
		}
		int magnitude = 63 - Long.numberOfLeadingZeros(micros);
		int sub = (int) ((micros >>> (magnitude - SUB_BUCKET_BITS)) & (SUB_BUCKETS - 1));
		return EXACT + (magnitude - 10) * SUB_BUCKETS + sub;
	}

	private static long valueOf(int index) {
		if (index < EXACT) {
			return index;
		}
		int magnitude = (index - EXACT) / SUB_BUCKETS + 10;
		long sub = (index - EXACT) % SUB_BUCKETS;
		return (1L << magnitude) + (sub << (magnitude - SUB_BUCKET_BITS));
	}

}
