// npm run themes:suggest: one question a line on stdin; prints `theme<TAB>reason`, or `-<TAB>reason`
// when the app would not suggest a theme. Reasons in Dutch, from the app's own message files.
import { createInterface } from 'node:readline';
import { themeReasonLabels } from '../../../i18n/theme-labels.ts';
import { buildThemeModel } from '../model.ts';
import { describeSuggestion } from '../reason.ts';
import { suggestTheme } from '../suggest.ts';
import { templateThemes } from '../template-themes.ts';

const themes = templateThemes();
const model = buildThemeModel(themes);
const names = new Map(themes.map((t) => [t.id, t.name]));
const labels = themeReasonLabels('nl');

for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
	if (!line.trim()) continue;
	const suggestion = suggestTheme(model, line);
	const reason = describeSuggestion(suggestion, (id) => names.get(id) ?? id, labels);
	console.log(`${suggestion.kind === 'theme' ? suggestion.themeId : '-'}\t${reason}`);
}
