package io.github.openaiboot.audio;

/**
 * How {@link AudioClient#speech(SpeechRequest)} asks for speech whose request leaves
 * {@code stream_format} unset.
 *
 * @author openai-spring-boot
 */
public enum SpeechStreamFormat {

	/**
	 * As events for the models priced per token ({@code gpt-4o-mini-tts} and its
	 * snapshots), whose last event carries the tokens used, so that their cost is
	 * recorded; as audio bytes for the others.
	 */
	AUTO,

	/**
	 * Always as audio bytes, OpenAI's default: no usage is reported, so speech priced
	 * per token has no recorded cost.
	 */
	AUDIO,

	/**
	 * Always as events of base64 audio (not supported by tts-1 and tts-1-hd).
	 */
	SSE

}
