package io.github.openaiboot.audio;

/**
 * Values audio requests take when they leave them unset.
 *
 * @param model the transcription and translation model
 * @param speechModel the text-to-speech model
 * @param voice the text-to-speech voice
 * @param speechStreamFormat how speech is asked for when its request does not say
 * @author openai-spring-boot
 */
public record AudioDefaults(String model, String speechModel, String voice, SpeechStreamFormat speechStreamFormat) {

	/**
	 * OpenAI's own choices: {@code whisper-1}, {@code tts-1} and {@code alloy}, with
	 * speech priced per token streamed as events ({@link SpeechStreamFormat#AUTO}).
	 */
	public static final AudioDefaults OPENAI = new AudioDefaults(AudioFormat.WHISPER_1, AudioFormat.TTS_1,
			Voice.ALLOY);

	/**
	 * Create defaults.
	 */
	public AudioDefaults {
		speechStreamFormat = (speechStreamFormat != null) ? speechStreamFormat : SpeechStreamFormat.AUTO;
	}

	/**
	 * Create defaults whose speech stream format is {@link SpeechStreamFormat#AUTO}.
	 * @param model the transcription and translation model
	 * @param speechModel the text-to-speech model
	 * @param voice the text-to-speech voice
	 */
	public AudioDefaults(String model, String speechModel, String voice) {
		this(model, speechModel, voice, SpeechStreamFormat.AUTO);
	}

}
