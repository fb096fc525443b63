// Writes latest.md again from latest.json (after a change to the table's layout or to the aims):
// `node bench/write-report.ts [dir]`, dir bench/results unless given (e.g. a trial run's `--out`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeMarkdown } from './lib/report.ts';
import { assessAims } from './lib/aims.ts';

const dir = process.argv[2] ?? 'bench/results';
const out = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as Parameters<typeof writeMarkdown>[0] & { quick: boolean };
// The aims are judged again from the figures, so a run recorded before an aim changed shows the new aims.
out.aims = assessAims(out.results, out.quick);
writeFileSync(join(dir, 'latest.md'), writeMarkdown(out));
console.log(`written: ${join(dir, 'latest.md')}`);
