package io.github.openaiboot.test.simulator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers {@code /v1/audio/transcriptions} and {@code /v1/audio/translations} in every
 * response format (and as events when {@code stream=true} for the models that stream),
 * and {@code /v1/audio/speech} with a short generated audio body in the requested format
 * (or as {@code stream_format=sse} events ending with the tokens used); a diarization
 * model answers {@code diarized_json} with a conversation between the known speakers.
 * The simulated audio lasts one second per 16,000 bytes uploaded.
 *
 * @author OpenAI Spring Boot contributors
 */
final class AudioResponder {

	static final String TEXT = "The quick brown fox jumps over the lazy dog.";

	private static final int SAMPLE_RATE = 24_000;

	private static final int MAX_DIARIZE_SECONDS = 1400;

	private static final String[] CONVERSATION = { "Thanks for calling, how can I help?",
			"The quick brown fox jumps over the lazy dog.", "Noted, anything else?" };

	@Nullable SimulatedResponse validate(String path, JsonNode fields, @Nullable MultipartForm form) {
		if (!path.endsWith("/speech")) {
			if (form == null || form.file() == null) {
				return SimulatedResponse.error(400, "Missing required parameter: 'file'.", "invalid_request_error",
						"file", "missing_required_parameter");
			}
			if (form.file().length > 26_214_400) {
				return SimulatedResponse.error(413, "Maximum content size limit (26214400) exceeded ("
						+ form.file().length + " bytes read)", "server_error", null, null);
			}
			String model = fields.path("model").asString("");
			double duration = duration(form);
			if (model.contains("diarize") && duration > MAX_DIARIZE_SECONDS) {
				return SimulatedResponse.error(400, String.format(Locale.ROOT,
						"audio duration %.2f seconds is longer than %d seconds which is the maximum for this model",
						duration, MAX_DIARIZE_SECONDS), "invalid_request_error", null, "invalid_value");
			}
			if (model.contains("diarize") && duration > 30 && !fields.has("chunking_strategy")
					&& !fields.has("chunking_strategy[type]")) {
				// OpenAI documents the requirement; the wording of its error is not known
				return SimulatedResponse.error(400,
						"chunking_strategy is required for audio longer than 30 seconds with this model.",
						"invalid_request_error", "chunking_strategy", "invalid_value");
			}
		}
		else if (!fields.path("input").isString() || fields.path("input").stringValue().isBlank()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'input'.", "invalid_request_error",
					"input", "missing_required_parameter");
		}
		if (!fields.path("model").isString()) {
			return SimulatedResponse.error(400, "Missing required parameter: 'model'.", "invalid_request_error",
					"model", "missing_required_parameter");
		}
		return null;
	}

	SimulatedResponse respond(String path, JsonNode fields, @Nullable MultipartForm form) {
		if (path.endsWith("/speech")) {
			return speech(fields);
		}
		boolean translation = path.endsWith("/translations");
		String model = fields.path("model").asString();
		double duration = duration(form);
		boolean whisper = model.startsWith("whisper");
		boolean diarize = model.contains("diarize");
		if (!translation && !whisper && fields.path("stream").asBoolean(false)) {
			return diarize ? diarizedStream(fields, duration) : stream();
		}
		String format = fields.path("response_format").asString("json").toLowerCase(Locale.ROOT);
		return switch (format) {
			case "diarized_json" -> SimulatedResponse.json(200, diarized(fields, duration));
			case "text" -> text("text/plain; charset=utf-8", TEXT + "\n");
			case "srt" -> text("text/plain; charset=utf-8", "1\n00:00:00,000 --> " + srtTime(duration) + "\n" + TEXT
					+ "\n\n");
			case "vtt" -> text("text/vtt; charset=utf-8", "WEBVTT\n\n00:00:00.000 --> "
					+ srtTime(duration).replace(',', '.') + "\n" + TEXT + "\n\n");
			case "verbose_json" -> SimulatedResponse.json(200, verbose(fields, translation, duration));
			default -> {
				ObjectNode json = SimulatedResponse.JSON.createObjectNode();
				json.put("text", TEXT);
				json.set("usage", whisper ? durationUsage(duration) : tokenUsage());
				yield SimulatedResponse.json(200, json);
			}
		};
	}

	private static double duration(MultipartForm form) {
		return Math.max(1.0, form.file().length / 16_000.0);
	}

	/**
	 * A {@code diarized_json} transcription: a conversation between the known speakers
	 * named in the request (or {@code A} and {@code B}), turn by turn.
	 */
	private static ObjectNode diarized(JsonNode fields, double duration) {
		ObjectNode json = SimulatedResponse.JSON.createObjectNode();
		json.put("task", "transcribe").put("duration", duration).put("text", String.join(" ", CONVERSATION));
		ArrayNode segments = json.putArray("segments");
		for (ObjectNode segment : conversation(fields, duration)) {
			segments.add(segment);
		}
		json.set("usage", durationUsage(duration));
		return json;
	}

	private static ObjectNode[] conversation(JsonNode fields, double duration) {
		JsonNode names = fields.path("known_speaker_names");
		String first = (names.isArray() && !names.isEmpty()) ? names.get(0).asString() : "A";
		String second = (names.isArray() && names.size() > 1) ? names.get(1).asString() : "B";
		ObjectNode[] segments = new ObjectNode[CONVERSATION.length];
		double turn = duration / CONVERSATION.length;
		for (int i = 0; i < CONVERSATION.length; i++) {
			segments[i] = SimulatedResponse.JSON.createObjectNode()
				.put("type", "transcript.text.segment")
				.put("id", String.format(Locale.ROOT, "seg_%03d", i + 1))
				.put("start", i * turn)
				.put("end", (i + 1) * turn)
				.put("text", CONVERSATION[i])
				.put("speaker", (i % 2 == 0) ? first : second);
		}
		return segments;
	}

	private static SimulatedResponse diarizedStream(JsonNode fields, double duration) {
		StringBuilder body = new StringBuilder();
		ObjectNode[] segments = conversation(fields, duration);
		for (ObjectNode segment : segments) {
			ObjectNode delta = SimulatedResponse.JSON.createObjectNode();
			delta.put("type", "transcript.text.delta")
				.put("delta", segment.get("text").asString())
				.put("segment_id", segment.get("id").asString());
			body.append("data: ").append(delta).append("\n\n");
			body.append("data: ").append(segment).append("\n\n");
		}
		ObjectNode done = SimulatedResponse.JSON.createObjectNode();
		done.put("type", "transcript.text.done").put("text", String.join(" ", CONVERSATION));
		done.set("usage", durationUsage(duration));
		body.append("data: ").append(done).append("\n\n");
		return SimulatedResponse.eventStream(body.toString(), segments.length * 2 + 1);
	}

	private static SimulatedResponse text(String contentType, String body) {
		return SimulatedResponse.binary(contentType, body.getBytes(StandardCharsets.UTF_8));
	}

	private static ObjectNode verbose(JsonNode fields, boolean translation, double duration) {
		ObjectNode json = SimulatedResponse.JSON.createObjectNode();
		json.put("task", translation ? "translate" : "transcribe");
		json.put("language", "english");
		json.put("duration", duration);
		json.put("text", TEXT);
		String[] words = TEXT.split(" ");
		double perWord = duration / words.length;
		JsonNode granularities = fields.path("timestamp_granularities");
		boolean wordTimes = granularities.isArray() && granularities.toString().contains("\"word\"");
		if (wordTimes) {
			ArrayNode array = json.putArray("words");
			for (int i = 0; i < words.length; i++) {
				array.addObject()
					.put("word", words[i].replaceAll("[^A-Za-z]", ""))
					.put("start", i * perWord)
					.put("end", (i + 1) * perWord);
			}
		}
		if (!wordTimes || granularities.toString().contains("\"segment\"")) {
			ObjectNode segment = json.putArray("segments").addObject();
			segment.put("id", 0).put("seek", 0).put("start", 0.0).put("end", duration).put("text", " " + TEXT);
			ArrayNode tokens = segment.putArray("tokens");
			for (int i = 0; i < words.length; i++) {
				tokens.add(50364 + i);
			}
			segment.put("temperature", 0.0)
				.put("avg_logprob", -0.28)
				.put("compression_ratio", 1.23)
				.put("no_speech_prob", 0.0098);
		}
		json.set("usage", durationUsage(duration));
		return json;
	}

	private static SimulatedResponse stream() {
		StringBuilder body = new StringBuilder();
		String[] words = TEXT.split(" ");
		for (int i = 0; i < words.length; i++) {
			ObjectNode delta = SimulatedResponse.JSON.createObjectNode();
			delta.put("type", "transcript.text.delta").put("delta", ((i == 0) ? "" : " ") + words[i]);
			body.append("data: ").append(delta).append("\n\n");
		}
		ObjectNode done = SimulatedResponse.JSON.createObjectNode();
		done.put("type", "transcript.text.done").put("text", TEXT);
		done.set("usage", tokenUsage());
		body.append("data: ").append(done).append("\n\n");
		return SimulatedResponse.eventStream(body.toString(), words.length + 1);
	}

	private static ObjectNode durationUsage(double duration) {
		ObjectNode usage = SimulatedResponse.JSON.createObjectNode();
		usage.put("type", "duration").put("seconds", (int) Math.ceil(duration));
		return usage;
	}

	private static ObjectNode tokenUsage() {
		ObjectNode usage = SimulatedResponse.JSON.createObjectNode();
		usage.put("type", "tokens").put("input_tokens", 14);
		usage.putObject("input_token_details").put("text_tokens", 0).put("audio_tokens", 14);
		usage.put("output_tokens", 10).put("total_tokens", 24);
		return usage;
	}

	private static String srtTime(double seconds) {
		long millis = Math.round(seconds * 1000);
		return String.format(Locale.ROOT, "%02d:%02d:%02d,%03d", millis / 3_600_000, (millis / 60_000) % 60,
				(millis / 1000) % 60, millis % 1000);
	}

	private static SimulatedResponse speech(JsonNode fields) {
		String format = fields.path("response_format").asString("mp3").toLowerCase(Locale.ROOT);
		// a tenth of a second per word, at least half a second
		int words = fields.path("input").asString().split("\\s+").length;
		int samples = SAMPLE_RATE * Math.max(5, words) / 10;
		byte[] pcm = tone(samples);
		byte[] audio = switch (format) {
			case "pcm" -> pcm;
			case "wav" -> wav(pcm);
			case "flac" -> framed("fLaC".getBytes(StandardCharsets.US_ASCII), pcm);
			case "opus" -> framed("OggS".getBytes(StandardCharsets.US_ASCII), pcm);
			case "aac" -> framed(new byte[] { (byte) 0xFF, (byte) 0xF1 }, pcm);
			default -> framed("ID3".getBytes(StandardCharsets.US_ASCII), pcm);
		};
		if ("sse".equals(fields.path("stream_format").asString("audio"))) {
			return speechEvents(fields, audio, samples);
		}
		return switch (format) {
			case "pcm" -> SimulatedResponse.binary("audio/pcm", audio);
			case "wav" -> SimulatedResponse.binary("audio/wav", audio);
			case "flac" -> SimulatedResponse.binary("audio/flac", audio);
			case "opus" -> SimulatedResponse.binary("audio/ogg", audio);
			case "aac" -> SimulatedResponse.binary("audio/aac", audio);
			default -> SimulatedResponse.binary("audio/mpeg", audio);
		};
	}

	/**
	 * Speech as {@code stream_format=sse} events: the audio base64-encoded in chunks of
	 * uneven size, then {@code speech.audio.done} with the text tokens in (about one per
	 * four characters) and the audio tokens out (about 21 per second, which is what
	 * gpt-4o-mini-tts's $12 per million audio tokens and $0.015 a minute imply).
	 */
	private static SimulatedResponse speechEvents(JsonNode fields, byte[] audio, int samples) {
		StringBuilder body = new StringBuilder();
		int frames = 0;
		int chunk = 3000;
		for (int offset = 0; offset < audio.length; offset += chunk, chunk = (chunk == 3000) ? 4500 : 3000) {
			int length = Math.min(chunk, audio.length - offset);
			ObjectNode delta = SimulatedResponse.JSON.createObjectNode();
			delta.put("type", "speech.audio.delta")
				.put("audio", Base64.getEncoder().encodeToString(Arrays.copyOfRange(audio, offset, offset + length)));
			body.append("data: ").append(delta).append("\n\n");
			frames++;
		}
		int characters = fields.path("input").asString().length() + fields.path("instructions").asString("").length();
		int input = Math.max(1, (characters + 3) / 4);
		int output = (int) Math.ceil(samples * 21.0 / SAMPLE_RATE);
		ObjectNode done = SimulatedResponse.JSON.createObjectNode();
		done.put("type", "speech.audio.done");
		done.putObject("usage").put("input_tokens", input).put("output_tokens", output).put("total_tokens",
				input + output);
		body.append("data: ").append(done).append("\n\n");
		return SimulatedResponse.eventStream(body.toString(), frames + 1);
	}

	// 440 Hz, 16-bit signed little-endian mono
	private static byte[] tone(int samples) {
		ByteBuffer buffer = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
		for (int i = 0; i < samples; i++) {
			buffer.putShort((short) (Math.sin(2 * Math.PI * 440 * i / SAMPLE_RATE) * 8000));
		}
		return buffer.array();
	}

	private static byte[] wav(byte[] pcm) {
		ByteBuffer buffer = ByteBuffer.allocate(44 + pcm.length).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length);
		buffer.put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII));
		buffer.putInt(16).putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2);
		buffer.putShort((short) 2).putShort((short) 16);
		buffer.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length).put(pcm);
		return buffer.array();
	}

	// the format's magic bytes ahead of the samples: recognisable, not decodable
	private static byte[] framed(byte[] magic, byte[] pcm) {
		byte[] body = new byte[magic.length + pcm.length];
		System.arraycopy(magic, 0, body, 0, magic.length);
		System.arraycopy(pcm, 0, body, magic.length, pcm.length);
		return body;
	}

}
