package io.github.openaiboot.realtime;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An ephemeral client secret, for a browser or device to open a realtime session itself
 * without the API key. Its {@link #toString()} never shows the secret.
 *
 * @param value the secret, such as {@code ek_…}
 * @param expiresAt when it expires, in seconds since the epoch
 * @param session the session it opens
 * @author openai-spring-boot
 * @since 0.1.0
 */
public record RealtimeClientSecret(String value, long expiresAt, @Nullable JsonNode session) {

	@Override
	public String toString() {
		return "RealtimeClientSecret[value=******, expiresAt=" + this.expiresAt + "]";
	}

}
