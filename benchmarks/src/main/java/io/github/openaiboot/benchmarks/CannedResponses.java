package io.github.openaiboot.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Realistic OpenAI response bodies, computed once, that the fake server and the
 * microbenchmarks send back.
 *
 * @author openai-spring-boot
 */
public final class CannedResponses {

	/**
	 * Rate-limit headers of every canned response: limits high enough that pacing
	 * computes its buckets but never makes a caller wait, so the benchmark measures its
	 * cost and not its effect.
	 */
	static final Map<String, String> RATE_LIMIT_HEADERS = Map.of("x-ratelimit-limit-requests", "100000000",
			"x-ratelimit-limit-tokens", "100000000000", "x-ratelimit-remaining-requests", "99999999",
			"x-ratelimit-remaining-tokens", "99999999916", "x-ratelimit-reset-requests", "6ms",
			"x-ratelimit-reset-tokens", "0s");


	/**
	 * Content chunks in a streamed answer, not counting the role-only first chunk or the
	 * usage chunk.
	 */
	public static final int CONTENT_CHUNKS = 20;

	/**
	 * Chunks a client decodes from one streamed answer: the role chunk, the content
	 * chunks, the finish chunk and the usage chunk.
	 */
	public static final int CHUNKS_PER_STREAM = CONTENT_CHUNKS + 3;

	/**
	 * Dimensions of a {@code text-embedding-3-small} vector.
	 */
	public static final int DIMENSIONS = 1536;

	private static final String ID = "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG";

	private static final long CREATED = 1741570283L;

	private static final String MODEL = "gpt-4o-mini-2024-07-18";

	private static final String FINGERPRINT = "fp_44709d6fcb";

	private static final String[] WORDS = { "Reactive", " clients", " keep", " threads", " free", " while", " the",
			" model", " thinks", ",", " so", " one", " event", " loop", " can", " serve", " many", " callers",
			" at", " once." };

	private static final byte[] CHAT_COMPLETION = chatCompletionJson().getBytes(StandardCharsets.UTF_8);

	private static final List<byte[]> SSE_EVENTS = buildSseEvents();

	private static final byte[] SSE_BODY = join(SSE_EVENTS);

	private static final float[] VECTOR = vector();

	private static final byte[] EMBEDDING_BASE64 = embeddingJson(true).getBytes(StandardCharsets.UTF_8);

	private static final byte[] EMBEDDING_FLOATS = embeddingJson(false).getBytes(StandardCharsets.UTF_8);

	private CannedResponses() {
	}

	/**
	 * Return a {@code chat.completion} body. Callers must not change the array.
	 * @return the body
	 */
	public static byte[] chatCompletion() {
		return CHAT_COMPLETION;
	}

	/**
	 * Return the events of a streamed answer, each a complete {@code data: ...\n\n} frame:
	 * a role chunk, {@value #CONTENT_CHUNKS} content chunks, a usage chunk and
	 * {@code [DONE]}. Callers must not change the arrays.
	 * @return the frames
	 */
	public static List<byte[]> sseEvents() {
		return SSE_EVENTS;
	}

	private static List<byte[]> buildSseEvents() {
		List<byte[]> events = new ArrayList<>();
		events.add(frame(chunk("{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", "null", false)));
		for (String word : WORDS) {
			events.add(frame(chunk("{\"content\":\"" + word + "\"}", "null", false)));
		}
		events.add(frame(chunk("{}", "\"stop\"", false)));
		events.add(frame(chunk(null, null, true)));
		events.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		return List.copyOf(events);
	}

	/**
	 * Return the whole body of a streamed answer. Callers must not change the array.
	 * @return the body
	 */
	public static byte[] sseBody() {
		return SSE_BODY;
	}

	/**
	 * Return a {@code list} of one embedding sent as base64 of little-endian float32.
	 * Callers must not change the array.
	 * @return the body
	 */
	public static byte[] embeddingBase64() {
		return EMBEDDING_BASE64;
	}

	/**
	 * Return a {@code list} of one embedding sent as a JSON array of numbers. Callers
	 * must not change the array.
	 * @return the body
	 */
	public static byte[] embeddingFloats() {
		return EMBEDDING_FLOATS;
	}

	/**
	 * Return a prompt of about 2 KB of English prose.
	 * @return the prompt
	 */
	public static String prompt2k() {
		String sentence = "The starter retries exactly what is worth retrying, waits as long as the server says, "
				+ "never retries a billing failure, and paces itself under the organisation's limits. ";
		StringBuilder prompt = new StringBuilder();
		while (prompt.length() < 2048) {
			prompt.append(sentence);
		}
		return prompt.substring(0, 2048);
	}

	private static String chatCompletionJson() {
		return "{\"id\":\"" + ID + "\",\"object\":\"chat.completion\",\"created\":" + CREATED + ",\"model\":\"" + MODEL
				+ "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
				+ String.join("", WORDS) + " Back-pressure flows from the socket to the subscriber, and nothing"
				+ " blocks.\",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
				+ "\"usage\":{\"prompt_tokens\":84,\"completion_tokens\":37,\"total_tokens\":121,"
				+ "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
				+ "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
				+ "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
				+ "\"service_tier\":\"default\",\"system_fingerprint\":\"" + FINGERPRINT + "\"}";
	}

	private static String chunk(String delta, String finishReason, boolean usage) {
		String head = "{\"id\":\"" + ID + "\",\"object\":\"chat.completion.chunk\",\"created\":" + CREATED
				+ ",\"model\":\"" + MODEL + "\",\"service_tier\":\"default\",\"system_fingerprint\":\"" + FINGERPRINT
				+ "\",";
		if (usage) {
			return head + "\"choices\":[],\"usage\":{\"prompt_tokens\":84,\"completion_tokens\":20,"
					+ "\"total_tokens\":104,\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
					+ "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
					+ "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}}";
		}
		return head + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":"
				+ finishReason + "}],\"usage\":null}";
	}

	private static byte[] frame(String json) {
		return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] join(List<byte[]> parts) {
		int length = parts.stream().mapToInt((part) -> part.length).sum();
		ByteBuffer buffer = ByteBuffer.allocate(length);
		parts.forEach(buffer::put);
		return buffer.array();
	}

	private static float[] vector() {
		Random random = new Random(42);
		float[] vector = new float[DIMENSIONS];
		for (int i = 0; i < vector.length; i++) {
			vector[i] = (float) (random.nextGaussian() * 0.03);
		}
		return vector;
	}

	private static String embeddingJson(boolean base64) {
		String embedding;
		if (base64) {
			ByteBuffer bytes = ByteBuffer.allocate(DIMENSIONS * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
			bytes.asFloatBuffer().put(VECTOR);
			embedding = "\"" + Base64.getEncoder().encodeToString(bytes.array()) + "\"";
		}
		else {
			StringBuilder array = new StringBuilder("[");
			for (int i = 0; i < VECTOR.length; i++) {
				array.append((i > 0) ? "," : "").append(String.format(Locale.ROOT, "%.9f", VECTOR[i]));
			}
			embedding = array.append(']').toString();
		}
		return "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" + embedding
				+ "}],\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":9,\"total_tokens\":9}}";
	}

}
