package io.github.openaiboot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.openaiboot.batch.BatchClient;
import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.finetuning.FineTuningClient;
import io.github.openaiboot.audio.AudioClient;
import io.github.openaiboot.file.FilesClient;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.moderation.ModerationClient;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.realtime.RealtimeClient;
import io.github.openaiboot.responses.ResponsesClient;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of each {@code openai.clients.<name>} and {@code openai.pools.<name>}:
 * an {@link OpenAiNamedClient} and its {@link ChatClient}, {@link EmbeddingClient},
 * {@link ImageClient}, {@link ModelsClient}, {@link AudioClient}, {@link ModerationClient}
 * and (for a client, not a pool) {@link FilesClient}, {@link FineTuningClient} and
 * {@link BatchClient}, each with
 * {@code @Qualifier("<name>")}.
 * They are not default candidates: an unqualified injection point and
 * {@code @ConditionalOnMissingBean} still see only the root client's beans. An
 * {@link ImportBeanDefinitionRegistrar} rather than a Framework 7
 * {@code BeanRegistrar}, whose bean specs can set neither a qualifier nor
 * default-candidate status. The names and pools are checked as the beans are registered,
 * so that bad configuration fails before any bean is created, naming the property.
 *
 * @author openai-spring-boot
 */
class OpenAiNamedClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private static final Map<Class<?>, String> CLIENT_BEANS = clientBeans();

	// what belongs to one account: registered for clients, never for pools
	private static final Set<Class<?>> ACCOUNT_TYPES = Set.of(FilesClient.class, FineTuningClient.class,
			BatchClient.class);

	private @Nullable Environment environment;

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Environment environment = this.environment;
		BeanFactory beanFactory = this.beanFactory;
		if (environment == null || beanFactory == null) {
			return;
		}
		Set<String> clients = clientNames(environment);
		Map<String, OpenAiProperties.Pool> pools = pools(environment);
		if (clients.isEmpty() && pools.isEmpty()) {
			return;
		}
		OpenAiProperties.validateNames(clients, pools);
		for (String name : clients) {
			// fail now, naming the property, rather than when the bean is created
			OpenAiClientFactory.bind(environment, name);
			register(registry, name, () -> beanFactory.getBean(OpenAiClientFactory.class).client(name), beanFactory,
					false);
		}
		pools.forEach((name, pool) -> register(registry, name, () -> {
			OpenAiClientFactory factory = beanFactory.getBean(OpenAiClientFactory.class);
			List<OpenAiNamedClient> members = new ArrayList<>();
			for (String member : pool.getMembers()) {
				members.add(OpenAiProperties.DEFAULT_CLIENT.equals(member)
						? beanFactory.getBean(OpenAiRootClient.class).client()
						: beanFactory.getBean(beanName(member), OpenAiNamedClient.class));
			}
			OpenAiProperties root = beanFactory.getBean(OpenAiProperties.class);
			return factory.pool(name, pool, members, root);
		}, beanFactory, true));
	}

	/**
	 * Return the name of the bean of a named client or pool.
	 * @param name the client or pool name
	 * @return the bean name
	 */
	static String beanName(String name) {
		return "openAiClient." + name;
	}

	static Set<String> clientNames(Environment environment) {
		return Binder.get(environment)
			.bind("openai.clients", Bindable.mapOf(String.class, OpenAiClientProperties.class))
			.map(Map::keySet)
			.orElse(Set.of());
	}

	static Map<String, OpenAiProperties.Pool> pools(Environment environment) {
		return Binder.get(environment)
			.bind("openai.pools", Bindable.mapOf(String.class, OpenAiProperties.Pool.class))
			.orElse(Map.of());
	}

	private static void register(BeanDefinitionRegistry registry, String name,
			Supplier<OpenAiNamedClient> supplier, BeanFactory beanFactory, boolean pool) {
		String bundle = beanName(name);
		registry.registerBeanDefinition(bundle, definition(OpenAiNamedClient.class, name, supplier::get));
		CLIENT_BEANS.forEach((type, prefix) -> {
			// files, jobs and batches belong to one account: a pool has no client of them
			if (!pool || !ACCOUNT_TYPES.contains(type)) {
				registry.registerBeanDefinition(prefix + "." + name,
						definition(type, name, () -> client(beanFactory, bundle, type)));
			}
		});
	}

	private static <T> T client(BeanFactory beanFactory, String bundle, Class<T> type) {
		return type.cast(beanFactory.getBean(bundle, OpenAiNamedClient.class).clients().get(type));
	}

	private static RootBeanDefinition definition(Class<?> type, String qualifier, Supplier<?> supplier) {
		RootBeanDefinition definition = new RootBeanDefinition(type);
		definition.setInstanceSupplier(supplier::get);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
		definition.setDefaultCandidate(false);
		return definition;
	}

	private static Map<Class<?>, String> clientBeans() {
		Map<Class<?>, String> beans = new LinkedHashMap<>();
		beans.put(ChatClient.class, "openAiChatClient");
		beans.put(ResponsesClient.class, "openAiResponsesClient");
		beans.put(RealtimeClient.class, "openAiRealtimeClient");
		beans.put(EmbeddingClient.class, "openAiEmbeddingClient");
		beans.put(ImageClient.class, "openAiImageClient");
		beans.put(ModelsClient.class, "openAiModelsClient");
		beans.put(AudioClient.class, "openAiAudioClient");
		beans.put(ModerationClient.class, "openAiModerationClient");
		beans.put(FilesClient.class, "openAiFilesClient");
		beans.put(FineTuningClient.class, "openAiFineTuningClient");
		beans.put(BatchClient.class, "openAiBatchClient");
		return beans;
	}

}
