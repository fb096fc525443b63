// The template's three themes as the engine sees them, with stable ids for the command-line tools and
// tests (a meeting's themes get random ids and carry the same words, see templates/create-from-template.ts).
import { OPDENKSESSIE_THEMES } from '../templates/opdenksessie.ts';
import { TEMPLATE_THEME_TEXTS } from '../templates/theme-lexicons.ts';
import type { ThemeInput } from './types.ts';

export const TEMPLATE_THEME_KEYS = ['governance', 'finance', 'quality'] as const;

export function templateThemes(): ThemeInput[] {
	return TEMPLATE_THEME_TEXTS.map((t, i) => ({
		id: t.key,
		name: OPDENKSESSIE_THEMES[i].name,
		description: t.description,
		words: t.words
	}));
}
