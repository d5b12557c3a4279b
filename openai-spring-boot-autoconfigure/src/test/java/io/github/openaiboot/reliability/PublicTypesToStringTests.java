package io.github.openaiboot.reliability;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.github.openaiboot.autoconfigure.OpenAiClientProperties;
import io.github.openaiboot.core.OpenAiAccount;
import io.github.openaiboot.core.OpenAiCredentials;
import io.github.openaiboot.realtime.RealtimeClientSecret;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every public type of the starter (and of its test support) that holds a credential
 * keeps it out of its {@code toString()}: found by scanning the compiled classes, not by
 * a list that a new type could be missing from. A credential is a field or record
 * component named like one ({@code apiKey}, {@code secret}, {@code password},
 * {@code accessToken}, {@code clientSecret}), or the {@code token} or {@code value} of a
 * type named for one ({@code …AccessToken}, {@code …Secret}, {@code …Credentials}).
 */
class PublicTypesToStringTests {

	private static final Pattern CREDENTIAL_NAME = Pattern
		.compile("(?i)api_?key|secret|client_?secret|password|access_?token|bearer_?token");

	private static final Pattern CREDENTIAL_TYPE = Pattern.compile(".*(AccessToken|Secret|Credentials?)$");

	private static final Set<String> CREDENTIAL_VALUE_NAMES = Set.of("token", "value");

	@Test
	void noPublicTypeShowsTheCredentialItHolds() throws Exception {
		List<String> scanned = new ArrayList<>();
		List<String> leaks = new ArrayList<>();
		List<String> notBuilt = new ArrayList<>();
		for (Class<?> type : publicTypes()) {
			List<Field> credentials = credentialFields(type);
			if (credentials.isEmpty()) {
				continue;
			}
			Object instance = instantiate(type);
			if (instance == null) {
				notBuilt.add(type.getName());
				continue;
			}
			String text = instance.toString();
			for (Field field : credentials) {
				field.setAccessible(true);
				Object value = field.get(instance);
				scanned.add(type.getName() + "." + field.getName());
				if (value instanceof String secret && !secret.isEmpty() && text.contains(secret)) {
					leaks.add(type.getName() + "." + field.getName() + ": " + text);
				}
				else if (!(value instanceof String)) {
					notBuilt.add(type.getName() + "." + field.getName() + " (no marker in it after construction)");
				}
			}
		}
		assertThat(leaks).as("toString() showing a credential").isEmpty();
		assertThat(notBuilt).as("types with a credential the scan could not build").isEmpty();
		// the scan found the types it exists for
		assertThat(scanned).contains(OpenAiAccount.class.getName() + ".apiKey",
				OpenAiCredentials.AccessToken.class.getName() + ".token",
				RealtimeClientSecret.class.getName() + ".value", OpenAiClientProperties.class.getName() + ".apiKey");
	}

	private static Set<Class<?>> publicTypes() throws Exception {
		Set<Class<?>> types = new LinkedHashSet<>();
		Set<String> names = new TreeSet<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/github/openaiboot/**/*.class")) {
			String url = resource.getURL().toString();
			if (url.contains("/test-classes/") || url.contains("/benchmarks/")) {
				continue;
			}
			String path = url.substring(url.indexOf("io/github/openaiboot/"));
			names.add(path.substring(0, path.length() - ".class".length()).replace('/', '.'));
		}
		ClassLoader loader = PublicTypesToStringTests.class.getClassLoader();
		for (String name : names) {
			if (name.endsWith("package-info")) {
				continue;
			}
			Class<?> type;
			try {
				type = Class.forName(name, false, loader);
			}
			catch (ClassNotFoundException | LinkageError ex) {
				continue;
			}
			if (isPublic(type) && !type.isInterface() && !type.isEnum() && !type.isAnnotation()
					&& !Modifier.isAbstract(type.getModifiers())) {
				types.add(type);
			}
		}
		assertThat(types).as("public types found on the class path").hasSizeGreaterThan(100);
		return types;
	}

	private static boolean isPublic(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getDeclaringClass()) {
			if (!Modifier.isPublic(candidate.getModifiers())) {
				return false;
			}
		}
		return true;
	}

	private static List<Field> credentialFields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		boolean credentialType = CREDENTIAL_TYPE.matcher(type.getSimpleName()).matches();
		for (Class<?> candidate = type; candidate != null && candidate != Object.class; candidate = candidate
			.getSuperclass()) {
			for (Field field : candidate.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
					continue;
				}
				if (CREDENTIAL_NAME.matcher(field.getName()).matches()
						|| (credentialType && CREDENTIAL_VALUE_NAMES.contains(field.getName()))) {
					fields.add(field);
				}
			}
		}
		return fields;
	}

	/**
	 * Build an instance with a different marker in each text: through its widest public
	 * constructor, or through its no-argument one with the credential fields then set.
	 */
	private static Object instantiate(Class<?> type) throws Exception {
		Constructor<?> widest = null;
		for (Constructor<?> constructor : type.getConstructors()) {
			if (widest == null || constructor.getParameterCount() > widest.getParameterCount()) {
				widest = constructor;
			}
		}
		if (widest == null) {
			return null;
		}
		Parameter[] parameters = widest.getParameters();
		Object[] arguments = new Object[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			arguments[i] = sample(parameters[i].getType(), "marker-" + i + "-" + parameters[i].getName());
		}
		Object instance;
		try {
			instance = widest.newInstance(arguments);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
		for (Field field : credentialFields(type)) {
			field.setAccessible(true);
			if (field.get(instance) == null && !Modifier.isFinal(field.getModifiers())) {
				field.set(instance, "marker-field-sk-proj-" + field.getName());
			}
		}
		return instance;
	}

	private static Object sample(Class<?> type, String marker) {
		if (type == String.class) {
			return marker + "-sk-proj-0123456789";
		}
		if (type == boolean.class) {
			return false;
		}
		if (type == int.class || type == Integer.class) {
			return 1;
		}
		if (type == long.class || type == Long.class) {
			return 1L;
		}
		if (type == double.class || type == Double.class) {
			return 1.0;
		}
		if (type == Instant.class) {
			return Instant.parse("2026-12-03T00:00:00Z");
		}
		if (type == Duration.class) {
			return Duration.ofSeconds(1);
		}
		if (type == Optional.class) {
			return Optional.empty();
		}
		if (type == List.class || type == Collection.class) {
			return List.of();
		}
		if (type == Set.class) {
			return Set.of();
		}
		if (type == Map.class) {
			return new LinkedHashMap<>();
		}
		if (type.isEnum()) {
			return type.getEnumConstants()[0];
		}
		return null;
	}

}
