package io.github.openaiboot.aot;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.github.openaiboot.chat.ChatClient;
import io.github.openaiboot.chat.ChatCompletion;
import io.github.openaiboot.chat.ChatCompletionAccumulator;
import io.github.openaiboot.chat.ChatDefaults;
import io.github.openaiboot.chat.ChatMessage;
import io.github.openaiboot.chat.ContentPart;
import io.github.openaiboot.embedding.EmbeddingClient;
import io.github.openaiboot.embedding.EmbeddingDefaults;
import io.github.openaiboot.error.ApiKeyRedactor;
import io.github.openaiboot.error.OpenAiErrorClassifier;
import io.github.openaiboot.error.QuotaExceededException;
import io.github.openaiboot.image.ImageClient;
import io.github.openaiboot.image.ImageDefaults;
import io.github.openaiboot.model.ModelsClient;
import io.github.openaiboot.ratelimit.TokenCounter;
import io.github.openaiboot.usage.PricingTable;
import io.github.openaiboot.usage.TokenPrice;
import io.github.openaiboot.usage.Usage;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OpenAiRuntimeHints}: what a native image needs, checked the way Spring
 * checks its own hints, against the classes actually on the class path.
 */
class OpenAiRuntimeHintsTests {

	private static final List<String> API_PACKAGES = List.of("chat", "embedding", "image", "model", "error", "usage",
			"responses", "finetuning", "batch", "audio", "moderation", "file", "realtime");

	private static final MemberCategory[] BINDING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	// Public types of the API packages that Jackson never binds: configured from
	// properties, or code rather than data. Clients, their implementations and builders are
	// recognised by shape below.
	private static final Set<Class<?>> NOT_BOUND = Set.of(ChatCompletionAccumulator.class, ChatDefaults.class,
			EmbeddingDefaults.class, io.github.openaiboot.embedding.EmbedAllOptions.class, ImageDefaults.class, OpenAiErrorClassifier.class, ApiKeyRedactor.class,
			PricingTable.class, TokenPrice.class, io.github.openaiboot.error.ContentFilterException.FilterResult.class,
			io.github.openaiboot.error.RateLimitDimension.class, io.github.openaiboot.error.RateLimitMessage.class,
			io.github.openaiboot.usage.ServiceTier.class, io.github.openaiboot.responses.ResponseAccumulator.class,
			io.github.openaiboot.responses.ResponseDefaults.class,
			io.github.openaiboot.finetuning.FineTuningJobStatus.class, io.github.openaiboot.finetuning.FollowSettings.class,
			io.github.openaiboot.finetuning.FineTuningUpdate.class,
			io.github.openaiboot.finetuning.FineTuningUpdate.Event.class,
			io.github.openaiboot.finetuning.FineTuningUpdate.Finished.class, io.github.openaiboot.batch.BatchStatus.class,
			io.github.openaiboot.batch.BatchEndpoint.class, io.github.openaiboot.batch.BatchSettings.class,
			io.github.openaiboot.batch.BatchResult.class, io.github.openaiboot.batch.BatchSubmission.class,
			// sent as forms, query parameters or through other records, or constants and settings
			io.github.openaiboot.audio.AudioDefaults.class, io.github.openaiboot.audio.AudioFormat.class,
			io.github.openaiboot.audio.ChunkingStrategy.class, io.github.openaiboot.audio.SpeechStreamFormat.class,
			io.github.openaiboot.audio.TranscriptionRequest.class, io.github.openaiboot.audio.Voice.class,
			io.github.openaiboot.moderation.ModerationCategory.class, io.github.openaiboot.file.FileListRequest.class,
			io.github.openaiboot.file.FilePurpose.class, io.github.openaiboot.file.FileUpload.class,
			io.github.openaiboot.file.LargeFileUpload.class, io.github.openaiboot.file.UploadRequest.class,
			io.github.openaiboot.file.UploadStatus.class,
			// written from their fields' map, read by RealtimeEvents type by type, or made by it
			io.github.openaiboot.realtime.RealtimeClientEvent.class, io.github.openaiboot.realtime.RealtimeEndpoint.class,
			io.github.openaiboot.realtime.RealtimeEvents.class, io.github.openaiboot.realtime.RealtimeServerEvent.class,
			io.github.openaiboot.realtime.RealtimeServerEvent.Other.class,
			io.github.openaiboot.realtime.RealtimeSession.class, io.github.openaiboot.realtime.RealtimeSessionConfig.class);

	private static final Set<Class<?>> CLIENTS = Set.of(ChatClient.class, EmbeddingClient.class, ImageClient.class,
			ModelsClient.class, io.github.openaiboot.responses.ResponsesClient.class,
			io.github.openaiboot.finetuning.FineTuningClient.class, io.github.openaiboot.batch.BatchClient.class,
			io.github.openaiboot.audio.AudioClient.class, io.github.openaiboot.moderation.ModerationClient.class,
			io.github.openaiboot.file.FilesClient.class, io.github.openaiboot.realtime.RealtimeClient.class);

