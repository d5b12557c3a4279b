package io.github.openaiboot.audio;

/**
 * Values audio requests take when they leave them unset.
 *
 * @param model the transcription and translation model
 * @param speechModel the text-to-speech model
 * @param voice the text-to-speech voice
 * @author openai-spring-boot
 */
public record AudioDefaults(String model, String speechModel, String voice) {

	/**
	 * OpenAI's own choices: {@code whisper-1}, {@code tts-1} and {@code alloy}.
	 */
	public static final AudioDefaults OPENAI = new AudioDefaults(AudioFormat.WHISPER_1, AudioFormat.TTS_1,
			Voice.ALLOY);

}
