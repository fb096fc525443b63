// A deliberately small Markdown subset for what facilitators write (introductions, conclusions): paragraphs, "-"/"*" lists, "#"
// headings, **bold** and _italic_. Why not a full library: it would produce an HTML string that we
// would then have to sanitise and inject with {@html}. Here the text becomes data that Svelte renders
// as text nodes, so no HTML in an introduction can ever reach the page as markup.

export type Inline = { text: string; strong?: boolean; em?: boolean };
export type Block =
	| { kind: 'paragraph'; lines: Inline[][] }
	| { kind: 'heading'; content: Inline[] }
	| { kind: 'list'; items: Inline[][] };

const INLINE = /(\*\*[^*]+\*\*|_[^_]+_)/g;

export function parseInline(text: string): Inline[] {
	const out: Inline[] = [];
	for (const part of text.split(INLINE)) {
		if (!part) continue;
		if (part.startsWith('**') && part.endsWith('**') && part.length > 4)
			out.push({ text: part.slice(2, -2), strong: true });
		else if (part.startsWith('_') && part.endsWith('_') && part.length > 2)
			out.push({ text: part.slice(1, -1), em: true });
		else out.push({ text: part });
	}
	return out;
}

export function parseMarkdown(source: string): Block[] {
	const blocks: Block[] = [];
	for (const chunk of source.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
		const lines = chunk
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
		if (!lines.length) continue;
		if (lines.every((l) => /^[-*]\s+/.test(l))) {
			blocks.push({
				kind: 'list',
				items: lines.map((l) => parseInline(l.replace(/^[-*]\s+/, '')))
			});
		} else if (lines.length === 1 && /^#{1,6}\s+/.test(lines[0])) {
			blocks.push({ kind: 'heading', content: parseInline(lines[0].replace(/^#{1,6}\s+/, '')) });
		} else {
			blocks.push({ kind: 'paragraph', lines: lines.map(parseInline) });
		}
	}
	return blocks;
}
