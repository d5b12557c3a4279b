package io.github.openaiboot.autoconfigure;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReactorNettyTls}.
 */
class ReactorNettyTlsTests {

	@Test
	void writesAClientHelloNamingTheHostIntoMemory() throws Exception {
		byte[] hello = ReactorNettyTls.warmUp(URI.create("https://api.openai.com/v1"));
		// a TLS handshake record whose first message is a ClientHello
		assertThat(hello).hasSizeGreaterThan(5);
		assertThat(hello[0]).isEqualTo((byte) 0x16);
		assertThat(hello[5]).isEqualTo((byte) 0x01);
		// with the host name as its server name indication
		assertThat(new String(hello, StandardCharsets.ISO_8859_1)).contains("api.openai.com");
	}

	@Test
	void connectsToNothing() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			server.setSoTimeout(300);
			ReactorNettyTls.warmUp(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/v1"));
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(server::accept);
		}
	}

}
