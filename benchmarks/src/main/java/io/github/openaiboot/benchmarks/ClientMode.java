package io.github.openaiboot.benchmarks;

import java.util.Locale;

/**
 * Which client a load run drives.
 *
 * @author openai-spring-boot
 */
public enum ClientMode {

	/**
	 * A hand-written exchange on a plain {@code WebClient}.
	 */
	PLAIN,

	/**
	 * The starter's auto-configured clients, defaults on.
	 */
	STARTER;

	String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ClientMode of(String id) {
		return valueOf(id.strip().toUpperCase(Locale.ROOT));
	}

}
