package io.github.openaiboot.azure;

/**
 * Shape of the Azure OpenAI API a client calls.
 *
 * @author openai-spring-boot
 */
public enum AzureApiMode {

	/**
	 * The v1 API: paths under {@code /openai/v1}, the deployment sent as the model, and
	 * no api-version needed.
	 */
	V1,

	/**
	 * The dated API: paths under {@code /openai/deployments/{deployment}} for the calls
	 * of a model, under {@code /openai} for the others, each with an api-version.
	 */
	LEGACY

}
