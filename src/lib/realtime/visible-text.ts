// Text that shows nothing is no text. A card of zero-width spaces, word joiners, braille blanks or
// Hangul fillers passes `trim()` and `nonEmpty`, yet appears on every screen as an empty card that
// nobody can name or vote on with sense. Shared by browser and server: the same rule decides both.

/**
 * Characters that draw nothing on their own: white space of every kind, default-ignorable code
 * points (zero-width space/joiners, word joiner, soft hyphen, Hangul fillers U+115F/U+1160/U+3164/
 * U+FFA0, variation selectors, tags), controls and format characters (LRM/RLM, bidi embeddings,
 * BOM), and the braille blank U+2800, which is a symbol by category but prints as a space.
 */
const INVISIBLE = /[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}\u2800]/gu;

/** True when the text has at least one character a reader can see. */
export function hasVisibleText(text: string): boolean {
	return text.replace(INVISIBLE, '').length > 0;
}
