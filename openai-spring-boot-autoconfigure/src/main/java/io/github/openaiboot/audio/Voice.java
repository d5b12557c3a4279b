package io.github.openaiboot.audio;

/**
 * The built-in voices of text to speech. Voices are open strings: OpenAI adds new ones.
 *
 * @author openai-spring-boot
 */
public final class Voice {

	/** Voice {@code alloy}. */
	public static final String ALLOY = "alloy";

	/** Voice {@code ash}. */
	public static final String ASH = "ash";

	/** Voice {@code ballad}. */
	public static final String BALLAD = "ballad";

	/** Voice {@code coral}. */
	public static final String CORAL = "coral";

	/** Voice {@code echo}. */
	public static final String ECHO = "echo";

	/** Voice {@code fable}. */
	public static final String FABLE = "fable";

	/** Voice {@code onyx}. */
	public static final String ONYX = "onyx";

	/** Voice {@code nova}. */
	public static final String NOVA = "nova";

	/** Voice {@code sage}. */
	public static final String SAGE = "sage";

	/** Voice {@code shimmer}. */
	public static final String SHIMMER = "shimmer";

	/** Voice {@code verse}. */
	public static final String VERSE = "verse";

	/** Voice {@code marin}. */
	public static final String MARIN = "marin";

	/** Voice {@code cedar}. */
	public static final String CEDAR = "cedar";

	private Voice() {
	}

}
