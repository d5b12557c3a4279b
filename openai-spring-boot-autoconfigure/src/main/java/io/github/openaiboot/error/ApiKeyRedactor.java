package io.github.openaiboot.error;

import java.util.regex.Pattern;

/**
 * Masks anything that looks like a complete OpenAI API key. OpenAI already masks keys
 * in its own messages, but a proxy or gateway in between may echo the header back, and
 * no message, log line or {@code toString()} of ours may ever carry a key.
 *
 * @author openai-spring-boot
 */
public final class ApiKeyRedactor {

	private static final Pattern KEY = Pattern.compile("\\b(sk-[A-Za-z0-9]{0,4})[A-Za-z0-9_\\-]{16,}");

	private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]{8,}");

	private ApiKeyRedactor() {
	}

	/**
	 * Return the text with every complete API key and bearer token masked.
	 * @param text the text to clean
	 * @return the text with keys masked
	 */
	public static String redact(String text) {
		String redacted = KEY.matcher(text).replaceAll("$1****");
		return BEARER.matcher(redacted).replaceAll("$1****");
	}

	/**
	 * Return a masked form of a key that is safe to show: its prefix and last four
	 * characters.
	 * @param apiKey the key
	 * @return the masked key
	 */
	public static String mask(String apiKey) {
		if (apiKey.length() <= 8) {
			return "****";
		}
		return apiKey.substring(0, 3) + "****" + apiKey.substring(apiKey.length() - 4);
	}

}
