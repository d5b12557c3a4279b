package io.github.openaiboot.autoconfigure;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.SslProvider;

/**
 * What Reactor Netty builds on a client's first connection over TLS when no SSL bundle
 * is configured, built ahead of it: its default client SSL contexts (the JDK's trust
 * store read and its certificates parsed, about half a second of a first call on a
 * small machine), and a first handshake message, written into memory, whose key shares
 * and classes the first real handshake would otherwise make and load. Nothing is sent.
 *
 * @author openai-spring-boot
 */
final class ReactorNettyTls {

	private static final int HTTPS_PORT = 443;

	private ReactorNettyTls() {
	}

	/**
	 * Build Reactor Netty's default client SSL contexts and write the first handshake
	 * message to an endpoint into memory.
	 * @param endpoint the endpoint whose host name the message names
	 * @return the message: a TLS record holding a ClientHello
	 * @throws SSLException if the SSL engine fails
	 */
	static byte[] warmUp(URI endpoint) throws SSLException {
		// the providers HttpClient falls back on for an https URL, built once per JVM
		SslProvider provider = HttpClient.newConnection().secure().configuration().sslProvider();
		if (provider == null) {
			return new byte[0];
		}
		SslContext context = provider.getSslContext();
		int port = (endpoint.getPort() != -1) ? endpoint.getPort() : HTTPS_PORT;
		SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT, endpoint.getHost(), port);
		try {
			engine.beginHandshake();
			ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
			engine.wrap(ByteBuffer.allocate(0), hello);
			return Arrays.copyOf(hello.array(), hello.position());
		}
		finally {
			engine.closeOutbound();
			ReferenceCountUtil.release(engine);
		}
	}

}
