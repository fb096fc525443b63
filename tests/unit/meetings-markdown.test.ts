import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/lib/text/markdown.ts';

describe('meeting introductions (Markdown subset)', () => {
	it('turns paragraphs, lists, headings and emphasis into blocks of plain text', () => {
		expect(
			parseMarkdown('# Welkom\n\nEerste regel\ntweede **vet** en _schuin_\n\n- een\n- twee')
		).toEqual([
			{ kind: 'heading', content: [{ text: 'Welkom' }] },
			{
				kind: 'paragraph',
				lines: [
					[{ text: 'Eerste regel' }],
					[
						{ text: 'tweede ' },
						{ text: 'vet', strong: true },
						{ text: ' en ' },
						{ text: 'schuin', em: true }
					]
				]
			},
			{ kind: 'list', items: [[{ text: 'een' }], [{ text: 'twee' }]] }
		]);
	});

	it('keeps HTML as text, never as markup', () => {
		expect(parseMarkdown('<script>alert(1)</script>')).toEqual([
			{ kind: 'paragraph', lines: [[{ text: '<script>alert(1)</script>' }]] }
		]);
	});
});
