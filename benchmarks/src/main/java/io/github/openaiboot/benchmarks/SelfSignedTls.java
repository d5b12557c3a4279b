package io.github.openaiboot.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1}, made with the JDK's {@code keytool},
 * for a fake server that speaks TLS as OpenAI does: the server's key store, and a trust
 * store that holds the JDK's own trusted certificates and this one, so that a client JVM
 * started with {@link #trustStoreOptions()} loads as many trust anchors as it would for
 * api.openai.com.
 *
 * @author openai-spring-boot
 */
final class SelfSignedTls {

	static final String PASSWORD = "benchmark";

	private final Path keyStore;

	private final Path trustStore;

	private SelfSignedTls(Path keyStore, Path trustStore) {
		this.keyStore = keyStore;
		this.trustStore = trustStore;
	}

	/**
	 * Make a key pair, its certificate and a trust store in a new temporary directory.
	 * @return the key and trust stores
	 */
	static SelfSignedTls create() {
		try {
			Path directory = Files.createTempDirectory("openai-benchmark-tls");
			directory.toFile().deleteOnExit();
			Path keyStore = directory.resolve("server.p12");
			Path certificate = directory.resolve("server.crt");
			Path trustStore = directory.resolve("trust.p12");
			keytool("-genkeypair", "-alias", "fake-openai", "-keyalg", "EC", "-groupname", "secp256r1", "-validity",
					"2", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-keystore", keyStore.toString(),
					"-storetype", "PKCS12", "-storepass", PASSWORD);
			keytool("-exportcert", "-alias", "fake-openai", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
					"-file", certificate.toString());
			Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
			if (Files.exists(cacerts)) {
				keytool("-importkeystore", "-srckeystore", cacerts.toString(), "-srcstorepass", "changeit",
						"-destkeystore", trustStore.toString(), "-deststoretype", "PKCS12", "-deststorepass", PASSWORD);
			}
			keytool("-importcert", "-noprompt", "-alias", "fake-openai", "-file", certificate.toString(), "-keystore",
					trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
			for (Path file : List.of(keyStore, certificate, trustStore)) {
				file.toFile().deleteOnExit();
			}
			return new SelfSignedTls(keyStore, trustStore);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the server's key managers.
	 * @return a key manager factory over the server's key
	 */
	KeyManagerFactory keyManagerFactory() {
		try (InputStream input = Files.newInputStream(this.keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(input, PASSWORD.toCharArray());
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, PASSWORD.toCharArray());
			return factory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not read the benchmark's key store", ex);
		}
	}

	/**
	 * Return the options that make a JVM's default trust managers trust the server.
	 * @return the JVM options
	 */
	List<String> trustStoreOptions() {
		return List.of("-Djavax.net.ssl.trustStore=" + this.trustStore, "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
				"-Djavax.net.ssl.trustStoreType=PKCS12");
	}

	/**
	 * Make this JVM's default trust managers trust the server, and the workers it starts
	 * afterwards ({@link #trustStoreOptionsOfThisJvm()}).
	 */
	void trustInThisJvm() {
		System.setProperty("javax.net.ssl.trustStore", this.trustStore.toString());
		System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
	}

	/**
	 * Return the options that give a child JVM this JVM's trust store, if
	 * {@link #trustInThisJvm()} set one.
	 * @return the JVM options, or none
	 */
	static List<String> trustStoreOptionsOfThisJvm() {
		List<String> options = new ArrayList<>();
		for (String name : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
				"javax.net.ssl.trustStoreType")) {
			String value = System.getProperty(name);
			if (value != null) {
				options.add("-D" + name + "=" + value);
			}
		}
		return options;
	}

	private static void keytool(String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		try {
			if (process.waitFor() != 0) {
				throw new IOException("keytool failed: " + command + "\n" + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while keytool ran", ex);
		}
	}

}
