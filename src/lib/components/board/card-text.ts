/** A card's text for a control's accessible name: whole when short, cut at a word when long. */
export function shortText(text: string, max = 200): string {
	if (text.length <= max) return text;
	const cut = text.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
