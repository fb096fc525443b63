// From stored themes to the engine's input, and from what a facilitator types to theme words.
import { OPDENKSESSIE_THEMES } from '../templates/opdenksessie.ts';
import type { ThemeInput, ThemeWord } from './types.ts';

export interface ThemeRow {
	id: string;
	name: string;
	description?: string | null;
	words?: readonly ThemeWord[] | null;
}

/**
 * The meeting's themes for the engine. A theme stored before themes had words (migration 0005) but
 * named like a template theme gets that theme's words, so older meetings get suggestions too.
 */
export function themeInputs(rows: readonly ThemeRow[]): ThemeInput[] {
	return rows.map((row) => {
		const words = row.words ?? [];
		const template = words.length
			? undefined
			: OPDENKSESSIE_THEMES.find((t) => t.name.toLowerCase() === row.name.trim().toLowerCase());
		return {
			id: row.id,
			name: row.name,
			description: row.description || template?.description || '',
			words: template ? template.words : words
		};
	});
}

/** Maximum words a facilitator can give one theme; the template's lexicons stay under it. */
export const THEME_WORDS_MAX = 100;

/**
 * Words typed as a list ("diversiteit, kansengelijkheid; toegankelijk"), one per comma, semicolon or
 * line; a trailing ~ marks a weak word. Duplicates and empty entries are dropped.
 */
export function parseThemeWords(text: string): ThemeWord[] {
	const seen = new Set<string>();
	const words: ThemeWord[] = [];
	for (const raw of text.split(/[,;\n]/)) {
		const entry = raw.trim().replace(/\s+/g, ' ');
		const weak = entry.endsWith('~');
		const term = (weak ? entry.slice(0, -1) : entry).trim().toLowerCase();
		if (!term || seen.has(term) || term.length > 60) continue;
		seen.add(term);
		words.push(weak ? { term, weak } : { term });
		if (words.length === THEME_WORDS_MAX) break;
	}
	return words;
}
