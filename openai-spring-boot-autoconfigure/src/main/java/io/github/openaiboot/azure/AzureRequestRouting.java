package io.github.openaiboot.azure;

import java.util.Map;

import io.github.openaiboot.core.OpenAiMultipartBody;
import io.github.openaiboot.core.OpenAiRequest;
import io.github.openaiboot.core.RequestRouting;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Routes requests written for OpenAI's API to an Azure OpenAI resource: in
 * {@link AzureApiMode#V1 v1} mode under {@code /openai/v1} with the model's deployment as
 * the body's model, in {@link AzureApiMode#LEGACY legacy} mode under
 * {@code /openai/deployments/{deployment}} (for the calls of a model) or {@code /openai},
 * with the {@code api-version} query parameter.
 *
 * @author openai-spring-boot
 */
public final class AzureRequestRouting implements RequestRouting {

	private static final String[] DEPLOYMENT_PATHS = { "/chat/", "/completions", "/embeddings", "/images/",
			"/audio/" };

	private final AzureApiMode mode;

	private final Map<String, String> deployments;

	private final @Nullable String apiVersion;

	private final JsonMapper mapper;

	/**
	 * Create a routing.
	 * @param mode the API shape
	 * @param deployments the deployment names by model name; a model without one is its
	 * own deployment
	 * @param apiVersion the api-version, required in legacy mode
	 * @param mapper the mapper for OpenAI's wire format
	 */
	public AzureRequestRouting(AzureApiMode mode, Map<String, String> deployments, @Nullable String apiVersion,
			JsonMapper mapper) {
		if (mode == AzureApiMode.LEGACY && (apiVersion == null || apiVersion.isBlank())) {
			throw new IllegalArgumentException("The legacy Azure OpenAI API needs an api-version");
		}
		this.mode = mode;
		this.deployments = Map.copyOf(deployments);
		this.apiVersion = apiVersion;
		this.mapper = mapper;
	}

	/**
	 * Return the deployment that serves a model.
	 * @param model the model name
	 * @return the deployment name
	 */
	public String deployment(String model) {
		return this.deployments.getOrDefault(model, model);
	}

	@Override
	public String uri(OpenAiRequest<?> request) {
		String path = request.path();
		String prefix;
		if (this.mode == AzureApiMode.V1) {
			prefix = "/openai/v1";
		}
		else if (request.model() != null && isDeploymentPath(path)) {
			prefix = "/openai/deployments/" + deployment(request.model());
		}
		else {
			prefix = "/openai";
		}
		String uri = prefix + path;
		if (this.apiVersion == null) {
			return uri;
		}
		return uri + ((path.indexOf('?') >= 0) ? '&' : '?') + "api-version=" + this.apiVersion;
	}

	@Override
	public @Nullable Object body(OpenAiRequest<?> request) {
		Object body = request.body();
		String model = request.model();
		if (body == null || model == null || this.mode != AzureApiMode.V1) {
			return body;
		}
		String deployment = this.deployments.get(model);
		if (deployment == null || deployment.equals(model)) {
			return body;
		}
		if (body instanceof OpenAiMultipartBody multipart) {
			return multipart.withField("model", deployment);
		}
		ObjectNode node = this.mapper.valueToTree(body);
		node.put("model", deployment);
		return node;
	}

	private static boolean isDeploymentPath(String path) {
		for (String prefix : DEPLOYMENT_PATHS) {
			if (path.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "AzureRequestRouting[mode=" + this.mode + ", deployments=" + this.deployments + ", apiVersion="
				+ this.apiVersion + "]";
	}

}
