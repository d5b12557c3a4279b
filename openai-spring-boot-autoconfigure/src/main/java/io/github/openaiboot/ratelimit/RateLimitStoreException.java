package io.github.openaiboot.ratelimit;

/**
 * The store of shared rate-limit buckets, such as Redis, could not be reached, and the
 * pacer was told to fail closed rather than pace locally.
 *
 * @author openai-spring-boot
 */
public class RateLimitStoreException extends RuntimeException {

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param cause the failure of the store
	 */
	public RateLimitStoreException(String message, Throwable cause) {
		super(message, cause);
	}

}
