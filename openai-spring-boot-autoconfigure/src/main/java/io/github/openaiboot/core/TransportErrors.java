package io.github.openaiboot.core;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

import io.github.openaiboot.error.OpenAiError;
import io.github.openaiboot.error.OpenAiErrorKind;
import io.github.openaiboot.error.OpenAiException;
import io.github.openaiboot.error.OpenAiServerException;
import io.github.openaiboot.error.OpenAiTransportException;

import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Maps failures that happened below HTTP (refused or reset connections, timeouts) to
 * {@link OpenAiTransportException}, whichever HTTP client library sits under WebClient.
 *
 * @author openai-spring-boot
 */
final class TransportErrors {

	private TransportErrors() {
	}

	static Throwable map(Throwable failure) {
		if (failure instanceof OpenAiException) {
			return failure;
		}
		if (isTooLarge(failure)) {
			return new OpenAiServerException(OpenAiErrorKind.INVALID_RESPONSE, 0,
					new OpenAiError("Response larger than the in-memory limit; raise openai.max-response-size ("
							+ describe(failure) + ")", null, null, null),
					null, null, failure);
		}
		if (isTimeout(failure)) {
			return new OpenAiTransportException(OpenAiErrorKind.TIMEOUT,
					"No response within the response timeout: " + describe(failure), failure);
		}
		return new OpenAiTransportException(OpenAiErrorKind.CONNECTION, "Connection failed: " + describe(failure),
				failure);
	}

	static boolean isTooLarge(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof DataBufferLimitException) {
				return true;
			}
		}
		return false;
	}

	static boolean isTimeout(Throwable failure) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate instanceof TimeoutException || candidate instanceof SocketTimeoutException
					|| candidate.getClass().getSimpleName().endsWith("TimeoutException")) {
				return true;
			}
		}
		return false;
	}

	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

}
