// Links in the facilitator's Markdown (introduction, conclusions, next steps) reach readers of the
// Markdown report, whose viewer turns them into real links. A `javascript:`, `data:` or `vbscript:`
// destination there runs script in whatever renders the file, so only web and mail links stay links.
// What is not allowed is kept as visible text: the report shows what the facilitator wrote.

/** Schemes a reader may follow. A destination without a scheme (a relative path, "#part") is safe too. */
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * The scheme a browser would see: URL parsers drop ASCII whitespace and controls anywhere in it
 * ("java\tscript:") and ignore case, and a "<…>" destination is unwrapped first.
 */
function schemeOf(destination: string): string | null {
	const squeezed = destination.replace(/^</, '').replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
	return /^([a-z][a-z0-9+.-]*):/.exec(squeezed)?.[1] ?? null;
}

export function isSafeLinkDestination(destination: string): boolean {
	const scheme = schemeOf(destination);
	return scheme === null || ALLOWED_SCHEMES.has(scheme);
}

// An inline link or image: "](" then its destination, which may start on the next line. Judged on
// the rest of the line (and the next) with whitespace squeezed out: stricter than a Markdown parser,
// so no spelling of a destination can slip between our reading and the viewer's.
const INLINE_LINK = /\]\((?=([^\n]*(?:\n[^\n]*)?))/g;
// A reference definition: "[label]:" at the start of a line (up to three spaces in), destination on
// the same or the next line.
const REFERENCE = /^( {0,3}\[[^\]\n]+\])(:)([ \t]*\n?[ \t]*)(\S+)/gm;

/**
 * The Markdown with every link whose destination uses another scheme turned into plain text, by
 * escaping the one character that makes it a link ("\\(" or "\\:"). Safe links are left alone.
 */
export function neutraliseUnsafeLinks(markdown: string): string {
	return markdown
		.replace(INLINE_LINK, (match, destination: string) => (isSafeLinkDestination(destination) ? match : ']\\('))
		.replace(REFERENCE, (match, label: string, _colon: string, gap: string, destination: string) =>
			isSafeLinkDestination(destination) ? match : `${label}\\:${gap}${destination}`
		);
}
