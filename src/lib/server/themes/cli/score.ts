// npm run themes:score -- <file.tsv> [--misses]: scores the app's theme suggestions on labelled questions.
import { readFile } from 'node:fs/promises';
import { buildThemeModel } from '../model.ts';
import { parseLabelled, scoreQuestions } from '../score.ts';
import { templateThemes } from '../template-themes.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
	console.error('usage: npm run themes:score -- <file.tsv> [--misses]');
	process.exit(2);
}
const report = scoreQuestions(buildThemeModel(templateThemes()), parseLabelled(await readFile(file, 'utf8')));
const f = (x: number) => x.toFixed(3);

if (args.includes('--misses')) {
	for (const row of report.rows.filter((r) => r.outcome !== 'right')) {
		console.log(`${row.outcome}\t${row.theme}\t${row.suggested ?? '-'}\t${row.question}`);
	}
}
console.log(`questions ${report.total}, suggestions ${report.suggested}, right ${report.correct}`);
console.log(`accuracy among suggestions ${f(report.answeredAccuracy)}`);
console.log(`coverage ${f(report.coverage)}`);
for (const { coverage, accuracy } of report.atCoverage) {
	console.log(`accuracy at ${Math.round(coverage * 100)}% coverage ${f(accuracy)}`);
}
console.log(`answered-accuracy ${f(report.answeredAccuracy)} coverage ${f(report.coverage)}`);
