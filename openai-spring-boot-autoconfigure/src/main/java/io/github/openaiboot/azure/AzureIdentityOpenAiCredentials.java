package io.github.openaiboot.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.github.openaiboot.core.OpenAiCredentials;
import reactor.core.publisher.Mono;

/**
 * {@link OpenAiCredentials} from an Azure {@link TokenCredential}, such as
 * {@code DefaultAzureCredential}: Microsoft Entra ID tokens for one scope.
 *
 * @author openai-spring-boot
 */
public final class AzureIdentityOpenAiCredentials implements OpenAiCredentials {

	private final TokenCredential credential;

	private final String scope;

	/**
	 * Create credentials.
	 * @param credential the Azure credential that obtains the tokens
	 * @param scope the scope of the tokens, such as {@code https://ai.azure.com/.default}
	 */
	public AzureIdentityOpenAiCredentials(TokenCredential credential, String scope) {
		this.credential = credential;
		this.scope = scope;
	}

	@Override
	public Mono<AccessToken> token() {
		return this.credential.getToken(new TokenRequestContext().addScopes(this.scope))
			.map((token) -> new AccessToken(token.getToken(), token.getExpiresAt().toInstant()));
	}

	@Override
	public String toString() {
		return "AzureIdentityOpenAiCredentials[credential=" + this.credential.getClass().getSimpleName() + ", scope="
				+ this.scope + "]";
	}

}
