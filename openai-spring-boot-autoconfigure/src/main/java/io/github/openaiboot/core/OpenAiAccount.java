package io.github.openaiboot.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import io.github.openaiboot.error.ApiKeyRedactor;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI account one call is made with: an API key and, optionally, the organization
 * and project it is sent with. {@link #id()} names the account without its key (a hash),
 * for pacing scopes, meters and health; {@link #toString()} masks the key.
 *
 * @author openai-spring-boot
 */
public final class OpenAiAccount {

	private final String apiKey;

	private final @Nullable String organization;

	private final @Nullable String project;

	private final String id;

	/**
	 * Create an account.
	 * @param apiKey the API key
	 * @param organization the organization sent as {@code OpenAI-Organization}, if any
	 * @param project the project sent as {@code OpenAI-Project}, if any
	 */
	public OpenAiAccount(String apiKey, @Nullable String organization, @Nullable String project) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException("An OpenAI account needs an API key");
		}
		this.apiKey = apiKey.strip();
		this.organization = organization;
		this.project = project;
		this.id = "acct_" + hash(this.apiKey + '\n' + Objects.toString(organization, "") + '\n'
				+ Objects.toString(project, ""));
	}

	/**
	 * Create an account of an API key alone.
	 * @param apiKey the API key
	 * @return the account
	 */
	public static OpenAiAccount of(String apiKey) {
		return new OpenAiAccount(apiKey, null, null);
	}

	/**
	 * Return the API key.
	 * @return the key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Return the organization.
	 * @return the organization, or {@code null}
	 */
	public @Nullable String organization() {
		return this.organization;
	}

	/**
	 * Return the project.
	 * @return the project, or {@code null}
	 */
	public @Nullable String project() {
		return this.project;
	}

	/**
	 * Return a name of the account that does not reveal its key: {@code acct_} and the
	 * first 16 hexadecimal digits of the SHA-256 of its key, organization and project.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	private static String hash(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return obj instanceof OpenAiAccount other && this.apiKey.equals(other.apiKey)
				&& Objects.equals(this.organization, other.organization) && Objects.equals(this.project, other.project);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "OpenAiAccount[id=" + this.id + ", apiKey=" + ApiKeyRedactor.mask(this.apiKey) + ", organization="
				+ this.organization + ", project=" + this.project + "]";
	}

}
