// The template's three themes as the engine sees them, with stable ids for the command-line tools and
// tests. A meeting made from the template stores the same names, descriptions and words with random ids.
import { OPDENKSESSIE_THEMES } from '../templates/opdenksessie.ts';
import type { ThemeInput } from './types.ts';

export const TEMPLATE_THEME_KEYS = ['governance', 'finance', 'quality'] as const;

export function templateThemes(): ThemeInput[] {
	return TEMPLATE_THEME_KEYS.map((id, i) => {
		const { name, description, words } = OPDENKSESSIE_THEMES[i];
		return { id, name, description, words };
	});
}
