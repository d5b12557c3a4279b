package io.github.openaiboot.audio;

/**
 * The names OpenAI's audio endpoints know for models, voices and formats. All are open
 * strings: OpenAI adds new ones, and these constants are only those known when this
 * client was written.
 *
 * @author openai-spring-boot
 */
public final class AudioFormat {

	/**
	 * Whisper: transcription and translation, every response format, priced per minute.
	 */
	public static final String WHISPER_1 = "whisper-1";

	/**
	 * Transcription model priced per token; {@code json} responses and streaming.
	 */
	public static final String GPT_4O_TRANSCRIBE = "gpt-4o-transcribe";

	/**
	 * Smaller transcription model priced per token; {@code json} responses and
	 * streaming.
	 */
	public static final String GPT_4O_MINI_TRANSCRIBE = "gpt-4o-mini-transcribe";

	/**
	 * Transcription model that labels who speaks ({@code diarized_json}), priced like
	 * gpt-4o-transcribe.
	 */
	public static final String GPT_4O_TRANSCRIBE_DIARIZE = "gpt-4o-transcribe-diarize";

	/**
	 * Transcription model that takes several languages and keywords.
	 */
	public static final String GPT_TRANSCRIBE = "gpt-transcribe";

	/**
	 * Text to speech priced per character.
	 */
	public static final String TTS_1 = "tts-1";

	/**
	 * Text to speech in higher quality, priced per character.
	 */
	public static final String TTS_1_HD = "tts-1-hd";

	/**
	 * Text to speech that follows instructions, priced per token.
	 */
	public static final String GPT_4O_MINI_TTS = "gpt-4o-mini-tts";

	/**
	 * Transcription response: JSON with the text (the default).
	 */
	public static final String JSON = "json";

	/**
	 * Transcription response: plain text.
	 */
	public static final String TEXT = "text";

	/**
	 * Transcription response: SubRip subtitles.
	 */
	public static final String SRT = "srt";

	/**
	 * Transcription response: WebVTT subtitles.
	 */
	public static final String VTT = "vtt";

	/**
	 * Transcription response: JSON with language, duration, segments and words.
	 */
	public static final String VERBOSE_JSON = "verbose_json";

	/**
	 * Transcription response of a diarization model: JSON with segments labelled by
	 * speaker.
	 */
	public static final String DIARIZED_JSON = "diarized_json";

	/**
	 * Speech streamed as its audio bytes (the default).
	 */
	public static final String STREAM_AUDIO = "audio";

	/**
	 * Speech streamed as server-sent events of base64 audio, ending with the tokens used
	 * (not with tts-1 or tts-1-hd).
	 */
	public static final String STREAM_SSE = "sse";

	/**
	 * Speech format: MP3 (the default).
	 */
	public static final String MP3 = "mp3";

	/**
	 * Speech format: Opus.
	 */
	public static final String OPUS = "opus";

	/**
	 * Speech format: AAC.
	 */
	public static final String AAC = "aac";

	/**
	 * Speech format: FLAC.
	 */
	public static final String FLAC = "flac";

	/**
	 * Speech format: WAV.
	 */
	public static final String WAV = "wav";

	/**
	 * Speech format: raw 24 kHz 16-bit signed little-endian samples, no header.
	 */
	public static final String PCM = "pcm";

	private AudioFormat() {
	}

}
