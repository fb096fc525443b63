// Writes bench/results/latest.md again from latest.json (after a change to the table's layout).
import { readFileSync, writeFileSync } from 'node:fs';
import { writeMarkdown } from './lib/report.ts';

const out = JSON.parse(readFileSync('bench/results/latest.json', 'utf8')) as Parameters<typeof writeMarkdown>[0];
writeFileSync('bench/results/latest.md', writeMarkdown(out));
console.log('written: bench/results/latest.md');
