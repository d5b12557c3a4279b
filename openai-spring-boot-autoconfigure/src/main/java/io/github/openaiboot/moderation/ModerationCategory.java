package io.github.openaiboot.moderation;

/**
 * The moderation categories OpenAI knows. Categories are open strings: a result holds
 * whichever the model reports.
 *
 * @author openai-spring-boot
 */
public final class ModerationCategory {

	/** Category {@code hate}. */
	public static final String HATE = "hate";

	/** Category {@code hate/threatening}. */
	public static final String HATE_THREATENING = "hate/threatening";

	/** Category {@code harassment}. */
	public static final String HARASSMENT = "harassment";

	/** Category {@code harassment/threatening}. */
	public static final String HARASSMENT_THREATENING = "harassment/threatening";

	/** Category {@code illicit}. */
	public static final String ILLICIT = "illicit";

	/** Category {@code illicit/violent}. */
	public static final String ILLICIT_VIOLENT = "illicit/violent";

	/** Category {@code self-harm}. */
	public static final String SELF_HARM = "self-harm";

	/** Category {@code self-harm/intent}. */
	public static final String SELF_HARM_INTENT = "self-harm/intent";

	/** Category {@code self-harm/instructions}. */
	public static final String SELF_HARM_INSTRUCTIONS = "self-harm/instructions";

	/** Category {@code sexual}. */
	public static final String SEXUAL = "sexual";

	/** Category {@code sexual/minors}. */
	public static final String SEXUAL_MINORS = "sexual/minors";

	/** Category {@code violence}. */
	public static final String VIOLENCE = "violence";

	/** Category {@code violence/graphic}. */
	public static final String VIOLENCE_GRAPHIC = "violence/graphic";

	/** The omni moderation model, text and images. */
	public static final String OMNI_MODERATION_LATEST = "omni-moderation-latest";

	/** The legacy text moderation model. */
	public static final String TEXT_MODERATION_LATEST = "text-moderation-latest";

	private ModerationCategory() {
	}

}
