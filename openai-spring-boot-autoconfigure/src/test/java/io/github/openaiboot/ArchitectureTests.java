package io.github.openaiboot;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.github.openaiboot.autoconfigure.OpenAiAutoConfiguration;
import io.github.openaiboot.chat.DefaultChatClient;
import io.github.openaiboot.core.OpenAiPipeline;
import io.github.openaiboot.responses.DefaultResponsesClient;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture rules of the client packages.
 */
class ArchitectureTests {

	private static final String[] CLIENT_PACKAGES = { "io.github.openaiboot.chat..", "io.github.openaiboot.embedding..",
			"io.github.openaiboot.image..", "io.github.openaiboot.model..", "io.github.openaiboot.core..",
			"io.github.openaiboot.error..", "io.github.openaiboot.retry..", "io.github.openaiboot.usage..",
			"io.github.openaiboot.ratelimit..", "io.github.openaiboot.observation..", "io.github.openaiboot.pool..",
			"io.github.openaiboot.azure..", "io.github.openaiboot.aot..", "io.github.openaiboot.responses.." };

	private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("io.github.openaiboot");

	@Test
	void importSeesTheClientAndAutoConfigurationClasses() {
		assertThat(this.classes.contain(DefaultChatClient.class)).isTrue();
		assertThat(this.classes.contain(DefaultResponsesClient.class)).isTrue();
		assertThat(this.classes.contain(OpenAiPipeline.class)).isTrue();
		assertThat(this.classes.get(OpenAiAutoConfiguration.class).getDirectDependenciesFromSelf())
			.as("the rule below can see a dependency on Spring Boot when there is one")
			.anyMatch((dependency) -> dependency.getTargetClass().getPackageName().startsWith("org.springframework.boot"));
	}

	@Test
	void clientPackagesDoNotDependOnSpringBoot() {
		noClasses().that()
			.resideInAnyPackage(CLIENT_PACKAGES)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(this.classes);
	}

	@Test
	void clientPackagesDoNotDependOnTheAutoConfiguration() {
		noClasses().that()
			.resideInAnyPackage(CLIENT_PACKAGES)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.github.openaiboot.autoconfigure..")
			.check(this.classes);
	}

}