	private final RuntimeHints hints = new RuntimeHints();

	OpenAiRuntimeHintsTests() {
		new OpenAiRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(OpenAiRuntimeHints.class);
	}

	@Test
	void everyPublicWireTypeOfTheApiPackagesIsBindable() throws Exception {
		List<Class<?>> wireTypes = publicApiTypes().stream()
			.filter((type) -> !Throwable.class.isAssignableFrom(type) && !NOT_BOUND.contains(type)
					&& !isClientOrBuilder(type))
			.toList();
		assertThat(wireTypes).as("the scan finds the wire types")
			.contains(ChatCompletion.Choice.class, ContentPart.ImageUrl.class, Usage.CompletionTokensDetails.class)
			.hasSizeGreaterThan(30);
		assertThat(wireTypes).allSatisfy((type) -> assertThat(
				RuntimeHintsPredicates.reflection().onType(type).withMemberCategories(BINDING).test(this.hints))
			.as("binding hints for %s (a new type: add it to OpenAiRuntimeHints.BOUND_TYPES)", type.getName())
			.isTrue());
	}

	@Test
	void everyPublicExceptionTypeCanBeCreatedAndRead() throws Exception {
		List<Class<?>> exceptions = publicApiTypes().stream()
			.filter(Throwable.class::isAssignableFrom)
			.toList();
		assertThat(exceptions).contains(QuotaExceededException.class).hasSizeGreaterThanOrEqualTo(9);
		assertThat(exceptions).allSatisfy((type) -> assertThat(RuntimeHintsPredicates.reflection()
			.onType(type)
			.withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.INVOKE_PUBLIC_METHODS)
			.test(this.hints)).as("hints for %s", type.getName()).isTrue());
	}

	@Test
	void typesNamedByTheHintsExist() {
		assertThat(OpenAiRuntimeHints.BOUND_TYPES).extracting(TypeReference::getName)
			.allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, getClass().getClassLoader()))
				.as("class %s", name)
				.isTrue())
			.contains("io.github.openaiboot.model.DefaultModelsClient$ModelList",
					"io.github.openaiboot.responses.DefaultResponsesClient$ItemPage",
					"io.github.openaiboot.embedding.EmbeddingVectorDeserializer");
	}

	@Test
	void jacksonCreatorsAndGenericElementTypesAreReachable() throws Exception {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(ChatMessage.class.getDeclaredMethod("fromJson", String.class, Object.class,
					String.class, List.class, String.class, String.class))
			.test(this.hints)).isTrue();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("io.github.openaiboot.embedding.EmbeddingVectorDeserializer"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)
			.test(this.hints)).isTrue();
	}

	@Test
	void everyVocabularyTokenCountingChoosesIsAHintedResourceOfJtokkit() {
		List<String> models = Arrays.asList("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-5", "o1", "o3-mini", "o4-mini",
				"gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "text-embedding-3-small", "text-embedding-ada-002",
				"ft:gpt-4o-mini:acme", "some-future-model", null);
		List<String> vocabularies = new ArrayList<>();
		for (String model : models) {
			vocabularies.add("com/knuddels/jtokkit/" + TokenCounter.encodingType(model).getName() + ".tiktoken");
		}
		assertThat(vocabularies).contains(OpenAiRuntimeHints.VOCABULARIES.toArray(String[]::new));
		assertThat(vocabularies).allSatisfy((resource) -> {
			assertThat(getClass().getClassLoader().getResource(resource)).as("%s in the JTokkit jar", resource)
				.isNotNull();
			assertThat(RuntimeHintsPredicates.resource().forResource(resource).test(this.hints))
				.as("resource hint for %s", resource)
				.isTrue();
		});
	}

	private static boolean isClientOrBuilder(Class<?> type) {
		return CLIENTS.contains(type) || CLIENTS.stream().anyMatch((client) -> client.isAssignableFrom(type))
				|| type.getSimpleName().equals("Builder");
	}

	private static List<Class<?>> publicApiTypes() throws IOException, ClassNotFoundException {
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<Class<?>> types = new ArrayList<>();
		for (String api : API_PACKAGES) {
			// target/classes only: the tests' own classes share the packages
			for (Resource resource : resolver.getResources("classpath*:io/github/openaiboot/" + api + "/*.class")) {
				if (!resource.getURL().toString().contains("/test-classes/")) {
					String name = "io.github.openaiboot." + api + "."
							+ resource.getFilename().substring(0, resource.getFilename().length() - ".class".length());
					Class<?> type = Class.forName(name, false, OpenAiRuntimeHintsTests.class.getClassLoader());
					if (isPublicApi(type)) {
						types.add(type);
					}
				}
			}
		}
		return types;
	}

	private static boolean isPublicApi(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
			if (!Modifier.isPublic(current.getModifiers()) || current.isAnonymousClass() || current.isSynthetic()) {
				return false;
			}
		}
		return !type.isAnnotation() && !type.getSimpleName().equals("package-info");
	}

}
