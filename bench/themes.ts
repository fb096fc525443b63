// Speed and size of the theme engine (issue 16 aims: start-up under 1 s extra, under 50 MB extra
// memory, under 5 ms per card, duplicate hints for a table of 150 cards under 200 ms).
// Usage: npm run bench:themes   (plain Node 24, no build; writes bench/results/themes.json)
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const memory = () => process.memoryUsage();
const before = memory();
const t0 = performance.now();
const engine = await import('../src/lib/server/themes/index.ts');
const model = engine.buildThemeModel(engine.templateThemes());
// The first compound split parses the word parts list; count it as start-up.
engine.suggestTheme(model, 'Wie betaalt het opleidingsbudget?');
const startupMs = performance.now() - t0;

const questions = ['dev-a.tsv', 'dev-b.tsv', 'holdout.tsv'].flatMap((f) =>
	engine.parseLabelled(readFileSync(new URL(`../tests/fixtures/themes/${f}`, import.meta.url), 'utf8')).map((q) => q.question)
);
// 150 cards: the development questions, with variations so that some look alike.
const table = Array.from({ length: 150 }, (_, i) => (i < questions.length ? questions[i] : `${questions[i % 40]} (nogmaals)`));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perCard: number[] = [];
const frequencies = engine.countBoardStems(model, table);
for (let round = 0; round < 5; round++) {
	for (const text of table) {
		const start = performance.now();
		engine.suggestTheme(model, text, { frequencies });
		perCard.push(performance.now() - start);
	}
}
const duplicates: number[] = [];
for (let round = 0; round < 5; round++) {
	const start = performance.now();
	engine.findDuplicateHints(model, table.map((text, i) => ({ id: `c${i}`, text })), { frequencies });
	duplicates.push(performance.now() - start);
}
const frequencyStart = performance.now();
engine.countBoardStems(model, table);
const frequenciesMs = performance.now() - frequencyStart;

globalThis.gc?.();
const after = memory();
const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
const ms = (n: number) => Math.round(n * 100) / 100;
const result = {
	startupMs: ms(startupMs),
	extraRssMb: mb(after.rss - before.rss),
	extraHeapMb: mb(after.heapUsed - before.heapUsed),
	perCardMedianMs: ms(median(perCard)),
	perCardMaxMs: ms(Math.max(...perCard)),
	duplicateHints150MedianMs: ms(median(duplicates)),
	duplicateHints150MaxMs: ms(Math.max(...duplicates)),
	boardFrequencies150Ms: ms(frequenciesMs),
	aims: { startupMs: 1000, extraRssMb: 50, perCardMs: 5, duplicateHints150Ms: 200 }
};
console.log(JSON.stringify(result, null, 2));
writeFileSync(new URL('results/themes.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
